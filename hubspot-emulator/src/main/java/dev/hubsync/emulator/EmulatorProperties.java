package dev.hubsync.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The emulator's configuration ({@code emulator.*}).
 *
 * @param portalId the emulated account's id
 * @param tokens each accepted bearer token and who it is: a user (writes show as
 * {@code CRM_UI}, {@code userId:N}) or an app (writes show as {@code INTEGRATION}, its
 * app id)
 * @param webhook webhook delivery
 * @param rateLimit rate limits
 * @param search search behaviour
 * @param storage where state is kept
 * @param requestLogCapacity how many requests {@code GET /_emulator/requests} remembers
 * @param historyReadLimit most records a batch read or a list page may return when it
 * asks for property history (HubSpot: 50; more is refused with a validation error)
 * @param idBase added to the first record id of every object type, so emulators that
 * share one Kafka broker (tests) never hand out the same ids
 * @param oauth the OAuth app the emulator's authorization server knows
 */
@ConfigurationProperties("emulator")
@Validated
public record EmulatorProperties(@DefaultValue("100000") long portalId,
		@DefaultValue Map<String, @Valid TokenProperties> tokens, @Valid @DefaultValue Webhook webhook,
		@Valid @DefaultValue RateLimit rateLimit, @Valid @DefaultValue Search search,
		@Valid @DefaultValue Storage storage, @DefaultValue("100000") @Min(100) int requestLogCapacity,
		@DefaultValue("50") @Min(1) int historyReadLimit, @DefaultValue("0") @Min(0) long idBase,
		@Valid @DefaultValue OAuth oauth) {

	/** The user token of the defaults. */
	public static final String USER_TOKEN = "emulator-token";

	/** The app token of the defaults. */
	public static final String APP_TOKEN = "hubsync-app-token";

	/**
	 * Applies the default tokens when none are configured.
	 * @param portalId the portal
	 * @param tokens the tokens
	 * @param webhook webhooks
	 * @param rateLimit rate limits
	 * @param search search
	 * @param storage storage
	 * @param requestLogCapacity request log size
	 * @param historyReadLimit records per read with history
	 * @param idBase the record id base
	 * @param oauth the OAuth app
	 */
	public EmulatorProperties {
		if (tokens == null || tokens.isEmpty()) {
			tokens = Map.of(USER_TOKEN, new TokenProperties(1L, null), APP_TOKEN, new TokenProperties(null, 4242L));
		}
	}

	/**
	 * Who a token is: exactly one of the two.
	 *
	 * @param userId the user's id, for a user token
	 * @param appId the app's id, for an app token
	 */
	public record TokenProperties(@Nullable Long userId, @Nullable Long appId) {
	}

	/**
	 * Webhook delivery.
	 *
	 * @param targetUrl where to POST events; none means no delivery
	 * @param clientSecret the app's client secret, which signs requests
	 * @param appId the subscribing app's id, the {@code appId} of every event
	 * @param subscriptions e.g. {@code contact.creation}, {@code contact.propertyChange}
	 * (every subscribable property) or {@code contact.propertyChange:email} (one); empty
	 * for the defaults: every event type for contacts, companies, deals and tickets, the
	 * generic {@code object.*} ones (tasks, notes, custom objects) and contact privacy
	 * deletions
	 * @param signatureVersions the signatures sent: {@code v3} always works; add
	 * {@code v1} or {@code v2} for apps configured so
	 * @param maxConcurrentRequests deliveries in flight at once (HubSpot: 10)
	 * @param batchSize events per request, at most 100
	 * @param linger how long events wait for company before a request is sent
	 * @param timeout how long a delivery may take before it counts as failed (HubSpot: 5
	 * s)
	 * @param retrySchedule the waits before each retry; their number is the number of
	 * retries
	 * @param retryJitter the random share added to each wait
	 */
	public record Webhook(@Nullable String targetUrl, @DefaultValue("dev-client-secret") @NotEmpty String clientSecret,
			@DefaultValue("4242") long appId, @DefaultValue List<String> subscriptions,
			@DefaultValue("v3") List<String> signatureVersions, @DefaultValue("10") @Min(1) int maxConcurrentRequests,
			@DefaultValue("100") @Min(1) int batchSize, @DefaultValue("50ms") @NotNull Duration linger,
			@DefaultValue("5s") @NotNull Duration timeout, @DefaultValue( {
					"1m", "2m", "5m", "10m", "30m", "1h", "2h", "4h", "8h", "8h" }) List<Duration> retrySchedule,
			@DefaultValue("0.2") double retryJitter){

		/**
		 * Caps the batch size at HubSpot's 100.
		 * @param targetUrl the target
		 * @param clientSecret the secret
		 * @param appId the app id
		 * @param subscriptions the subscriptions
		 * @param signatureVersions the signature versions
		 * @param maxConcurrentRequests the concurrency
		 * @param batchSize the batch size
		 * @param linger the linger
		 * @param timeout the timeout
		 * @param retrySchedule the retry schedule
		 * @param retryJitter the jitter
		 */
		public Webhook {
			batchSize = Math.min(batchSize, 100);
		}

	}

	/**
	 * Rate limits, with HubSpot's headers and 429 bodies.
	 *
	 * @param enabled whether limits are enforced
	 * @param tenSecondly requests per token per window (Professional: 190)
	 * @param window the rolling window (10 s)
	 * @param daily requests per portal per day
	 * @param dailyResetZone where the daily counter resets at midnight
	 * @param searchPerSecond searches per portal per search window
	 * @param searchWindow the search window (1 s)
	 */
	public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue("190") @Min(1) int tenSecondly,
			@DefaultValue("10s") @NotNull Duration window, @DefaultValue("625000") @Min(1) long daily,
			@DefaultValue("UTC") @NotNull ZoneId dailyResetZone, @DefaultValue("5") @Min(1) int searchPerSecond,
			@DefaultValue("1s") @NotNull Duration searchWindow) {
	}

	/**
	 * Search.
	 *
	 * @param indexDelay how long a write takes to reach search results (at most a second;
	 * HubSpot says "a few moments")
	 * @param maxBodyChars the largest search body accepted
	 */
	public record Search(@DefaultValue("200ms") @NotNull Duration indexDelay,
			@DefaultValue("3000") @Min(1) int maxBodyChars) {
	}

	/**
	 * Storage.
	 *
	 * @param dir where state and pending webhook deliveries are kept; none keeps them in
	 * memory
	 */
	public record Storage(@Nullable Path dir) {
	}

	/**
	 * The one OAuth app of the emulated HubSpot (reference {@code hubspot-2026.md} §4.1):
	 * its clients, and how long what it issues lives (short in tests, which compress
	 * HubSpot's 30 minutes). Every grant ({@code authorization_code},
	 * {@code refresh_token}, {@code client_credentials}) takes any of its clients.
	 *
	 * @param clients the app's clients, client id to client secret
	 * ({@code emulator.oauth.clients.<id>=<secret>}); none configured means
	 * {@code dev-client-id} (HubSync's install) and {@code hubsync-client-id} (its
	 * webhooks journal reader), both with the secret {@code dev-client-secret}
	 * @param appId the app's id: tokens it issues act as this app (writes show as
	 * {@code INTEGRATION} with this id)
	 * @param userId the user who installs the app (the authorize page auto-approves)
	 * @param redirectUris the redirect URIs configured for the app; empty accepts any
	 * @param accessTokenLifetime an access token's life ({@code expires_in}; HubSpot: 30
	 * minutes)
	 * @param clientCredentialsLifetime a client-credentials token's life (HubSpot's value
	 * is not documented; 30 minutes assumed, 1800 s in its example)
	 * @param codeLifetime how long an authorization code can be exchanged
	 */
	public record OAuth(@DefaultValue Map<String, @NotEmpty String> clients, @DefaultValue("4242") long appId,
			@DefaultValue("1") long userId, @DefaultValue List<String> redirectUris,
			@DefaultValue("30m") @NotNull Duration accessTokenLifetime,
			@DefaultValue("30m") @NotNull Duration clientCredentialsLifetime,
			@DefaultValue("10m") @NotNull Duration codeLifetime) {

		/** The client id of HubSync's install, among the defaults. */
		public static final String INSTALL_CLIENT_ID = "dev-client-id";

		/** The client id of HubSync's webhooks journal reader, among the defaults. */
		public static final String JOURNAL_CLIENT_ID = "hubsync-client-id";

		/** The secret of the default clients. */
		public static final String DEFAULT_CLIENT_SECRET = "dev-client-secret";

		/**
		 * Applies the default clients when none are configured.
		 * @param clients the clients
		 * @param appId the app id
		 * @param userId the installing user
		 * @param redirectUris the redirect URIs
		 * @param accessTokenLifetime an access token's life
		 * @param clientCredentialsLifetime a client-credentials token's life
		 * @param codeLifetime an authorization code's life
		 */
		public OAuth {
			clients = (clients == null || clients.isEmpty())
					? Map.of(INSTALL_CLIENT_ID, DEFAULT_CLIENT_SECRET, JOURNAL_CLIENT_ID, DEFAULT_CLIENT_SECRET)
					: Map.copyOf(clients);
		}

		/**
		 * Describes the app without its secrets.
		 * @return the app, secrets redacted
		 */
		@Override
		public String toString() {
			return "OAuth[clients=" + new TreeSet<>(this.clients.keySet()) + " (secrets redacted), appId=" + this.appId
					+ ", userId=" + this.userId + ", redirectUris=" + this.redirectUris + ", accessTokenLifetime="
					+ this.accessTokenLifetime + ", clientCredentialsLifetime=" + this.clientCredentialsLifetime + "]";
		}

	}

}
