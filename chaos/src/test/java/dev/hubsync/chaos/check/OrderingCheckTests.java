package dev.hubsync.chaos.check;

import java.time.Instant;
import java.util.List;

import dev.hubsync.chaos.workload.FieldWrite;
import dev.hubsync.chaos.workload.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderingCheckTests {

	private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

	private final List<FieldWrite> hubspotWrites = List.of(write("a", 0), write("b", 1000), write("a", 2000),
			write("c", 3000));

	@Test
	void valuesAppliedInTheOrderTheyWereWrittenHoldTheOrder() {
		assertThat(OrderingCheck.firstOutOfOrder(this.hubspotWrites,
				List.of(applied(1, "a"), applied(2, "b"), applied(3, "b"), applied(4, "a"), applied(5, "c")),
				"inbound"))
			.isNull();
	}

	@Test
	void skippedValuesAreFineCoalescingIsTheDesign() {
		assertThat(
				OrderingCheck.firstOutOfOrder(this.hubspotWrites, List.of(applied(1, "a"), applied(2, "c")), "inbound"))
			.isNull();
	}

	@Test
	void anOlderValueAppliedAfterANewerOneBreaksTheOrder() {
		assertThat(
				OrderingCheck.firstOutOfOrder(this.hubspotWrites, List.of(applied(1, "c"), applied(7, "b")), "inbound"))
			.contains("applied 'b' (log line 7) after 'c'");
	}

	@Test
	void theOtherDirectionIsCheckedAgainstTheOtherSidesWrites() {
		assertThat(OrderingCheck.firstOutOfOrder(this.hubspotWrites, List.of(applied(1, "c"), applied(7, "b")),
				"outbound"))
			.isNull();
	}

	@Test
	void aValueTheOtherSideWroteTooMayTravelOutOfTheSourcesOrder() {
		List<FieldWrite> both = new java.util.ArrayList<>(this.hubspotWrites);
		both.add(new FieldWrite(Side.PLATFORM, "b", T.plusMillis(4000), true, false));
		// 'b' after 'c': HubSpot wrote it before 'c', and the product wrote it later; the
		// sync may carry the product's 'b' back through HubSpot's side
		assertThat(OrderingCheck.firstOutOfOrder(both, List.of(applied(1, "c"), applied(7, "b")), "inbound")).isNull();
	}

	private static FieldWrite write(String value, long millis) {
		return new FieldWrite(Side.HUBSPOT, value, T.plusMillis(millis), true, false);
	}

	private static SnapshotReader.Applied applied(long id, String value) {
		return new SnapshotReader.Applied(id, "inbound", value);
	}

}
