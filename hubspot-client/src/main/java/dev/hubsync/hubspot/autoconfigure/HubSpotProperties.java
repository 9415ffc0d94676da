package dev.hubsync.hubspot.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import dev.hubsync.hubspot.transport.ApiPaths;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The HubSpot client of a service ({@code hubsync.hubspot.*}); active when
 * {@code hubsync.hubspot.enabled=true}.
 *
 * @param enabled whether the service uses a HubSpot client
 * @param baseUrl HubSpot's API (the emulator: {@code http://localhost:8090})
 * @param accessToken the static access token of a private app, a project app with static
 * auth or a service key (required when {@code auth=static})
 * @param appId HubSync's own app id: webhook events with {@code changeSource=INTEGRATION}
 * and this {@code sourceId} are its echoes
 * @param portalId the portal (account) id, keying the shared rate budget
 * @param requestTimeout one request's bound
 * @param connectTimeout connection bound
 * @param rateLimit the rate budget
 * @param retry retries of transient failures
 * @param plainHttpHosts hosts the client may call over plain HTTP besides loopback (the
 * emulator on a private network, as docker-compose runs it); HTTPS everywhere else
 * @param apiVersion HubSpot's API version: {@code 2026-09} (default) or another dated
 * version ({@code YYYY-MM}, optionally {@code -beta}), or {@code v3} for the legacy
 * numbered paths ({@code /crm/v3}, {@code /crm/v4} for associations, {@code /oauth/v1})
 * @param apiVersions per-API overrides of {@code api-version}
 * @param auth {@code static} (the access token above) or {@code oauth} (the token of
 * HubSync's OAuth installation, stored encrypted in PostgreSQL and refreshed before it
 * expires)
 * @param oauth the OAuth app, when {@code auth=oauth}
 */
