package dev.hubsync.hubspot.error;

import org.jspecify.annotations.Nullable;

/**
 * A failed HubSpot call. Subclasses say whether it is worth retrying.
 */
public abstract class HubSpotException extends RuntimeException {

	private final int status;

	private final @Nullable HubSpotError error;

	/**
	 * Creates an exception.
	 * @param message what failed
	 * @param status the HTTP status, 0 when no response arrived
	 * @param error HubSpot's error body, when there was one
	 * @param cause the cause, if any
	 */
	protected HubSpotException(String message, int status, @Nullable HubSpotError error, @Nullable Throwable cause) {
		super(message, cause);
		this.status = status;
		this.error = error;
	}

	/**
	 * Returns the HTTP status.
	 * @return the status, 0 when no response arrived
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Returns HubSpot's error body.
	 * @return the body, or {@code null}
	 */
	public @Nullable HubSpotError error() {
		return this.error;
	}

	/**
	 * Tells whether retrying the same call can succeed.
	 * @return whether the failure is transient
	 */
	public abstract boolean retryable();

}
