package dev.hubsync.emulator.webhooksjournal;

import java.util.List;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.oauth.OAuthServer;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The journal and its management APIs take only a client-credentials token holding the
 * operation's {@code developer.webhooks_journal.*} scope (reference §3.2), as the OAuth
 * server issued it: a user's, a private app's or an installed app's token is refused with
 * 401, a missing scope with 403.
 */
final class JournalAccess {

	static final String READ = "developer.webhooks_journal.read";

	static final String SUBSCRIPTIONS_READ = "developer.webhooks_journal.subscriptions.read";

	static final String SUBSCRIPTIONS_WRITE = "developer.webhooks_journal.subscriptions.write";

	static final String SNAPSHOTS_READ = "developer.webhooks_journal.snapshots.read";

	static final String SNAPSHOTS_WRITE = "developer.webhooks_journal.snapshots.write";

	private final OAuthServer oauth;

	JournalAccess(OAuthServer oauth) {
		this.oauth = oauth;
	}

	void require(HttpServletRequest request, String scope) {
		Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
		List<String> scopes = (caller != null) ? this.oauth.clientCredentialsScopes(caller.name()).orElse(null) : null;
		if (scopes == null) {
			throw new ApiException(401, "INVALID_AUTHENTICATION",
					"The webhooks journal APIs require a client credentials token");
		}
		if (!scopes.contains(scope)) {
			throw new ApiException(403, "MISSING_SCOPES", "This call requires the scope " + scope)
				.with("requiredGranularScopes", List.of(scope));
		}
	}

}
