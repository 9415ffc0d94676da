package dev.hubsync.worker.merge;

import java.time.Instant;

import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import org.jspecify.annotations.Nullable;

/**
 * Everything one field's merge depends on. Values are in HubSpot's canonical form (after
 * the field's transform); null, {@code ""} and blank values are all empty.
 *
 * @param rule the field's rule for conflicts
 * @param direction which sides the field may write
 * @param platform the product's current value (P)
 * @param platformChangedAt when the product last changed it, outside the sync; null when
 * unknown (then it counts as older than any HubSpot change)
 * @param hubspot HubSpot's value (H)
 * @param hubspotChangedAt when HubSpot last changed it (its newest property-history
 * entry); null when unknown (older than any product change)
 * @param ancestor the last value both held (A)
 * @param platformTouched whether the product's time is that of its own change event that
 * wrote P (a value set back to A is then a change)
 * @param hubspotTouched whether HubSpot's time is that of a user's change made since the
 * sync last looked (H set back to A is then a change)
 */
public record FieldInput(ConflictRule rule, FieldDirection direction, @Nullable String platform,
		@Nullable Instant platformChangedAt, @Nullable String hubspot, @Nullable Instant hubspotChangedAt,
		Ancestor ancestor, boolean platformTouched, boolean hubspotTouched) {

	/**
	 * A field whose HubSpot time is not known to be a change since the sync last looked.
	 * @param rule the rule
	 * @param direction the direction
	 * @param platform P
	 * @param platformChangedAt P's time
	 * @param hubspot H
	 * @param hubspotChangedAt H's time
	 * @param ancestor A
	 * @param platformTouched whether P's time is that of its own change event
	 */
	public FieldInput(ConflictRule rule, FieldDirection direction, @Nullable String platform,
			@Nullable Instant platformChangedAt, @Nullable String hubspot, @Nullable Instant hubspotChangedAt,
			Ancestor ancestor, boolean platformTouched) {
		this(rule, direction, platform, platformChangedAt, hubspot, hubspotChangedAt, ancestor, platformTouched, false);
	}

	/**
	 * A field whose product time is not known to come from a change event of it.
	 * @param rule the rule
	 * @param direction the direction
	 * @param platform P
	 * @param platformChangedAt P's time
	 * @param hubspot H
	 * @param hubspotChangedAt H's time
	 * @param ancestor A
	 */
	public FieldInput(ConflictRule rule, FieldDirection direction, @Nullable String platform,
			@Nullable Instant platformChangedAt, @Nullable String hubspot, @Nullable Instant hubspotChangedAt,
			Ancestor ancestor) {
		this(rule, direction, platform, platformChangedAt, hubspot, hubspotChangedAt, ancestor, false);
	}
}
