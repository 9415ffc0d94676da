package dev.hubsync.emulator.api;

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

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.support.WebhookReceiver;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The OAuth server (reference {@code hubspot-2026.md} §4.1): install by the authorize
 * redirect and the code exchange, refresh, client credentials, introspection, revocation
 * and uninstall, and tokens that act as the app.
 */
class OAuthIT {

	private static final String REDIRECT = "http://localhost:8082/oauth/callback";

	private static final String PATH = "/webhooks/hubspot";

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.oauth.access-token-lifetime", "4s")
		.property("emulator.webhook.linger", "20ms");

	private static final HttpClient CLIENT = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	static WebhookReceiver receiver;

	@BeforeAll
	static void startReceiver() {
		receiver = WebhookReceiver.start(PATH);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		hubspot.get().admin().webhooks(receiver.url(PATH), "dev-client-secret", List.of(), List.of("v3"));
		receiver.clear();
		receiver.answer(() -> 200);
	}

	@Test
	void installsByRedirectAndCodeAndItsTokenActsAsTheApp() {
		JsonNode tokens = install();
		assertThat(tokens.get("token_use").asString()).isEqualTo("access_token");
		assertThat(tokens.get("hub_id").asLong()).isEqualTo(HubSpotEmulator.PORTAL_ID);
		assertThat(tokens.get("expires_in").asLong()).isEqualTo(4);
		assertThat(tokens.get("scopes")).extracting(JsonNode::asString).contains("crm.objects.contacts.write");
		Http app = new Http(hubspot.get().baseUrl(), tokens.get("access_token").asString());
		assertThat(app.post("/crm/objects/2026-09/contacts", "{\"properties\":{\"email\":\"o@x.io\"}}").status())
			.isEqualTo(201);
		assertThat(hubspot.get().admin().requests("POST", "/crm/objects/2026-09/contacts")).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.caller()).isEqualTo("app:4242"));
		await().untilAsserted(() -> assertThat(receiver.acceptedEvents()).anySatisfy((event) -> {
			assertThat(event.get("changeSource").asString()).isEqualTo("INTEGRATION");
			assertThat(event.get("sourceId").asString()).isEqualTo("4242");
		}));
	}

	@Test
	void refusesAnUnknownClientAndAWrongSecret() {
		HttpResponse<String> authorize = send(HttpRequest
			.newBuilder(hubspot.get()
				.baseUrl()
				.resolve("/oauth/authorize?client_id=nobody&redirect_uri=" + REDIRECT + "&scope=oauth"))
			.GET());
		assertThat(authorize.statusCode()).isEqualTo(400);
		HttpResponse<String> unknown = token("/oauth/2026-03/token",
				Map.of("grant_type", "client_credentials", "client_id", "nobody", "client_secret", "x"));
		assertThat(unknown.statusCode()).isEqualTo(400);
		assertThat(json(unknown).get("status").asString()).isEqualTo("BAD_CLIENT_ID");
		HttpResponse<String> wrongSecret = token("/oauth/v1/token",
				Map.of("grant_type", "client_credentials", "client_id", "dev-client-id", "client_secret", "x"));
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		assertThat(json(wrongSecret).get("status").asString()).isEqualTo("BAD_CLIENT_SECRET");
	}

	@Test
	void refreshesOnEveryPathFamilyWithTheSameRefreshToken() {
		String refreshToken = install().get("refresh_token").asString();
		for (String path : List.of("/oauth/v1/token", "/oauth/v3/token", "/oauth/2026-03/token",
				"/oauth/2026-09/token")) {
			HttpResponse<String> refreshed = token(path, refreshForm(refreshToken));
			assertThat(refreshed.statusCode()).as(path).isEqualTo(200);
			assertThat(json(refreshed).get("refresh_token").asString()).isEqualTo(refreshToken);
			// v1 keeps its original shape; the others name the portal
			assertThat(json(refreshed).has("hub_id")).as(path).isEqualTo(!path.equals("/oauth/v1/token"));
		}
		assertThat(hubspot.get().admin().tokenRequests("refresh_token")).isEqualTo(4);
	}

	@Test
	void clientCredentialsTokenActsAsTheAppWithoutRefreshToken() {
		HttpResponse<String> response = token("/oauth/2026-03/token",
				Map.of("grant_type", "client_credentials", "client_id", "dev-client-id", "client_secret",
						"dev-client-secret", "scope",
						"developer.webhooks_journal.read developer.webhooks_journal.subscriptions.read"));
		JsonNode body = json(response);
		assertThat(body.get("token_use").asString()).isEqualTo("client_credentials");
		assertThat(body.has("refresh_token")).isFalse();
		assertThat(body.get("scopes")).hasSize(2);
		Http app = new Http(hubspot.get().baseUrl(), body.get("access_token").asString());
		assertThat(app.get("/crm/v3/owners").status()).isEqualTo(200);
	}

	@Test
	void introspectsBothTokenKinds() {
		JsonNode tokens = install();
		HttpResponse<String> access = token("/oauth/2026-03/token/introspect", Map.of("client_id", "dev-client-id",
				"client_secret", "dev-client-secret", "token", tokens.get("access_token").asString()));
		assertThat(json(access).get("token_use").asString()).isEqualTo("access_token");
		assertThat(json(access).get("app_id").asLong()).isEqualTo(HubSpotEmulator.APP_ID);
		HttpResponse<String> refresh = send(HttpRequest.newBuilder(
				hubspot.get().baseUrl().resolve("/oauth/v1/refresh-tokens/" + tokens.get("refresh_token").asString()))
			.GET());
		assertThat(json(refresh).get("token_use").asString()).isEqualTo("refresh_token");
		assertThat(json(refresh).get("hub_id").asLong()).isEqualTo(HubSpotEmulator.PORTAL_ID);
	}

	@Test
	void aRevokedRefreshTokenNoLongerRefreshesAndExpiredTokensAreRefused() {
		JsonNode tokens = install();
		String refreshToken = tokens.get("refresh_token").asString();
		HttpResponse<String> revoked = token("/oauth/2026-03/token/revoke",
				Map.of("client_id", "dev-client-id", "client_secret", "dev-client-secret", "token", refreshToken));
		assertThat(revoked.statusCode()).isEqualTo(204);
		HttpResponse<String> refresh = token("/oauth/v1/token", refreshForm(refreshToken));
		assertThat(refresh.statusCode()).isEqualTo(400);
		assertThat(json(refresh).get("status").asString()).isEqualTo("BAD_REFRESH_TOKEN");
		Http app = new Http(hubspot.get().baseUrl(), tokens.get("access_token").asString());
		// the access token outlives its refresh token until it expires (4 s here)
		assertThat(app.get("/crm/v3/owners").status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Http.Response expired = app.get("/crm/v3/owners");
			assertThat(expired.status()).isEqualTo(401);
			assertThat(expired.json().get("category").asString()).isEqualTo("EXPIRED_AUTHENTICATION");
		});
	}

	@Test
	void uninstallKillsEveryToken() {
		JsonNode tokens = install();
		hubspot.get().admin().uninstallApp();
		Http app = new Http(hubspot.get().baseUrl(), tokens.get("access_token").asString());
		assertThat(app.get("/crm/v3/owners").status()).isEqualTo(401);
		assertThat(token("/oauth/2026-03/token", refreshForm(tokens.get("refresh_token").asString())).statusCode())
			.isEqualTo(400);
	}

	private JsonNode install() {
		URI authorize = UriComponentsBuilder.fromUri(hubspot.get().baseUrl().resolve("/oauth/authorize"))
			.queryParam("client_id", "dev-client-id")
			.queryParam("redirect_uri", REDIRECT)
			.queryParam("scope", "oauth crm.objects.contacts.write")
			.queryParam("state", "s-1")
			.encode()
			.build()
			.toUri();
		HttpResponse<String> redirect = send(HttpRequest.newBuilder(authorize).GET());
		assertThat(redirect.statusCode()).isEqualTo(302);
		URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
		Map<String, String> query = UriComponentsBuilder.fromUri(location).build().getQueryParams().toSingleValueMap();
		assertThat(location.toString()).startsWith(REDIRECT + "?");
		assertThat(query).containsEntry("state", "s-1").containsKey("code");
		HttpResponse<String> exchanged = token("/oauth/2026-03/token",
				Map.of("grant_type", "authorization_code", "client_id", "dev-client-id", "client_secret",
						"dev-client-secret", "redirect_uri", REDIRECT, "code", query.get("code")));
		assertThat(exchanged.statusCode()).isEqualTo(200);
		assertThat(token("/oauth/2026-03/token",
				Map.of("grant_type", "authorization_code", "client_id", "dev-client-id", "client_secret",
						"dev-client-secret", "redirect_uri", REDIRECT, "code", query.get("code")))
			.statusCode()).as("a code is used once").isEqualTo(400);
		return json(exchanged);
	}

	private static Map<String, String> refreshForm(String refreshToken) {
		return Map.of("grant_type", "refresh_token", "client_id", "dev-client-id", "client_secret", "dev-client-secret",
				"refresh_token", refreshToken);
	}

	private HttpResponse<String> token(String path, Map<String, String> form) {
		String body = new LinkedHashMap<>(form).entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(hubspot.get().baseUrl().resolve(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
