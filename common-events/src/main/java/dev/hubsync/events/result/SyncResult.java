package dev.hubsync.events.result;

import java.time.Instant;

import dev.hubsync.events.EventFormatException;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one sync decision about one record.
 *
 * @param key the key of the input record that caused the decision
 * @param direction which way data moved
 * @param objectTypeId the HubSpot object type
 * @param platformKey the platform row's key, when known
 * @param hubspotId the HubSpot record's id, when known
 * @param outcome what was decided
 * @param correlationId the correlation id of the input
 * @param decidedAt when it was decided
 */
public record SyncResult(String key, SyncDirection direction, String objectTypeId, @Nullable String platformKey,
		@Nullable String hubspotId, SyncOutcome outcome, @Nullable String correlationId, Instant decidedAt) {

	/**
	 * Checks required fields.
	 * @param key the key
	 * @param direction the direction
	 * @param objectTypeId the object type
	 * @param platformKey the platform key
	 * @param hubspotId the HubSpot id
	 * @param outcome the outcome
	 * @param correlationId the correlation id
	 * @param decidedAt the time
	 */
	public SyncResult {
		EventFormatException.require(key, "key");
		EventFormatException.require(direction, "direction");
		EventFormatException.require(objectTypeId, "objectTypeId");
		EventFormatException.require(outcome, "outcome");
		EventFormatException.require(decidedAt, "decidedAt");
	}

}
