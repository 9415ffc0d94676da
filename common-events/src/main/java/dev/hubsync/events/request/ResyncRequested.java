package dev.hubsync.events.request;

import java.time.Instant;

import dev.hubsync.events.EventFormatException;
import org.jspecify.annotations.Nullable;

/**
 * Changes in HubSpot may have been missed since a time: the webhooks-journal reader fell
 * behind HubSpot's retention (its offset aged out), so the worker must find every record
 * modified since then by search. Value of
 * {@link dev.hubsync.events.Topics#SYNC_REQUESTS}, keyed by portal; serialized with
 * {@code RecordCodec}.
 *
 * @param portalId the HubSpot account
 * @param since changes from this time on may be lost: the last journal entry the reader
 * handled was published then (or the reader's earliest guess, now minus the retention,
 * when it has none)
 * @param reason what happened, for the operator
 * @param requestedAt when it was requested
 * @param requestId unique per request
 */
public record ResyncRequested(long portalId, Instant since, String reason, Instant requestedAt,
		@Nullable String requestId) {

	/**
	 * Checks required fields.
	 * @param portalId the portal
	 * @param since the time
	 * @param reason the reason
	 * @param requestedAt when
	 * @param requestId the id
	 */
	public ResyncRequested {
		EventFormatException.require(since, "since");
		EventFormatException.require(reason, "reason");
		EventFormatException.require(requestedAt, "requestedAt");
	}

}
