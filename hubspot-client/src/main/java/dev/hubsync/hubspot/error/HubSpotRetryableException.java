package dev.hubsync.hubspot.error;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A transient failure: a ten-secondly or secondly 429, a 5xx, a timeout or a refused
 * connection. The client retries it with jittered backoff before it reaches callers.
 */
public class HubSpotRetryableException extends HubSpotException {

	private final @Nullable Duration retryAfter;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param status the HTTP status, 0 without a response
	 * @param error HubSpot's body
	 * @param retryAfter the server's {@code Retry-After}, or a wait the failure implies
	 * @param cause the cause
	 */
	public HubSpotRetryableException(String message, int status, @Nullable HubSpotError error,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		super(message, status, error, cause);
		this.retryAfter = retryAfter;
	}

	/**
	 * Returns how long to wait at least before retrying.
	 * @return the wait, or {@code null} when the backoff decides
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public boolean retryable() {
		return true;
	}

}
