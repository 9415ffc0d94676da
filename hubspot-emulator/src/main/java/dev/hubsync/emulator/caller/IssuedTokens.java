package dev.hubsync.emulator.caller;

import org.jspecify.annotations.Nullable;

/**
 * Tokens issued at run time (the OAuth server's), besides the configured ones.
 */
public interface IssuedTokens {

	/**
	 * Returns who an issued token acts as.
	 * @param token the bearer token
	 * @return the caller, or null when the token was not issued, was revoked or expired
	 */
	@Nullable Caller caller(String token);

	/**
	 * Tells whether a token was issued and has expired (HubSpot answers those with
	 * {@code EXPIRED_AUTHENTICATION}).
	 * @param token the bearer token
	 * @return whether it expired
	 */
	boolean expired(String token);

}
