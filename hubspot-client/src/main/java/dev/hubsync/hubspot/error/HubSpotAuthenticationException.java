package dev.hubsync.hubspot.error;

import org.jspecify.annotations.Nullable;

/** 401: the token is unknown, revoked or expired (and could not be refreshed). */
public class HubSpotAuthenticationException extends HubSpotClientException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param error HubSpot's body
	 */
	public HubSpotAuthenticationException(String message, @Nullable HubSpotError error) {
		super(message, 401, error);
	}

}
