package dev.hubsync.hubspot.error;

import org.jspecify.annotations.Nullable;

/**
 * A 4xx other than the rate limits: the request itself is wrong (validation, unknown
 * property, missing scope, unknown record). Retrying the same request fails the same way.
 */
public class HubSpotClientException extends HubSpotException {

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param status the HTTP status
	 * @param error HubSpot's body
	 */
	public HubSpotClientException(String message, int status, @Nullable HubSpotError error) {
		super(message, status, error, null);
	}

	/**
	 * Returns HubSpot's category, e.g. {@code VALIDATION_ERROR}.
	 * @return the category, or {@code null}
	 */
	public @Nullable String category() {
		return (error() != null) ? error().category() : null;
	}

	@Override
	public boolean retryable() {
		return false;
	}

}
