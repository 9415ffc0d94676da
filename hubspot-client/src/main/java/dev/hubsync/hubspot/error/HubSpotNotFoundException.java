package dev.hubsync.hubspot.error;

import org.jspecify.annotations.Nullable;

/** 404: the record, property or owner does not exist (or is archived). */
public class HubSpotNotFoundException extends HubSpotClientException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param error HubSpot's body
	 */
	public HubSpotNotFoundException(String message, @Nullable HubSpotError error) {
		super(message, 404, error);
	}

}
