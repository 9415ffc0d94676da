package dev.hubsync.emulator.caller;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Tokens revoked through the admin API (as an admin uninstalling the app or rotating a
 * private app's token would): HubSpot answers every call made with one 401
 * {@code INVALID_AUTHENTICATION}, until it is reinstated.
 */
@Component
public class Revocations {

	private final Set<String> revoked = ConcurrentHashMap.newKeySet();

	/**
	 * Revokes a token.
	 * @param token the token
	 */
	public void revoke(String token) {
		this.revoked.add(token);
	}

	/**
	 * Makes a revoked token valid again (a new token, in HubSpot's terms).
	 * @param token the token
	 */
	public void reinstate(String token) {
		this.revoked.remove(token);
	}

	/** Reinstates every token. */
	public void clear() {
		this.revoked.clear();
	}

	boolean revoked(String token) {
		return this.revoked.contains(token);
	}

}
