package dev.hubsync.hubspot.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.hubsync.hubspot.transport.TokenProvider;
import org.jspecify.annotations.Nullable;

/**
 * OAuth access tokens, refreshed a margin before they expire (and once after a 401, since
 * a token can be revoked early). Thread-safe; one refresh at a time.
 */
public final class OAuthTokenProvider implements TokenProvider {

	private final OAuthClient client;

	private final Clock clock;

	private final Duration refreshMargin;

	private String refreshToken;

	private @Nullable String accessToken;

	private Instant expiresAt = Instant.MIN;

	/**
	 * Creates a provider.
	 * @param client the token endpoint's client
	 * @param refreshToken the refresh token obtained at installation
	 * @param refreshMargin how long before expiry to refresh (5 minutes)
	 * @param clock the clock
	 */
	public OAuthTokenProvider(OAuthClient client, String refreshToken, Duration refreshMargin, Clock clock) {
		this.client = client;
		this.refreshToken = refreshToken;
		this.refreshMargin = refreshMargin;
		this.clock = clock;
	}

	@Override
	public synchronized String accessToken() {
		if (this.accessToken == null || !this.clock.instant().isBefore(this.expiresAt.minus(this.refreshMargin))) {
			refresh();
		}
		return this.accessToken;
	}

	@Override
	public synchronized boolean refreshAfterUnauthorized() {
		refresh();
		return true;
	}

	/**
	 * Returns the current refresh token, to store (encrypted) after a refresh.
	 * @return the refresh token
	 */
	public synchronized String refreshToken() {
		return this.refreshToken;
	}

	private void refresh() {
		OAuthTokens tokens = this.client.refresh(this.refreshToken);
		this.accessToken = tokens.accessToken();
		this.expiresAt = this.clock.instant().plusSeconds(tokens.expiresIn());
		if (tokens.refreshToken() != null) {
			this.refreshToken = tokens.refreshToken();
		}
	}

}