@ConfigurationProperties("hubsync.hubspot")
@Validated
public record HubSpotProperties(@DefaultValue("false") boolean enabled,
		@DefaultValue("https://api.hubapi.com") @NotNull URI baseUrl, @Nullable String accessToken,
		@DefaultValue("0") @Min(0) long appId, @DefaultValue("0") @Min(0) long portalId,
		@DefaultValue("10s") @NotNull Duration requestTimeout, @DefaultValue("5s") @NotNull Duration connectTimeout,
		@DefaultValue @Valid RateLimit rateLimit, @DefaultValue @Valid Retry retry,
		@DefaultValue List<String> plainHttpHosts,
		@DefaultValue(ApiPaths.DEFAULT_VERSION) @NotNull @Pattern(regexp = ApiPaths.VERSION_PATTERN,
				message = "must be v3 or a dated version like 2026-09 (YYYY-MM, optionally -beta)") String apiVersion,
		@DefaultValue @Valid ApiVersions apiVersions,
		@DefaultValue("static") @Pattern(regexp = "static|oauth", message = "must be static or oauth") String auth,
		@DefaultValue @Valid OAuth oauth) {

	/**
	 * Tells whether OAuth supplies the token.
	 * @return whether {@code auth=oauth}
	 */
	public boolean oauthMode() {
		return "oauth".equals(this.auth);
	}

	/**
	 * Checks that static auth has its token.
	 * @return whether a token is set or OAuth supplies it
	 */
	@AssertTrue(message = "hubsync.hubspot.access-token is required with hubsync.hubspot.auth=static (the default);"
			+ " set it, or set hubsync.hubspot.auth=oauth")
	public boolean isTokenConfigured() {
		return oauthMode() || (this.accessToken != null && !this.accessToken.isBlank());
	}

	/**
	 * Checks that OAuth has its app's credentials.
	 * @return whether static, or the client id and secret are set
	 */
	@AssertTrue(message = "hubsync.hubspot.oauth.client-id and .client-secret are required with"
			+ " hubsync.hubspot.auth=oauth (the app's Auth tab)")
	public boolean isOAuthConfigured() {
		return !oauthMode()
				|| (this.oauth != null && notBlank(this.oauth.clientId()) && notBlank(this.oauth.clientSecret()));
	}

	private static boolean notBlank(@Nullable String value) {
		return value != null && !value.isBlank();
	}

	/**
	 * Returns the paths of the configured API versions.
	 * @return the paths
	 */
	public ApiPaths paths() {
		ApiVersions overrides = (this.apiVersions != null) ? this.apiVersions
				: new ApiVersions(null, null, null, null, null, null, null, null);
		return ApiPaths.of(this.apiVersion)
			.with(ApiPaths.Api.OBJECTS, overrides.objects())
			.with(ApiPaths.Api.PROPERTIES, overrides.properties())
			.with(ApiPaths.Api.ASSOCIATIONS, overrides.associations())
			.with(ApiPaths.Api.OWNERS, overrides.owners())
			.with(ApiPaths.Api.PIPELINES, overrides.pipelines())
			.with(ApiPaths.Api.SCHEMAS, overrides.schemas())
			.with(ApiPaths.Api.OAUTH, overrides.oauth())
			.with(ApiPaths.Api.JOURNAL, overrides.journal());
	}

	/**
	 * Checks that the journal is not asked for in the legacy family, which has no
	 * journal.
	 * @return whether the journal's version is dated
	 */
	@AssertTrue(message = "hubsync.hubspot.api-versions.journal cannot be v3: the webhooks journal has only dated"
			+ " versions (2026-03)")
	public boolean isJournalDated() {
		return this.apiVersions == null || !ApiPaths.LEGACY.equals(this.apiVersions.journal());
	}

	/**
	 * Checks that the token travels over HTTPS: plain HTTP only to a loopback address
	 * (the emulator, a local proxy).
	 * @return whether the base URL is HTTPS or loopback
	 */
	@AssertTrue(message = "hubsync.hubspot.base-url must use https unless it points at a loopback address"
			+ " (localhost, 127.0.0.1, ::1) or a host listed in hubsync.hubspot.plain-http-hosts (the emulator"
			+ " on a private network): the access token is sent with every call")
	public boolean isBaseUrlSafe() {
		if (this.baseUrl == null || "https".equalsIgnoreCase(this.baseUrl.getScheme())) {
			return true;
		}
		String host = this.baseUrl.getHost();
		if (host == null) {
			return false;
		}
		if (this.plainHttpHosts != null && this.plainHttpHosts.stream().anyMatch(host::equalsIgnoreCase)) {
			return true;
		}
		try {
			return "localhost".equalsIgnoreCase(host) || InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/**
	 * Describes the configuration without the access token: a record's own
	 * {@code toString()} would print it.
	 * @return the configuration, token redacted
	 */
	@Override
	public String toString() {
		return "HubSpotProperties[enabled=" + this.enabled + ", baseUrl=" + this.baseUrl + ", accessToken=(redacted)"
				+ ", appId=" + this.appId + ", portalId=" + this.portalId + ", requestTimeout=" + this.requestTimeout
				+ ", connectTimeout=" + this.connectTimeout + ", rateLimit=" + this.rateLimit + ", retry=" + this.retry
				+ ", plainHttpHosts=" + this.plainHttpHosts + ", apiVersion=" + this.apiVersion + ", apiVersions="
				+ this.apiVersions + ", auth=" + this.auth + ", oauth=" + this.oauth + "]";
	}

	/**
	 * The rate budget (reference §8; defaults are a Professional private app's).
	 *
	 * @param tenSecondly requests per burst window
	 * @param burstWindow the burst window
	 * @param daily requests per day; 0 turns the daily bucket off
	 * @param dailyResetZone the account's time zone
	 * @param searchPerSecond search requests per second
	 * @param backgroundReserve share of the burst budget background work leaves to live
	 * changes
	 * @param store {@code memory} (this process alone) or {@code postgresql} (shared by
	 * every process using the same database)
	 * @param table the shared budget's table
	 */
	public record RateLimit(@DefaultValue("190") @Min(1) long tenSecondly,
			@DefaultValue("10s") @NotNull Duration burstWindow, @DefaultValue("625000") @Min(0) long daily,
			@DefaultValue("UTC") @NotNull ZoneId dailyResetZone, @DefaultValue("5") @Min(1) long searchPerSecond,
			@DefaultValue("0.2") @DecimalMin("0") @DecimalMax("0.99") double backgroundReserve,
			@DefaultValue("memory") @Pattern(regexp = "memory|postgresql") String store,
			@DefaultValue("hubsync_rate_budget") @NotBlank String table) {
	}

	/**
	 * Per-API versions where one API should not follow
	 * {@code hubsync.hubspot.api-version} (empty: follow it). With a dated default,
	 * pipelines, schemas, OAuth and the journal stay at {@code 2026-03}, HubSpot's latest
	 * version of them (reference §1.2); {@code v3} means the legacy numbered paths of
	 * that API.
	 *
	 * @param objects CRM objects: records, batches, search, merge, GDPR delete
	 * @param properties properties and property groups
	 * @param associations associations ({@code v3}: {@code /crm/v4})
	 * @param owners owners
	 * @param pipelines pipelines
	 * @param schemas custom object schemas
	 * @param oauth the OAuth token endpoint ({@code v3}: {@code /oauth/v1})
	 * @param journal the webhooks journal (dated only)
	 */
	public record ApiVersions(@Nullable @Pattern(regexp = ApiPaths.VERSION_PATTERN) String objects,
			@Nullable @Pattern(regexp = ApiPaths.VERSION_PATTERN) String properties,
			@Nullable @Pattern(regexp = ApiPaths.VERSION_PATTERN) String associations,
			@Nullable @Pattern(regexp = ApiPaths.VERSION_PATTERN) String owners,
			@Nullable @Pattern(regexp = ApiPaths.VERSION_PATTERN) String pipelines,
			@Nullable @Pattern(regexp = ApiPaths.VERSION_PATTERN) String schemas,
			@Nullable @Pattern(regexp = ApiPaths.VERSION_PATTERN) String oauth,
			@Nullable @Pattern(regexp = ApiPaths.VERSION_PATTERN) String journal) {
	}

	/**
	 * Retries of transient failures (429, 5xx, timeouts).
	 *
	 * @param maxAttempts attempts in all
	 * @param initialBackoff first wait
	 * @param maxBackoff longest wait
	 */
	public record Retry(@DefaultValue("6") @Min(1) int maxAttempts,
			@DefaultValue("500ms") @NotNull Duration initialBackoff,
			@DefaultValue("30s") @NotNull Duration maxBackoff) {
	}

	/**
	 * The OAuth app and the installation's token store ({@code auth=oauth}; reference
	 * {@code hubspot-2026.md} §4.1).
	 *
	 * @param clientId the app's client id
	 * @param clientSecret the app's client secret
	 * @param authorizeUrl HubSpot's authorize page (the emulator:
	 * {@code http://localhost:8090/oauth/authorize})
	 * @param redirectUri the callback as the browser reaches it, exactly as configured in
	 * the app ({@code https://hubsync.example.com/oauth/callback})
	 * @param scopes the scopes requested at install
	 * @param optionalScopes scopes requested if the portal has them
	 * @param refreshMargin how long before expiry the access token is refreshed
	 * @param refreshCheckInterval how often a service looks whether the token is due, so
	 * an idle service refreshes it before it expires too
	 * @param stateTtl how long an install's signed {@code state} is accepted
	 * @param keys the token encryption keys by id: 32 random bytes in base64 each (from
	 * the environment, {@code HUBSYNC_HUBSPOT_OAUTH_KEYS_<ID>}, or a secret file through
	 * {@code spring.config.import=configtree:})
	 * @param activeKey the id of the key new ciphertext is sealed under
	 * @param table the installation's table
	 */
	public record OAuth(@Nullable String clientId, @Nullable String clientSecret,
			@DefaultValue("https://app.hubspot.com/oauth/authorize") @NotNull URI authorizeUrl,
			@DefaultValue("http://localhost:8082/oauth/callback") @NotNull URI redirectUri, @DefaultValue( {
					"oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read",
					"crm.objects.companies.write", "crm.objects.deals.read", "crm.objects.deals.write",
					"crm.objects.owners.read", "crm.schemas.contacts.read", "crm.schemas.contacts.write",
					"crm.schemas.companies.read", "crm.schemas.companies.write", "crm.schemas.deals.read",
					"crm.schemas.deals.write", "tickets", "crm.objects.tasks.read", "crm.objects.custom.read",
					"crm.objects.custom.write", "crm.schemas.custom.read" }) List<String> scopes,
			@DefaultValue List<String> optionalScopes, @DefaultValue("5m") @NotNull Duration refreshMargin,
			@DefaultValue("1m") @NotNull Duration refreshCheckInterval, @DefaultValue("10m") @NotNull Duration stateTtl,
			@DefaultValue Map<String, String> keys, @Nullable String activeKey,
			@DefaultValue("hubsync.oauth_installation") @NotBlank String table){

		/**
		 * Describes the app without its secret and keys.
		 * @return the settings, secrets redacted
		 */
		@Override
		public String toString() {
			return "OAuth[clientId=" + this.clientId + ", clientSecret=(redacted), authorizeUrl=" + this.authorizeUrl
					+ ", redirectUri=" + this.redirectUri + ", scopes=" + this.scopes + ", refreshMargin="
					+ this.refreshMargin + ", stateTtl=" + this.stateTtl + ", keys="
					+ ((this.keys != null) ? this.keys.keySet() : null) + " (redacted), activeKey=" + this.activeKey
					+ ", table=" + this.table + "]";
		}

	}

}
