package dev.hubsync.events.hubspot;

import java.time.Instant;

import dev.hubsync.events.EventIdentity;
import dev.hubsync.events.EventSource;

/**
 * The value of {@link dev.hubsync.events.Topics#HUBSPOT_EVENTS}: one HubSpot event kept
 * whole, with when and how HubSync received it.
 *
 * @param event the event, with its exact JSON text
 * @param receivedAt when the ingress (or poller) received it
 * @param source how it arrived: webhook, poll or replay
 */
public record HubSpotEvent(WebhookEvent event, Instant receivedAt, EventSource source) {

	/**
	 * Returns the Kafka key.
	 * @return the record key of the event's object
	 */
	public HubSpotRecordKey key() {
		return this.event.key();
	}

	/**
	 * Returns the deduplication identity, which a replay keeps.
	 * @return the identity
	 */
	public EventIdentity identity() {
		return this.event.identity();
	}

	/**
	 * Returns this event marked as replayed, identity unchanged.
	 * @return a copy with source {@link EventSource#REPLAY}
	 */
	public HubSpotEvent asReplay() {
		return new HubSpotEvent(this.event, this.receivedAt, EventSource.REPLAY);
	}

}
