package dev.hubsync.ingress.publishing;

import dev.hubsync.events.hubspot.WebhookEvent;

/** One element of a webhook body: an event, or something that is not one. */
public sealed interface Slice {

	/**
	 * A valid event.
	 *
	 * @param event the event with its exact text
	 */
	record Event(WebhookEvent event) implements Slice {
	}

	/**
	 * An element that is not a valid event.
	 *
	 * @param raw its exact bytes
	 * @param reason why it is not
	 */
	record Malformed(byte[] raw, String reason) implements Slice {
	}

}
