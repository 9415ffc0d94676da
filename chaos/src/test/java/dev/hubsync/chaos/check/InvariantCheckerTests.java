package dev.hubsync.chaos.check;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.chaos.workload.Entity;
import dev.hubsync.chaos.workload.Ledger;
import dev.hubsync.chaos.workload.LedgerFixtures;
import dev.hubsync.chaos.workload.ObjectKind;
import dev.hubsync.chaos.workload.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvariantCheckerTests {

	private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

	private final InvariantChecker checker = new InvariantChecker(Duration.ofMillis(50));

	private final Ledger ledger = new Ledger();

	private final Entity ada = LedgerFixtures.contactOnPlatform(this.ledger, "ada@chaos.example", "k1", T);

	@Test
	void aLinkedPairHoldingTheLatestValuesHoldsEveryInvariant() {
		LedgerFixtures.write(this.ada, "firstname", Side.HUBSPOT, "Ada", T.plusSeconds(1));
		Snapshot snapshot = snapshot(values("Ada"), values("Ada"), true);
		assertThat(this.checker.check(this.ledger, snapshot)).isEmpty();
	}

	@Test
	void sidesThatDisagreeBreakFieldEquality() {
		LedgerFixtures.write(this.ada, "firstname", Side.HUBSPOT, "Ada", T.plusSeconds(1));
		assertThat(this.checker.check(this.ledger, snapshot(values(null), values("Ada"), true)))
			.extracting(Violation::invariant)
			.containsExactly(Invariant.FIELDS_EQUAL);
	}

	@Test
	void anOlderValueOnBothSidesBreaksLatestChangeWins() {
		LedgerFixtures.write(this.ada, "firstname", Side.HUBSPOT, "Ada", T.plusSeconds(1));
		LedgerFixtures.write(this.ada, "firstname", Side.PLATFORM, "Augusta", T.plusSeconds(2));
		assertThat(this.checker.check(this.ledger, snapshot(values("Ada"), values("Ada"), true)))
			.extracting(Violation::invariant)
			.containsExactly(Invariant.LATEST_CHANGE_WINS);
	}

	@Test
	void anUnlinkedRecordIsLost() {
		assertThat(this.checker.check(this.ledger, snapshot(values(null), values(null), false)))
			.extracting(Violation::invariant)
			.containsExactly(Invariant.NO_RECORD_LOST);
	}

	@Test
	void parkedEventsAndUnjustifiedDeadLettersAreReported() {
		Snapshot linked = snapshot(values(null), values(null), true);
		Snapshot withLeftovers = new Snapshot(linked.rows(), linked.records(), linked.links(), 2, List.of(),
				List.of(new Snapshot.DeadLetter("hubsync.local.changes.v1.dlt", "leads:k1", "boom")), T);
		assertThat(this.checker.check(this.ledger, withLeftovers)).extracting(Violation::invariant)
			.containsExactly(Invariant.NOTHING_PARKED, Invariant.DEAD_LETTERS_JUSTIFIED);
	}

	@Test
	void aMergeReviewIsJustifiedByTheMergeHubSpotShowsEvenWhenTheLedgerDoesNotHaveIt() {
		Snapshot linked = snapshot(values(null), values(null), true);
		Snapshot.Review review = new Snapshot.Review("merge", "0-1", "k1", "499", null,
				"HubSpot merged two linked records into 501");
		Snapshot notMerged = new Snapshot(linked.rows(), linked.records(), linked.links(), 0, List.of(review),
				List.of(), T);
		assertThat(this.checker.check(this.ledger, notMerged)).extracting(Violation::invariant)
			.containsExactly(Invariant.NOTHING_PARKED);
		Snapshot.HubSpotRecord survivor = new Snapshot.HubSpotRecord(ObjectKind.CONTACT, "501", values(null), null,
				false, List.of(), List.of("499", "498"));
		Snapshot merged = new Snapshot(linked.rows(), Map.of(Snapshot.recordKey(ObjectKind.CONTACT, "501"), survivor),
				linked.links(), 0, List.of(review), List.of(), T);
		assertThat(this.checker.check(this.ledger, merged)).isEmpty();
	}

	private static Map<String, String> values(String firstname) {
		Map<String, String> values = new HashMap<>();
		values.put("email", "ada@chaos.example");
		values.put("firstname", firstname);
		return values;
	}

	private static Snapshot snapshot(Map<String, String> platform, Map<String, String> hubspot, boolean linked) {
		return new Snapshot(Map.of("k1", new Snapshot.Row(ObjectKind.CONTACT, "k1", platform, null, false)),
				Map.of(Snapshot.recordKey(ObjectKind.CONTACT, "501"),
						new Snapshot.HubSpotRecord(ObjectKind.CONTACT, "501", hubspot, null, false, List.of(),
								List.of())),
				linked ? List.of(new Snapshot.LinkRow("0-1", "501", "k1", false, T)) : List.of(), 0, List.of(),
				List.of(), T);
	}

}
