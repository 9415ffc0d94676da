package dev.hubsync.emulator.oauth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.caller.IssuedTokens;
import dev.hubsync.emulator.EmulatorProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The state of the emulated app's installation: its clients
 * ({@code emulator.oauth.clients}), authorization codes, access tokens (acting as the
 * app, expiring after {@code emulator.oauth.access-token-lifetime}), client-credentials
 * tokens (acting as the app with the scopes asked for, no refresh token, expiring after
 * {@code emulator.oauth.client-credentials-lifetime}; the webhooks journal takes only
 * these) and refresh tokens (no expiry; HubSpot returns the same one on refresh and kills
 * it on revocation or uninstall). Thread-safe; kept in memory even in durable mode, so a
 * restarted emulator makes HubSync install again.
 */
@Component
public class OAuthServer implements IssuedTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final EmulatorProperties.OAuth app;

	private final long portalId;

	private final Clock clock;

	private final Map<String, Code> codes = new ConcurrentHashMap<>();

	private final Map<String, Access> accessTokens = new ConcurrentHashMap<>();

	private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();

	private final Map<String, AtomicLong> grants = new ConcurrentHashMap<>();

	OAuthServer(EmulatorProperties properties, Clock clock) {
		this.app = properties.oauth();
		this.portalId = properties.portalId();
		this.clock = clock;
	}

	EmulatorProperties.OAuth app() {
		return this.app;
	}

	/**
	 * Checks a client's credentials (the secret only when required: the authorize page
	 * has none).
	 * @return the client id, one of the app's clients
	 */
	String checkClient(@Nullable String clientId, @Nullable String clientSecret, boolean secretRequired) {
		String expectedSecret = (clientId != null) ? this.app.clients().get(clientId) : null;
		if (expectedSecret == null) {
			throw new OAuthException(400, "BAD_CLIENT_ID", "missing or unknown client id");
		}
		if (secretRequired && !expectedSecret.equals(clientSecret)) {
			throw new OAuthException(401, "BAD_CLIENT_SECRET", "missing or invalid client secret");
		}
		return clientId;
	}

	void checkRedirectUri(@Nullable String redirectUri) {
		if (redirectUri == null || redirectUri.isBlank()
				|| (!this.app.redirectUris().isEmpty() && !this.app.redirectUris().contains(redirectUri))) {
			throw new OAuthException(400, "BAD_REDIRECT_URI", "redirect_uri does not match the app's redirect URLs");
		}
	}

	/** Issues an authorization code for the auto-approved install. */
	String issueCode(String redirectUri, List<String> scopes) {
		String code = UUID.randomUUID().toString();
		this.codes.put(code, new Code(redirectUri, scopes, this.clock.instant().plus(this.app.codeLifetime())));
		return code;
	}

	Map<String, Object> exchange(String clientId, @Nullable String code, @Nullable String redirectUri) {
		count("authorization_code");
		Code issued = (code != null) ? this.codes.remove(code) : null;
		if (issued == null || !issued.expiresAt().isAfter(this.clock.instant())) {
			throw new OAuthException(400, "BAD_AUTH_CODE", "missing or invalid auth code");
		}
		if (!issued.redirectUri().equals(redirectUri)) {
			throw new OAuthException(400, "BAD_REDIRECT_URI", "redirect_uri does not match the authorization request");
		}
		String refreshToken = UUID.randomUUID().toString();
		this.refreshTokens.put(refreshToken, new Refresh(clientId, issued.scopes()));
		return accessResponse(clientId, refreshToken, issued.scopes());
	}

	Map<String, Object> refresh(String clientId, @Nullable String refreshToken) {
		count("refresh_token");
		Refresh refresh = (refreshToken != null) ? this.refreshTokens.get(refreshToken) : null;
		if (refresh == null) {
			throw OAuthException.badRefreshToken();
		}
		return accessResponse(clientId, refreshToken, refresh.scopes());
	}

	Map<String, Object> clientCredentials(String clientId, List<String> scopes) {
		count("client_credentials");
		String token = newAccessToken();
		Duration life = this.app.clientCredentialsLifetime();
		this.accessTokens.put(token, new Access(clientId, null, scopes, this.clock.instant().plus(life)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("token_type", "bearer");
		body.put("access_token", token);
		body.put("expires_in", Math.max(1, life.toSeconds()));
		body.put("token_use", "client_credentials");
		body.put("scopes", scopes);
		return body;
	}

	private Map<String, Object> accessResponse(String clientId, String refreshToken, List<String> scopes) {
		String token = newAccessToken();
		Duration life = this.app.accessTokenLifetime();
		this.accessTokens.put(token, new Access(clientId, refreshToken, scopes, this.clock.instant().plus(life)));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("token_type", "bearer");
		body.put("access_token", token);
		body.put("refresh_token", refreshToken);
		body.put("expires_in", Math.max(1, life.toSeconds()));
		body.put("token_use", "access_token");
		body.put("hub_id", this.portalId);
		body.put("user_id", this.app.userId());
		body.put("scopes", scopes);
		return body;
	}

	/** Introspects a token: an access token's or a refresh token's metadata. */
	@Nullable Map<String, Object> introspect(String token) {
		Access access = this.accessTokens.get(token);
		Refresh refresh = this.refreshTokens.get(token);
		Map<String, Object> body = new LinkedHashMap<>();
		String clientId;
		if (access != null && access.expiresAt().isAfter(this.clock.instant())) {
			clientId = access.clientId();
			body.put("active", true);
			body.put("token", token);
			body.put("token_type", "bearer");
			body.put("token_use", (access.refreshToken() != null) ? "access_token" : "client_credentials");
			body.put("expires_in", Duration.between(this.clock.instant(), access.expiresAt()).toSeconds());
			body.put("scopes", access.scopes());
		}
		else if (refresh != null) {
			clientId = refresh.clientId();
			body.put("active", true);
			body.put("token", token);
			body.put("token_type", "refresh");
			body.put("token_use", "refresh_token");
			body.put("scopes", refresh.scopes());
		}
		else {
			return null;
		}
		body.put("client_id", clientId);
		body.put("app_id", this.app.appId());
		body.put("hub_id", this.portalId);
		body.put("hub_domain", "emulator-" + this.portalId + ".hubspot.test");
		body.put("user_id", this.app.userId());
		body.put("user", "user" + this.app.userId() + "@emulator.test");
		return body;
	}

	/**
	 * Deletes a refresh token: its access tokens stay valid until they expire, as
	 * HubSpot's.
	 */
	boolean revokeRefreshToken(String token) {
		return this.refreshTokens.remove(token) != null;
	}

	boolean revokeAccessToken(String token) {
		return this.accessTokens.remove(token) != null;
	}

	/**
	 * Uninstalls the app from the portal: every token it holds dies at once.
	 * @return how many tokens died
	 */
	public int uninstall() {
		int count = this.accessTokens.size() + this.refreshTokens.size();
		this.accessTokens.clear();
		this.refreshTokens.clear();
		this.codes.clear();
		return count;
	}

	/**
	 * Returns how many token requests each grant type saw (refused ones included).
	 * @return the counts by grant type
	 */
	public Map<String, Long> grants() {
		Map<String, Long> counts = new TreeMap<>();
		this.grants.forEach((grant, count) -> counts.put(grant, count.get()));
		return counts;
	}

	/** Forgets every code, token and count. */
	public void reset() {
		uninstall();
		this.grants.clear();
	}

	@Override
	public @Nullable Caller caller(String token) {
		return (valid(token) != null) ? new Caller(token, null, this.app.appId()) : null;
	}

	/**
	 * Returns the scopes of a client-credentials token still valid.
	 * @param token the bearer token
	 * @return its scopes, or empty for any other token (unknown, expired, revoked, or
	 * issued by another grant)
	 */
	public Optional<List<String>> clientCredentialsScopes(String token) {
		Access access = valid(token);
		return (access != null && access.refreshToken() == null) ? Optional.of(access.scopes()) : Optional.empty();
	}

	private @Nullable Access valid(String token) {
		Access access = this.accessTokens.get(token);
		return (access != null && access.expiresAt().isAfter(this.clock.instant())) ? access : null;
	}

	@Override
	public boolean expired(String token) {
		Access access = this.accessTokens.get(token);
		return access != null && !access.expiresAt().isAfter(this.clock.instant());
	}

	private void count(String grant) {
		this.grants.computeIfAbsent(grant, (g) -> new AtomicLong()).incrementAndGet();
	}

	static List<String> scopes(@Nullable String scope) {
		return (scope == null || scope.isBlank()) ? List.of()
				: Arrays.stream(scope.trim().split("[ +]+")).filter((s) -> !s.isEmpty()).toList();
	}

	private static String newAccessToken() {
		byte[] bytes = new byte[64];
		RANDOM.nextBytes(bytes);
		// HubSpot's access tokens are opaque strings starting with C, up to ~300 chars
		return "CK" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private record Code(String redirectUri, List<String> scopes, Instant expiresAt) {
	}

	private record Access(String clientId, @Nullable String refreshToken, List<String> scopes, Instant expiresAt) {
	}

	private record Refresh(String clientId, List<String> scopes) {
	}

}
