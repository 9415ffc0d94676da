package dev.hubsync.events;

import java.util.Locale;

/**
 * How an event reached HubSync. Travels in the value and in the
 * {@link EventHeaders#SOURCE} header, in its lower-case wire form.
 */
public enum EventSource {

	/** Delivered by HubSpot to the webhook ingress. */
	WEBHOOK,

	/** Found by the reconciliation poller's search. */
	POLL,

	/** Read from HubSpot's webhooks journal by the ingress's journal reader. */
	JOURNAL,

	/** Re-published by an operator's replay; the event's identity is the original one. */
	REPLAY,

	/** Captured from the platform database's write-ahead log. */
	CDC,
	/** Published by a bulk sync (first start or on demand) for a record with no link. */
	BULK,

	/** Published by an operator's {@code reconcile --fix} to heal a drift it found. */
	RECONCILE,

	/**
	 * Published by the sync worker itself when one direction's merge decided that the
	 * other direction must write a record (a first link found values the other side
	 * lacks).
	 */
	MERGE;

	/**
	 * Returns the wire form.
	 * @return the lower-case name, e.g. {@code webhook}
	 */
	public String wireValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses the wire form.
	 * @param value the lower-case name
	 * @return the source
	 * @throws EventFormatException for an unknown value
	 */
	public static EventSource fromWire(String value) {
		for (EventSource source : values()) {
			if (source.wireValue().equals(value)) {
				return source;
			}
		}
		throw new EventFormatException("source", "unknown event source '" + value + "'");
	}

}
