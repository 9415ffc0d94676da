package dev.hubsync.hubspot.error;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A signal to stop calling HubSpot until a time: the daily limit is spent (429
 * {@code DAILY}, or the local daily budget), the record is locked (423), or the account
 * is migrating (477). Callers pause consumption rather than dead-letter anything.
 */
public class HubSpotPauseException extends HubSpotException {

	private final Instant pauseUntil;

	private final Reason reason;

	/**
	 * Creates the signal.
	 * @param message why
	 * @param status the HTTP status, 0 when the local budget raised it
	 * @param error HubSpot's body
	 * @param reason the category
	 * @param pauseUntil when calls may resume
	 */
	public HubSpotPauseException(String message, int status, @Nullable HubSpotError error, Reason reason,
			Instant pauseUntil) {
		super(message, status, error, null);
		this.reason = reason;
		this.pauseUntil = pauseUntil;
	}

	/**
	 * Returns when calls may resume.
	 * @return the instant
	 */
	public Instant pauseUntil() {
		return this.pauseUntil;
	}

	/**
	 * Returns why.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	@Override
	public boolean retryable() {
		return true;
	}

	/** Why calls must pause. */
	public enum Reason {

		/** The account's daily request limit is spent. */
		DAILY_LIMIT,

		/** A record is locked by heavy writes (423). */
		LOCKED,

		/** The account is moving between data centres (477). */
		MIGRATING

	}

}
