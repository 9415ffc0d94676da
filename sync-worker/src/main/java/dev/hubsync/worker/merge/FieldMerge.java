package dev.hubsync.worker.merge;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.worker.merge.FieldDecision.Outcome;
import dev.hubsync.worker.merge.FieldDecision.Reason;
import org.jspecify.annotations.Nullable;

/**
 * The merge of one field (ARCHITECTURE §7), a pure function of the field's rule and
 * direction, both current values with their change times, and the ancestor:
 *
 * <table>
 * <caption>state × rule → outcome</caption>
 * <tr>
 * <th>state</th>
 * <th>outcome</th>
 * </tr>
 * <tr>
 * <td>P = H (any state, empty counts as equal to empty)</td>
 * <td>in sync, A := P</td>
 * </tr>
 * <tr>
 * <td>linked, P = A, H ≠ A</td>
 * <td>H goes to the product, whatever the rule; under {@code LATEST_WINS}, P goes to
 * HubSpot when the product's known change time (a value set back) is later than
 * HubSpot's</td>
 * </tr>
 * <tr>
 * <td>linked, H = A, P ≠ A</td>
 * <td>P goes to HubSpot, whatever the rule; under {@code LATEST_WINS}, H goes to the
 * product when a HubSpot user changed the field since the sync last looked (set it away
 * and back) later than the product's change</td>
 * </tr>
 * <tr>
 * <td>linked, P ≠ A, H ≠ A (or diverged)</td>
 * <td>the rule</td>
 * </tr>
 * <tr>
 * <td>first link, one side empty</td>
 * <td>the non-empty value goes to the other side</td>
 * </tr>
 * <tr>
 * <td>first link, both non-empty</td>
 * <td>the rule</td>
 * </tr>
 * </table>
 *
 * Rules decide conflicts only: {@code HUBSPOT_WINS}, {@code PLATFORM_WINS},
 * {@code LATEST_WINS} (the later change time at millisecond precision; equal times go to
 * HubSpot; an unknown time is older than any known one) and {@code MANUAL} (review,
 * nothing written). An outcome that would write the side a one-way field does not flow to
 * keeps both sides as they are.
 */
public final class FieldMerge {

	private FieldMerge() {
	}

	/**
	 * Decides one field.
	 * @param input the field's state
	 * @return the decision
	 */
	public static FieldDecision decide(FieldInput input) {
		String platform = normalise(input.platform());
		String hubspot = normalise(input.hubspot());
		if (platform.equals(hubspot)) {
			return new FieldDecision(Outcome.IN_SYNC, platform, Reason.EQUAL, false);
		}
		Ancestor ancestor = input.ancestor();
		FieldDecision decision;
		if (ancestor.state() == Ancestor.State.KNOWN) {
			String last = normalise(ancestor.value());
			if (platform.equals(last) && changedBackLater(input)) {
				decision = new FieldDecision(Outcome.TO_HUBSPOT, platform, Reason.PLATFORM_CHANGED_BACK, true);
			}
			else if (platform.equals(last)) {
				decision = new FieldDecision(Outcome.TO_PLATFORM, hubspot, Reason.HUBSPOT_CHANGED, false);
			}
			else if (hubspot.equals(last) && hubspotChangedBackLater(input)) {
				decision = new FieldDecision(Outcome.TO_PLATFORM, hubspot, Reason.HUBSPOT_CHANGED_BACK, true);
			}
			else if (hubspot.equals(last)) {
				decision = new FieldDecision(Outcome.TO_HUBSPOT, platform, Reason.PLATFORM_CHANGED, false);
			}
			else {
				decision = conflict(input, platform, hubspot);
			}
		}
		else if (ancestor.state() == Ancestor.State.NONE && platform.isEmpty()) {
			decision = new FieldDecision(Outcome.TO_PLATFORM, hubspot, Reason.ONLY_HUBSPOT_HAS_A_VALUE, false);
		}
		else if (ancestor.state() == Ancestor.State.NONE && hubspot.isEmpty()) {
			decision = new FieldDecision(Outcome.TO_HUBSPOT, platform, Reason.ONLY_PLATFORM_HAS_A_VALUE, false);
		}
		else {
			decision = conflict(input, platform, hubspot);
		}
		return oneWay(input, decision);
	}

