package dev.hubsync.hubspot.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.hubsync.hubspot.transport.TokenProvider;
import org.jspecify.annotations.Nullable;

/**
 * An app-level token from the {@code client_credentials} grant (the webhooks journal's,
 * reference §3.2), asked for again {@code refreshBefore} its expiry (5 minutes, or half
 * its lifetime when that is shorter: HubSpot does not document {@code expires_in}) and
 * after a 401. There is no refresh token: each renewal is a new grant.
 */
public final class ClientCredentialsTokenProvider implements TokenProvider {

	/** Every scope of the webhooks journal. */
	public static final List<String> JOURNAL_SCOPES = List.of("developer.webhooks_journal.read",
			"developer.webhooks_journal.subscriptions.read", "developer.webhooks_journal.subscriptions.write",
			"developer.webhooks_journal.snapshots.read", "developer.webhooks_journal.snapshots.write");

	private final OAuthClient oauth;

	private final List<String> scopes;

	private final Duration refreshBefore;

	private final Clock clock;

	private @Nullable String token;

	private Instant renewAt = Instant.MIN;

	/**
	 * Creates a provider.
	 * @param oauth the token endpoint's client (the app's client id and secret)
	 * @param scopes the scopes to ask for
	 * @param refreshBefore how long before expiry to ask again
	 * @param clock the clock
	 */
	public ClientCredentialsTokenProvider(OAuthClient oauth, List<String> scopes, Duration refreshBefore, Clock clock) {
		this.oauth = oauth;
		this.scopes = List.copyOf(scopes);
		this.refreshBefore = refreshBefore;
		this.clock = clock;
	}

	@Override
	public synchronized String accessToken() {
		Instant now = this.clock.instant();
		if (this.token == null || !now.isBefore(this.renewAt)) {
			renew(now);
		}
		return this.token;
	}

	@Override
	public synchronized boolean refreshAfterUnauthorized() {
		renew(this.clock.instant());
		return true;
	}

	private void renew(Instant now) {
		OAuthTokens granted = this.oauth.clientCredentials(this.scopes);
		Duration lifetime = Duration.ofSeconds(Math.max(1, granted.expiresIn()));
		Duration margin = (this.refreshBefore.compareTo(lifetime.dividedBy(2)) < 0) ? this.refreshBefore
				: lifetime.dividedBy(2);
		this.token = granted.accessToken();
		this.renewAt = now.plus(lifetime).minus(margin);
	}

}
