package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.worker.merge.FieldDecision.Outcome;
import dev.hubsync.worker.merge.FieldDecision.Reason;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge table (ARCHITECTURE §7) row by row: every state under every rule, and the
 * one-way directions. Each row states its expected outcome per rule, in the order
 * HUBSPOT_WINS, PLATFORM_WINS, LATEST_WINS, MANUAL.
 */
class FieldMergeTests {

	private static final Instant EARLY = Instant.parse("2026-11-01T10:00:00.000Z");

	private static final Instant LATE = Instant.parse("2026-11-02T10:00:00.000Z");

	private static final ConflictRule[] RULES = { ConflictRule.HUBSPOT_WINS, ConflictRule.PLATFORM_WINS,
			ConflictRule.LATEST_WINS, ConflictRule.MANUAL };

	/**
	 * The table: state, P, pT, H, hT, A, then the expected outcome and value for each
	 * rule. "H" and "P" in the expectation mean the HubSpot and product values.
	 */
	static Stream<Arguments> table() {
		List<Row> rows = List.of(
				// equal values: in sync under every rule, whatever the state
				row("equal, linked", "a", LATE, "a", EARLY, Ancestor.of("old"), all(Outcome.IN_SYNC, "P")),
				row("equal, first link", "a", EARLY, "a", LATE, Ancestor.none(), all(Outcome.IN_SYNC, "P")),
				row("both empty, first link", null, EARLY, "", LATE, Ancestor.none(), all(Outcome.IN_SYNC, "")),
				row("blank is empty", "  ", EARLY, "", LATE, Ancestor.of("a"), all(Outcome.IN_SYNC, "")),
				// one-sided changes propagate under every rule, whatever the times
				row("HubSpot changed", "a", LATE, "b", EARLY, Ancestor.of("a"), all(Outcome.TO_PLATFORM, "H")),
				row("HubSpot cleared", "a", LATE, "", EARLY, Ancestor.of("a"), all(Outcome.TO_PLATFORM, "")),
				row("product changed", "b", EARLY, "a", LATE, Ancestor.of("a"), all(Outcome.TO_HUBSPOT, "P")),
				row("product cleared", null, EARLY, "a", LATE, Ancestor.of("a"), all(Outcome.TO_HUBSPOT, "")),
				// first link: a value on one side only is kept and copied, even when the
				// empty side is newer
				row("first link, only HubSpot has it", null, LATE, "h", EARLY, Ancestor.none(),
						all(Outcome.TO_PLATFORM, "H")),
				row("first link, only the product has it", "p", EARLY, "", LATE, Ancestor.none(),
						all(Outcome.TO_HUBSPOT, "P")),
				row("first link, only the product has it, no times", "p", null, null, null, Ancestor.none(),
						all(Outcome.TO_HUBSPOT, "P")),
				// conflicts: the rule decides
				row("conflict, product later", "p", LATE, "h", EARLY, Ancestor.of("a"), rules("H", "P", "P")),
				row("conflict, HubSpot later", "p", EARLY, "h", LATE, Ancestor.of("a"), rules("H", "P", "H")),
				row("conflict, equal times", "p", LATE, "h", LATE, Ancestor.of("a"), rules("H", "P", "H")),
				row("conflict, same millisecond", "p", LATE.plusNanos(900_000), "h", LATE.plusNanos(100_000),
						Ancestor.of("a"), rules("H", "P", "H")),
				row("conflict, product cleared later", null, LATE, "h", EARLY, Ancestor.of("a"), rules("H", "P", "P")),
				row("conflict, HubSpot cleared later", "p", EARLY, "", LATE, Ancestor.of("a"), rules("H", "P", "H")),
				row("conflict, product time unknown", "p", null, "h", EARLY, Ancestor.of("a"), rules("H", "P", "H")),
				row("conflict, HubSpot time unknown", "p", EARLY, "h", null, Ancestor.of("a"), rules("H", "P", "P")),
				row("first link, both differ, product later", "p", LATE, "h", EARLY, Ancestor.none(),
						rules("H", "P", "P")),
				row("first link, both differ, HubSpot later", "p", EARLY, "h", LATE, Ancestor.none(),
						rules("H", "P", "H")),
				row("overwritten HubSpot edit", "p", EARLY, "h", LATE, Ancestor.diverged(), rules("H", "P", "H")),
				row("overwritten HubSpot clear", "p", EARLY, "", LATE, Ancestor.diverged(), rules("", "P", "")));
		List<Arguments> arguments = new ArrayList<>();
		for (Row row : rows) {
			for (int i = 0; i < RULES.length; i++) {
				arguments.add(Arguments.of(row.name(), RULES[i], row, row.expected()[i]));
			}
		}
		return arguments.stream();
	}

