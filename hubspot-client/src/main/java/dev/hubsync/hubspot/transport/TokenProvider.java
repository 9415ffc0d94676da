package dev.hubsync.hubspot.transport;

/**
 * Supplies the bearer token of each request.
 */
public interface TokenProvider {

	/**
	 * Returns a token valid now.
	 * @return the access token
	 */
	String accessToken();

	/**
	 * Called after a 401: refresh the token if that can help.
	 * @return whether a new token is available, so the request is worth one more attempt
	 */
	default boolean refreshAfterUnauthorized() {
		return false;
	}

	/**
	 * Returns a provider of a fixed token (a private app's).
	 * @param token the token
	 * @return the provider
	 */
	static TokenProvider of(String token) {
		if (token.isBlank()) {
			throw new IllegalArgumentException("the HubSpot access token is empty");
		}
		return () -> token;
	}

}
