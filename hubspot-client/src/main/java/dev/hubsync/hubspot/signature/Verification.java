package dev.hubsync.hubspot.signature;

/** The outcome of checking a request's signature. */
public sealed interface Verification {

	/**
	 * Tells whether the request is genuine.
	 * @return whether this is {@link Verified}
	 */
	default boolean verified() {
		return this instanceof Verified;
	}

	/**
	 * The signature matched.
	 *
	 * @param version the version that matched
	 * @param secretIndex which of the configured client secrets matched (0 is the current
	 * one; a higher index means a sender still uses an older secret during rotation)
	 */
	record Verified(SignatureVersion version, int secretIndex) implements Verification {
	}

	/**
	 * The request is not accepted.
	 *
	 * @param reason why, as a category
	 * @param message why, in words (never the signature or the secret)
	 */
	record Rejected(Reason reason, String message) implements Verification {
	}

	/** Why a request was rejected. */
	enum Reason {

		/** No signature header at all. */
		MISSING_SIGNATURE,

		/** A signature that matches none of the secrets. */
		BAD_SIGNATURE,

		/** The v3 timestamp is missing or not a number. */
		BAD_TIMESTAMP,

		/**
		 * The v3 timestamp is outside the accepted window: a replayed or delayed request.
		 */
		STALE_TIMESTAMP,

		/** A signature version this endpoint is not configured to accept. */
		VERSION_NOT_ACCEPTED

	}

}