	/**
	 * A product value equal to the last-synced one may still be a change: set and set
	 * back (a value cleared again). Under {@code LATEST_WINS}, when the product's change
	 * time of the field is known (its change event touched the column) and later than
	 * HubSpot's known change, the product's change is the latest, and HubSpot's value is
	 * the older one. Only a time read from the product's own change event of the field
	 * counts (a time kept or read from the row's change-time column says nothing of this
	 * field); otherwise the product's value is taken as unchanged.
	 */
	private static boolean changedBackLater(FieldInput input) {
		return input.rule() == ConflictRule.LATEST_WINS && input.platformTouched() && input.platformChangedAt() != null
				&& input.hubspotChangedAt() != null
				&& platformIsLater(input.platformChangedAt(), input.hubspotChangedAt());
	}

	/**
	 * HubSpot's value equal to the last-synced one may still be a change: a user set the
	 * field away and back since the sync last looked. Under {@code LATEST_WINS}, when
	 * that change is not older than the product's, HubSpot's change is the latest (equal
	 * times go to HubSpot; an unknown product time is older, and a conflict that needs it
	 * waits for the product's change event). Edits ending where they began before the
	 * product's change leave the product's value the later one.
	 */
	private static boolean hubspotChangedBackLater(FieldInput input) {
		return input.rule() == ConflictRule.LATEST_WINS && input.direction() == FieldDirection.BOTH
				&& input.hubspotTouched() && input.hubspotChangedAt() != null
				&& !platformIsLater(input.platformChangedAt(), input.hubspotChangedAt());
	}

	/**
	 * Tells whether the product's change is the later one under {@code LATEST_WINS}:
	 * times compare at millisecond precision, equal times go to HubSpot, an unknown time
	 * is older than a known one.
	 * @param platformChangedAt the product's change time
	 * @param hubspotChangedAt HubSpot's change time
	 * @return whether the product wins
	 */
	public static boolean platformIsLater(@Nullable Instant platformChangedAt, @Nullable Instant hubspotChangedAt) {
		if (platformChangedAt == null) {
			return false;
		}
		if (hubspotChangedAt == null) {
			return true;
		}
		return platformChangedAt.truncatedTo(ChronoUnit.MILLIS)
			.isAfter(hubspotChangedAt.truncatedTo(ChronoUnit.MILLIS));
	}

	/**
	 * Tells whether a value is empty: null, or blank after trimming.
	 * @param value the value
	 * @return whether it is empty
	 */
	public static boolean isEmpty(@Nullable String value) {
		return value == null || value.isBlank();
	}

	/**
	 * Returns a value as the merge compares it: {@code ""} for every empty value.
	 * @param value the value
	 * @return the value, or {@code ""}
	 */
	public static String normalise(@Nullable String value) {
		return isEmpty(value) ? "" : value;
	}

	private static FieldDecision conflict(FieldInput input, String platform, String hubspot) {
		ConflictRule rule = input.rule();
		return switch (rule) {
			case HUBSPOT_WINS -> new FieldDecision(Outcome.TO_PLATFORM, hubspot, Reason.HUBSPOT_WINS, true);
			case PLATFORM_WINS -> new FieldDecision(Outcome.TO_HUBSPOT, platform, Reason.PLATFORM_WINS, true);
			case MANUAL -> new FieldDecision(Outcome.REVIEW, null, Reason.MANUAL, true);
			case LATEST_WINS -> latest(input, platform, hubspot);
		};
	}

	private static FieldDecision latest(FieldInput input, String platform, String hubspot) {
		if (platformIsLater(input.platformChangedAt(), input.hubspotChangedAt())) {
			return new FieldDecision(Outcome.TO_HUBSPOT, platform, Reason.PLATFORM_LATER, true);
		}
		boolean tie = input.platformChangedAt() != null && input.hubspotChangedAt() != null;
		return new FieldDecision(Outcome.TO_PLATFORM, hubspot,
				tie && sameMillisecond(input) ? Reason.TIE : Reason.HUBSPOT_LATER, true);
	}

	private static boolean sameMillisecond(FieldInput input) {
		return input.platformChangedAt()
			.truncatedTo(ChronoUnit.MILLIS)
			.equals(input.hubspotChangedAt().truncatedTo(ChronoUnit.MILLIS));
	}

	private static FieldDecision oneWay(FieldInput input, FieldDecision decision) {
		boolean allowed = switch (decision.outcome()) {
			case TO_PLATFORM -> input.direction().toPlatform();
			case TO_HUBSPOT -> input.direction().toHubSpot();
			case IN_SYNC, REVIEW, KEEP -> true;
		};
		return allowed ? decision : new FieldDecision(Outcome.KEEP, null, Reason.ONE_WAY, decision.conflict());
	}

}
