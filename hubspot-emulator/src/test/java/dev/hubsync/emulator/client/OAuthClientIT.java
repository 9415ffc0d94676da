package dev.hubsync.emulator.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import dev.hubsync.hubspot.error.HubSpotAuthenticationException;
import dev.hubsync.hubspot.oauth.OAuthClient;
import dev.hubsync.hubspot.oauth.OAuthTokens;
import dev.hubsync.hubspot.transport.ApiPaths;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client's {@link OAuthClient} against the emulator's OAuth server, on the dated and
 * the legacy token endpoints: the legacy one names no portal, which introspection reads.
 */
class OAuthClientIT {

	private static final String REDIRECT = "https://hubsync.example.com/oauth/callback";

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create();

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
	}

	@Test
	void exchangesRefreshesAndIntrospectsOnTheDatedEndpoint() {
		OAuthClient client = client(ApiPaths.defaults(), "dev-client-secret");
		OAuthTokens tokens = client.exchange(code(), REDIRECT);
		assertThat(tokens.hubId()).isEqualTo(HubSpotEmulator.PORTAL_ID);
		assertThat(tokens.toString()).doesNotContain(tokens.accessToken());
		assertThat(client.introspect(tokens.accessToken()).hubId()).isEqualTo(HubSpotEmulator.PORTAL_ID);
		OAuthTokens refreshed = client.refresh(tokens.refreshToken());
		assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
		assertThat(refreshed.refreshToken()).isEqualTo(tokens.refreshToken());
	}

	@Test
	void theLegacyEndpointNamesNoPortalAndIntrospectionDoes() {
		OAuthClient client = client(ApiPaths.of("v3"), "dev-client-secret");
		OAuthTokens tokens = client.exchange(code(), REDIRECT);
		assertThat(tokens.hubId()).isNull();
		assertThat(client.introspect(tokens.accessToken()).hubId()).isEqualTo(HubSpotEmulator.PORTAL_ID);
		assertThat(client.introspect(tokens.accessToken()).appId()).isEqualTo(HubSpotEmulator.APP_ID);
	}

	@Test
	void aRevokedRefreshTokenOrAWrongSecretIsAnAuthenticationFailureWithHubSpotsStatus() {
		OAuthClient client = client(ApiPaths.defaults(), "dev-client-secret");
		OAuthTokens tokens = client.exchange(code(), REDIRECT);
		hubspot.get().admin().uninstallApp();
		assertThatExceptionOfType(HubSpotAuthenticationException.class)
			.isThrownBy(() -> client.refresh(tokens.refreshToken()))
			.satisfies((ex) -> assertThat(ex.error().status()).isEqualTo("BAD_REFRESH_TOKEN"));
		assertThatExceptionOfType(HubSpotAuthenticationException.class)
			.isThrownBy(() -> client(ApiPaths.defaults(), "wrong").refresh("any"))
			.satisfies((ex) -> assertThat(ex.error().status()).isEqualTo("BAD_CLIENT_SECRET"));
	}

	private static OAuthClient client(ApiPaths paths, String secret) {
		return new OAuthClient(HttpClient.newHttpClient(), JsonMapper.builder().build(), hubspot.get().baseUrl(),
				"dev-client-id", secret, Duration.ofSeconds(10), paths);
	}

	private static String code() {
		URI authorize = UriComponentsBuilder.fromUri(hubspot.get().baseUrl().resolve("/oauth/authorize"))
			.queryParam("client_id", "dev-client-id")
			.queryParam("redirect_uri", REDIRECT)
			.queryParam("scope", "oauth")
			.encode()
			.build()
			.toUri();
		try {
			HttpResponse<Void> redirect = HttpClient.newBuilder()
				.followRedirects(HttpClient.Redirect.NEVER)
				.build()
				.send(HttpRequest.newBuilder(authorize).build(), HttpResponse.BodyHandlers.discarding());
			URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
			return UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst("code");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
