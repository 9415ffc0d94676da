package dev.hubsync.worker.install;

import dev.hubsync.hubspot.oauth.StoredTokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks every {@code hubsync.hubspot.oauth.refresh-check-interval} whether the
 * installation's access token is within its refresh margin, and refreshes it then: calls
 * refresh it too when they need it, but an idle worker would otherwise let it expire.
 * Each instance looks; the store's advisory lock lets one refresh.
 */
@Component
@ConditionalOnProperty(prefix = "hubsync.hubspot", name = "auth", havingValue = "oauth")
class TokenRefresher {

	private static final Logger logger = LoggerFactory.getLogger(TokenRefresher.class);

	private final StoredTokenProvider tokens;

	TokenRefresher(StoredTokenProvider tokens) {
		this.tokens = tokens;
	}

	@Scheduled(fixedDelayString = "${hubsync.hubspot.oauth.refresh-check-interval:1m}",
			initialDelayString = "${hubsync.hubspot.oauth.refresh-check-interval:1m}")
	void refreshIfDue() {
		try {
			this.tokens.refreshIfDue();
		}
		catch (RuntimeException ex) {
			// the database or HubSpot is away: the next look, or the next call, tries
			// again
			logger.warn("Could not check the OAuth access token's expiry: {}", ex.getMessage());
		}
	}

}
