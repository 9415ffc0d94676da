package dev.hubsync.hubspot.oauth;

import java.time.Clock;
import java.time.Duration;

import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.error.HubSpotAuthenticationException;
import dev.hubsync.hubspot.error.HubSpotError;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access token of HubSync's OAuth installation, read from the
 * {@link InstallationStore} (shared by every instance and service) and refreshed a margin
 * before it expires (5 minutes by default) by whichever instance needs it first, under
 * the store's advisory lock; the others find the new token when they get the lock.
 * <p>
 * When there is no usable installation — not installed yet, or HubSpot refused the
 * refresh token because the app was uninstalled or the token revoked — every call fails
 * with a 401 {@link HubSpotAuthenticationException} whose message says so and what to do:
 * the callers' pause for refused credentials handles it. A refused refresh token is
 * recorded in the store, so no instance asks HubSpot again until an install.
 */
public final class StoredTokenProvider implements TokenProvider {

	private static final Logger logger = LoggerFactory.getLogger(StoredTokenProvider.class);

	private final InstallationStore store;

	private final OAuthClient client;

	private final Duration margin;

	private final Clock clock;

	private volatile @Nullable Installation cached;

	/**
	 * Creates a provider.
	 * @param store the installation's store
	 * @param client the token endpoint
	 * @param margin how long before expiry to refresh
	 * @param clock the clock
	 */
	public StoredTokenProvider(InstallationStore store, OAuthClient client, Duration margin, Clock clock) {
		this.store = store;
		this.client = client;
		this.margin = margin;
		this.clock = clock;
	}

	@Override
	public String accessToken() {
		Installation installation = this.cached;
		if (installation == null || installation.revoked() || installation.due(this.clock.instant(), this.margin)) {
			installation = current(null);
		}
		return installation.accessToken();
	}

	@Override
	public boolean refreshAfterUnauthorized() {
		// HubSpot refused a token before its time: revoked, or the app uninstalled.
		// Only a refresh tells which; a refused refresh token records the revocation.
		Installation used = this.cached;
		current((used != null) ? used.accessToken() : null);
		return true;
	}

	/**
	 * Refreshes the token if it is due: a scheduler's call, so a token is refreshed
	 * before it expires even while nothing calls HubSpot. Under the store's lock, so
	 * among several instances one refreshes.
	 * @return whether a refresh was due (and tried)
	 */
	public boolean refreshIfDue() {
		Installation stored = this.store.current().orElse(null);
		if (stored == null || stored.revoked() || !stored.due(this.clock.instant(), this.margin)) {
			return false;
		}
		try {
			current(null);
		}
		catch (HubSpotAuthenticationException ex) {
			// recorded and logged where HubSpot refused; the next call pauses on it
		}
		return true;
	}

	private synchronized Installation current(@Nullable String refused) {
		Installation stored = this.store.current()
			.orElseThrow(() -> refused(
					"HubSync is not installed in a HubSpot portal yet: open /oauth/install on the sync-worker to install"
							+ " the app",
					null));
		if (stored.revoked()) {
			this.cached = stored;
			throw refused(revokedMessage(stored), null);
		}
		if (stored.accessToken().equals(refused) || stored.due(this.clock.instant(), this.margin)) {
			stored = refresh(stored, refused);
		}
		this.cached = stored;
		return stored;
	}

	private Installation refresh(Installation stored, @Nullable String refusedToken) {
		try {
			Installation refreshed = this.store.refresh(this.margin, refusedToken, this.client::refresh);
			if (refreshed.revoked()) {
				throw refused(revokedMessage(refreshed), null);
			}
			if (!refreshed.accessToken().equals(stored.accessToken())) {
				logger.info("OAuth access token of portal {} refreshed (here or by another instance); it expires at {}",
						refreshed.hubId(), refreshed.expiresAt());
			}
			return refreshed;
		}
		catch (HubSpotAuthenticationException ex) {
			if (!badRefreshToken(ex.error())) {
				throw ex;
			}
			String reason = "HubSpot refused the refresh token (" + describe(ex.error()) + ")";
			this.store.revoke(reason);
			logger.error("{}: the app was uninstalled or the token revoked; the sync pauses until the app is"
					+ " installed again at /oauth/install", reason);
			throw refused(reason + ": the app was uninstalled from the portal or the token revoked; install it"
					+ " again at /oauth/install", ex.error());
		}
	}

	private static String revokedMessage(Installation installation) {
		return "HubSync's OAuth installation in portal " + installation.hubId() + " is revoked since "
				+ installation.revokedAt() + " (" + installation.revokedReason()
				+ "): install the app again at /oauth/install";
	}

	private static boolean badRefreshToken(@Nullable HubSpotError error) {
		return error != null && ("BAD_REFRESH_TOKEN".equals(error.status()) || "invalid_grant".equals(error.status())
				|| "invalid_grant".equals(error.errorType()));
	}

	private static String describe(@Nullable HubSpotError error) {
		return (error == null) ? "no body" : error.status() + ": " + error.message();
	}

	private static HubSpotAuthenticationException refused(String message, @Nullable HubSpotError error) {
		return new HubSpotAuthenticationException(message, error);
	}

}
