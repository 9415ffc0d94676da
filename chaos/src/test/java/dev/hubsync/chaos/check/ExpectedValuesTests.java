package dev.hubsync.chaos.check;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.hubsync.chaos.workload.FieldWrite;
import dev.hubsync.chaos.workload.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExpectedValuesTests {

	private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

	private static final Duration AMBIGUITY = Duration.ofMillis(50);

	@Test
	void aFieldNeverWrittenHoldsNothing() {
		assertThat(ExpectedValues.of(null, AMBIGUITY)).containsExactly((String) null);
	}

	@Test
	void theLatestAcknowledgedWriteWinsWhicheverSideMadeIt() {
		List<FieldWrite> writes = List.of(write(Side.PLATFORM, "a", 0, true), write(Side.HUBSPOT, "b", 1000, true),
				write(Side.PLATFORM, null, 2000, true));
		assertThat(ExpectedValues.of(writes, AMBIGUITY)).containsExactly((String) null);
	}

	@Test
	void writesCloserThanTheAmbiguityWindowMayEachWin() {
		List<FieldWrite> writes = List.of(write(Side.HUBSPOT, "b", 1000, true), write(Side.PLATFORM, "c", 1020, true));
		assertThat(ExpectedValues.of(writes, AMBIGUITY)).containsExactlyInAnyOrder("b", "c");
	}

	@Test
	void aPlatformWriteMayBeAsLateAsItsAcknowledgement() {
		// the row's transaction started at 1000 and committed (the time the sync sees)
		// by 1200; HubSpot's write at 1152 may be the earlier of the two (chaos seed 2026
		// under load)
		FieldWrite platform = write(Side.PLATFORM, "p", 1000, true).within(T.plusMillis(1000), T.plusMillis(1200));
		List<FieldWrite> writes = List.of(platform, write(Side.HUBSPOT, "h", 1152, true));
		assertThat(ExpectedValues.of(writes, AMBIGUITY)).containsExactlyInAnyOrder("p", "h");
		// acknowledged before HubSpot's write, it is the older
		FieldWrite quick = write(Side.PLATFORM, "p", 1000, true).within(T.plusMillis(1000), T.plusMillis(1010));
		assertThat(ExpectedValues.of(List.of(quick, write(Side.HUBSPOT, "h", 1100, true)), AMBIGUITY))
			.containsExactly("h");
	}

	@Test
	void aLaterUnacknowledgedWriteMayOrMayNotHaveHappened() {
		List<FieldWrite> writes = List.of(write(Side.HUBSPOT, "b", 1000, true), write(Side.PLATFORM, "c", 3000, false));
		assertThat(ExpectedValues.of(writes, AMBIGUITY)).containsExactlyInAnyOrder("b", "c");
	}

	@Test
	void onFirstLinkTheOnlySideWithAValueWinsWhateverItsAge() {
		List<FieldWrite> writes = List.of(write(Side.PLATFORM, "Tim", 0, true), write(Side.HUBSPOT, "Grace", 0, true),
				write(Side.HUBSPOT, null, 3000, true));
		assertThat(ExpectedValues.of(ExpectedValues.atFirstLink(writes, T.plusMillis(6000)), AMBIGUITY))
			.containsExactly("Tim");
		assertThat(ExpectedValues.of(ExpectedValues.atFirstLink(writes, T.plusMillis(1000)), AMBIGUITY))
			.containsExactly((String) null);
	}

	private static FieldWrite write(Side side, String value, long millis, boolean certain) {
		return new FieldWrite(side, value, T.plusMillis(millis), certain, false);
	}

}
