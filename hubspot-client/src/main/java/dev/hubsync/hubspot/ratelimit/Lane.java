package dev.hubsync.hubspot.ratelimit;

/** Who gets the budget first. */
public enum Lane {

	/** Live changes: served whenever the bucket has a token. */
	LIVE,

	/**
	 * Backfill, reconcile and replay: served only while the bucket holds more than the
	 * live reserve, so they yield to live traffic within one window.
	 */
	BACKGROUND

}