	@ParameterizedTest(name = "{0} under {1}")
	@MethodSource("table")
	void decidesEveryStateUnderEveryRule(String state, ConflictRule rule, Row row, Expected expected) {
		FieldDecision decision = FieldMerge.decide(new FieldInput(rule, FieldDirection.BOTH, row.platform(),
				row.platformAt(), row.hubspot(), row.hubspotAt(), row.ancestor()));
		assertThat(decision.outcome()).as(state).isEqualTo(expected.outcome());
		if (expected.outcome() != Outcome.REVIEW) {
			String value = switch (expected.value()) {
				case "P" -> row.platform();
				case "H" -> row.hubspot();
				default -> expected.value();
			};
			assertThat(decision.value()).as(state).isEqualTo(FieldMerge.normalise(value));
		}
		boolean conflict = state.startsWith("conflict") || state.startsWith("overwritten")
				|| state.startsWith("first link, both differ");
		assertThat(decision.conflict()).as(state).isEqualTo(conflict);
	}

	@Test
	void equalTimesGoToHubSpotAndSaySo() {
		FieldDecision decision = FieldMerge.decide(
				new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "p", LATE, "h", LATE, Ancestor.of("a")));
		assertThat(decision.reason()).isEqualTo(Reason.TIE);
		assertThat(decision.winner()).isEqualTo("hubspot");
	}

	@Test
	void aProductValueSetBackToTheLastSyncedOneAfterHubSpotsChangeIsTheLatestChange() {
		// chaos seed 42: the product set 'x', HubSpot set 'h', then the product cleared
		// the
		// field back to its last-synced empty value; its change event says when
		FieldDecision later = FieldMerge.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "", LATE,
				"h", EARLY, Ancestor.of(""), true));
		assertThat(later.outcome()).isEqualTo(Outcome.TO_HUBSPOT);
		assertThat(later.value()).isEmpty();
		assertThat(later.reason()).isEqualTo(Reason.PLATFORM_CHANGED_BACK);
		// HubSpot's change after the product's: HubSpot's value
		FieldDecision earlier = FieldMerge.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "",
				EARLY, "h", LATE, Ancestor.of(""), true));
		assertThat(earlier.outcome()).isEqualTo(Outcome.TO_PLATFORM);
		assertThat(earlier.value()).isEqualTo("h");
		// a time not read from the field's own change event says nothing of the field
		FieldDecision kept = FieldMerge.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "a", LATE,
				"h", EARLY, Ancestor.of("a"), false));
		assertThat(kept.reason()).isEqualTo(Reason.HUBSPOT_CHANGED);
		// other rules keep the table: HubSpot's change goes to the product
		assertThat(FieldMerge
			.decide(new FieldInput(ConflictRule.HUBSPOT_WINS, FieldDirection.BOTH, "", LATE, "h", EARLY,
					Ancestor.of(""), true))
			.outcome()).isEqualTo(Outcome.TO_PLATFORM);
	}

	@Test
	void underLatestWinsHubSpotsSetBackAfterTheProductsChangeIsTheLaterChange() {
		// a HubSpot user set the field away and back to the last-synced "a" after the
		// product set "p" (chaos seed 42): HubSpot's change is the later one
		FieldDecision later = FieldMerge.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "p",
				EARLY, "a", LATE, Ancestor.of("a"), true, true));
		assertThat(later).isEqualTo(new FieldDecision(Outcome.TO_PLATFORM, "a", Reason.HUBSPOT_CHANGED_BACK, true));
		// equal times go to HubSpot, as in every LATEST_WINS conflict
		assertThat(FieldMerge
			.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "p", LATE, "a", LATE,
					Ancestor.of("a"), true, true))
			.outcome()).isEqualTo(Outcome.TO_PLATFORM);
		// an unknown product time is a conflict that waits for the product's event
		assertThat(FieldMerge
			.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "p", null, "a", LATE,
					Ancestor.of("a"), false, true))
			.conflict()).isTrue();
		// the set-back before the product's change: the product's value is the later
		assertThat(FieldMerge.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "p", LATE, "a",
				EARLY, Ancestor.of("a"), true, true)))
			.isEqualTo(new FieldDecision(Outcome.TO_HUBSPOT, "p", Reason.PLATFORM_CHANGED, false));
		// not touched since the sync last looked: the product's change, whatever the
		// times
		assertThat(FieldMerge
			.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.BOTH, "p", EARLY, "a", LATE,
					Ancestor.of("a"), true, false))
			.reason()).isEqualTo(Reason.PLATFORM_CHANGED);
		// other rules keep the table: the product's change goes to HubSpot
		assertThat(FieldMerge
			.decide(new FieldInput(ConflictRule.HUBSPOT_WINS, FieldDirection.BOTH, "p", EARLY, "a", LATE,
					Ancestor.of("a"), true, true))
			.outcome()).isEqualTo(Outcome.TO_HUBSPOT);
		// a field that flows one way keeps the table too: to HubSpot only, the product's
		// value goes; to the product only, nothing to write
		assertThat(FieldMerge
			.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.TO_HUBSPOT, "p", EARLY, "a", LATE,
					Ancestor.of("a"), true, true))
			.outcome()).isEqualTo(Outcome.TO_HUBSPOT);
		assertThat(FieldMerge
			.decide(new FieldInput(ConflictRule.LATEST_WINS, FieldDirection.TO_PLATFORM, "p", EARLY, "a", LATE,
					Ancestor.of("a"), true, true))
			.outcome()).isEqualTo(Outcome.KEEP);
	}

	@Test
	void aOneWayFieldToHubSpotNeverWritesTheProduct() {
		// HubSpot changed it: nothing is written, HubSpot's value stays
		assertThat(decide(FieldDirection.TO_HUBSPOT, ConflictRule.LATEST_WINS, "a", "b", Ancestor.of("a")))
			.isEqualTo(new FieldDecision(Outcome.KEEP, null, Reason.ONE_WAY, false));
		// the product changed it: it goes to HubSpot
		assertThat(decide(FieldDirection.TO_HUBSPOT, ConflictRule.LATEST_WINS, "b", "a", Ancestor.of("a")).outcome())
			.isEqualTo(Outcome.TO_HUBSPOT);
		// first link, HubSpot's value only: kept in HubSpot, the product stays empty
		assertThat(decide(FieldDirection.TO_HUBSPOT, ConflictRule.HUBSPOT_WINS, null, "h", Ancestor.none()).outcome())
			.isEqualTo(Outcome.KEEP);
		// a conflict HubSpot would win: kept
		assertThat(decide(FieldDirection.TO_HUBSPOT, ConflictRule.HUBSPOT_WINS, "p", "h", Ancestor.of("a")))
			.isEqualTo(new FieldDecision(Outcome.KEEP, null, Reason.ONE_WAY, true));
	}

	@Test
	void aOneWayFieldToTheProductNeverWritesHubSpot() {
		assertThat(decide(FieldDirection.TO_PLATFORM, ConflictRule.LATEST_WINS, "b", "a", Ancestor.of("a")).outcome())
			.isEqualTo(Outcome.KEEP);
		assertThat(decide(FieldDirection.TO_PLATFORM, ConflictRule.LATEST_WINS, "a", "b", Ancestor.of("a")).outcome())
			.isEqualTo(Outcome.TO_PLATFORM);
		assertThat(decide(FieldDirection.TO_PLATFORM, ConflictRule.PLATFORM_WINS, "p", null, Ancestor.none()).outcome())
			.isEqualTo(Outcome.KEEP);
		assertThat(decide(FieldDirection.TO_PLATFORM, ConflictRule.MANUAL, "p", "h", Ancestor.of("a")).outcome())
			.isEqualTo(Outcome.REVIEW);
	}

	@Test
	void aManualConflictLeavesBothValuesForReview() {
		FieldDecision decision = decide(FieldDirection.BOTH, ConflictRule.MANUAL, "p", "h", Ancestor.of("a"));
		assertThat(decision).isEqualTo(new FieldDecision(Outcome.REVIEW, null, Reason.MANUAL, true));
		assertThat(decision.decided()).isFalse();
		assertThat(decision.winner()).isEqualTo("none");
	}

	private static FieldDecision decide(FieldDirection direction, ConflictRule rule, @Nullable String platform,
			@Nullable String hubspot, Ancestor ancestor) {
		return FieldMerge.decide(new FieldInput(rule, direction, platform, EARLY, hubspot, LATE, ancestor));
	}

	private static Row row(String name, @Nullable String platform, @Nullable Instant platformAt,
			@Nullable String hubspot, @Nullable Instant hubspotAt, Ancestor ancestor, Expected[] expected) {
		return new Row(name, platform, platformAt, hubspot, hubspotAt, ancestor, expected);
	}

	private static Expected[] all(Outcome outcome, String value) {
		return new Expected[] { new Expected(outcome, value), new Expected(outcome, value),
				new Expected(outcome, value), new Expected(outcome, value) };
	}

	/**
	 * A conflict's winner ("H" or "P") under HUBSPOT_WINS, PLATFORM_WINS, LATEST_WINS;
	 * MANUAL reviews.
	 */
	private static Expected[] rules(String hubspotWins, String platformWins, String latestWins) {
		return new Expected[] { winner(hubspotWins), winner(platformWins), winner(latestWins),
				new Expected(Outcome.REVIEW, "") };
	}

	private static Expected winner(String value) {
		return new Expected(value.equals("P") ? Outcome.TO_HUBSPOT : Outcome.TO_PLATFORM, value);
	}

	record Row(String name, @Nullable String platform, @Nullable Instant platformAt, @Nullable String hubspot,
			@Nullable Instant hubspotAt, Ancestor ancestor, Expected[] expected) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	record Expected(Outcome outcome, String value) {
	}

}
