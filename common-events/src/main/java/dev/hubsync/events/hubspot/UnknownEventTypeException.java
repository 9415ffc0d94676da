package dev.hubsync.events.hubspot;

import dev.hubsync.events.EventFormatException;

/**
 * A HubSpot event whose subscription type HubSync does not handle. Consumers dead-letter
 * it with this message rather than log and drop it.
 */
public class UnknownEventTypeException extends EventFormatException {

	private final String subscriptionType;

	/**
	 * Creates the exception.
	 * @param subscriptionType the type HubSync does not handle
	 */
	public UnknownEventTypeException(String subscriptionType) {
		super("subscriptionType", "unknown subscription type '" + subscriptionType + "'");
		this.subscriptionType = subscriptionType;
	}

	/**
	 * Returns the unhandled type.
	 * @return the subscription type
	 */
	public String subscriptionType() {
		return this.subscriptionType;
	}

}
