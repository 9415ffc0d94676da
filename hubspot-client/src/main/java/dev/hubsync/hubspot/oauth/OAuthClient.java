package dev.hubsync.hubspot.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hubsync.hubspot.error.HubSpotAuthenticationException;
import dev.hubsync.hubspot.error.HubSpotError;
import dev.hubsync.hubspot.error.HubSpotRetryableException;
import dev.hubsync.hubspot.transport.ApiPaths;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * HubSpot's OAuth token endpoint ({@code POST /oauth/2026-03/token},
 * {@code /oauth/v1/token} in the legacy family; form-encoded): exchanges an authorization
 * code, refreshes tokens, reads a token's portal by introspection, and asks for
 * client-credentials tokens. Token calls are not rate-budgeted.
 */
public final class OAuthClient {

	private final HttpClient http;

	private final JsonMapper json;

	private final URI tokenEndpoint;

	private final URI baseUrl;

	private final ApiPaths paths;

	private final String clientId;

	private final String clientSecret;

	private final Duration timeout;

	/**
	 * Creates a client.
	 * @param http the HTTP client
	 * @param json the JSON mapper
	 * @param baseUrl HubSpot's API base URL
	 * @param clientId the app's client id
	 * @param clientSecret the app's client secret
	 * @param timeout the request timeout
	 */
	public OAuthClient(HttpClient http, JsonMapper json, URI baseUrl, String clientId, String clientSecret,
			Duration timeout) {
		this(http, json, baseUrl, clientId, clientSecret, timeout, ApiPaths.defaults());
	}

	/**
	 * Creates a client calling the token endpoint of the configured OAuth version.
	 * @param http the HTTP client
	 * @param json the JSON mapper
	 * @param baseUrl HubSpot's API base URL
	 * @param clientId the app's client id
	 * @param clientSecret the app's client secret
	 * @param timeout the request timeout
	 * @param paths the API versions' paths
	 */
	public OAuthClient(HttpClient http, JsonMapper json, URI baseUrl, String clientId, String clientSecret,
			Duration timeout, ApiPaths paths) {
		this.http = http;
		this.json = json;
		this.tokenEndpoint = baseUrl.resolve(paths.oauthToken());
		this.baseUrl = baseUrl;
		this.paths = paths;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.timeout = timeout;
	}

	/**
	 * Exchanges an authorization code for tokens.
	 * @param code the code HubSpot redirected with
	 * @param redirectUri the app's redirect URI
	 * @return the tokens
	 */
	public OAuthTokens exchange(String code, String redirectUri) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("redirect_uri", redirectUri);
		form.put("code", code);
		return post(form);
	}

	/**
	 * Refreshes an access token.
	 * @param refreshToken the refresh token
	 * @return the new tokens
	 */
	public OAuthTokens refresh(String refreshToken) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		return post(form);
	}

	/**
	 * Reads an access token's metadata: the portal it acts in, for a token response
	 * without {@code hub_id} (the legacy v1 endpoint's).
	 * @param accessToken the access token
	 * @return the metadata
	 */
	public OAuthTokenInfo introspect(String accessToken) {
		URI endpoint = this.baseUrl.resolve(this.paths.oauthIntrospection(accessToken));
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
			.timeout(this.timeout)
			.header("Accept", "application/json");
		if (this.paths.legacy(ApiPaths.Api.OAUTH)) {
			request.GET();
		}
		else {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("token", accessToken);
			form.put("token_type_hint", "access_token");
			form.put("client_id", this.clientId);
			form.put("client_secret", this.clientSecret);
			request.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(encode(form)));
		}
		return this.json.readValue(send(request.build()), OAuthTokenInfo.class);
	}

	/**
	 * Asks for an app-level token ({@code client_credentials}; the webhooks journal's):
	 * it has no refresh token, so ask again before it expires.
	 * @param scopes the scopes, e.g. {@code developer.webhooks_journal.read}
	 * @return the token
	 */
	public OAuthTokens clientCredentials(List<String> scopes) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("scope", String.join(" ", scopes));
		return post(form);
	}

	private OAuthTokens post(Map<String, String> parameters) {
		Map<String, String> form = new LinkedHashMap<>(parameters);
		form.put("client_id", this.clientId);
		form.put("client_secret", this.clientSecret);
		HttpRequest request = HttpRequest.newBuilder(this.tokenEndpoint)
			.timeout(this.timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(encode(form)))
			.build();
		return this.json.readValue(send(request), OAuthTokens.class);
	}

	private static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

	private byte[] send(HttpRequest request) {
		HttpResponse<byte[]> response;
		try {
			response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new HubSpotRetryableException("OAuth token request failed: " + ex.getMessage(), 0, null, null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted during the OAuth token request", ex);
		}
		if (response.statusCode() >= 500) {
			throw new HubSpotRetryableException("OAuth token request failed with " + response.statusCode(),
					response.statusCode(), error(response.body()), null, null);
		}
		if (response.statusCode() != 200) {
			throw new HubSpotAuthenticationException("OAuth token request refused with " + response.statusCode(),
					error(response.body()));
		}
		return response.body();
	}

	private @Nullable HubSpotError error(byte[] body) {
		try {
			return this.json.readValue(body, HubSpotError.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
