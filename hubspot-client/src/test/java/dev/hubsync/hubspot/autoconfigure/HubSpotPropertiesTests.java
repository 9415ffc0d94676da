package dev.hubsync.hubspot.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.hubsync.hubspot.oauth.OAuthTokens;
import dev.hubsync.hubspot.transport.ApiPaths;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The HubSpot configuration keeps its token to itself: never over plain HTTP to another
 * host, never in a log line (issue #21).
 */
class HubSpotPropertiesTests {

	@Test
	void theTokenIsNeverSentOverPlainHttpToAnotherHost() {
		assertThatThrownBy(() -> bind(Map.of("hubsync.hubspot.base-url", "http://hubspot.example.com")))
			.isInstanceOf(BindException.class)
			.hasStackTraceContaining("hubsync.hubspot.base-url must use https");
		assertThat(bind(Map.of("hubsync.hubspot.base-url", "https://api.hubapi.com")).baseUrl())
			.hasToString("https://api.hubapi.com");
		assertThat(bind(Map.of("hubsync.hubspot.base-url", "http://127.0.0.1:8090")).isBaseUrlSafe()).isTrue();
		assertThat(bind(Map.of("hubsync.hubspot.base-url", "http://localhost:8090")).isBaseUrlSafe()).isTrue();
		assertThat(bind(Map.of("hubsync.hubspot.base-url", "http://hubspot-emulator:8090",
				"hubsync.hubspot.plain-http-hosts", "hubspot-emulator"))
			.plainHttpHosts()).isEqualTo(List.of("hubspot-emulator"));
	}

	@Test
	void secretsAreNotPrinted() {
		HubSpotProperties properties = bind(Map.of("hubsync.hubspot.access-token", "pat-na1-very-secret"));
		assertThat(properties.toString()).doesNotContain("pat-na1-very-secret").contains("accessToken=(redacted)");
		OAuthTokens tokens = new OAuthTokens("bearer", "access-secret", "refresh-secret", 1800);
		assertThat(tokens.toString()).doesNotContain("access-secret").doesNotContain("refresh-secret");
	}

	@Test
	void theApiVersionDefaultsTo2026_09AndCanBeV3OrOverriddenPerApi() {
		HubSpotProperties defaults = bind(Map.of());
		assertThat(defaults.apiVersion()).isEqualTo("2026-09");
		assertThat(defaults.paths()).isEqualTo(ApiPaths.defaults());
		assertThat(defaults.paths().oauthToken()).isEqualTo("/oauth/2026-03/token");
		assertThat(bind(Map.of("hubsync.hubspot.api-version", "v3")).paths().objects("contacts"))
			.isEqualTo("/crm/v3/objects/contacts");
		HubSpotProperties mixed = bind(
				Map.of("hubsync.hubspot.api-version", "2026-09", "hubsync.hubspot.api-versions.associations", "v3",
						"hubsync.hubspot.api-versions.pipelines", "2026-09"));
		assertThat(mixed.paths().associationsBatch("contacts", "companies", "read"))
			.isEqualTo("/crm/v4/associations/contacts/companies/batch/read");
		assertThat(mixed.paths().pipelines("deals")).isEqualTo("/crm/pipelines/2026-09/deals");
		assertThat(mixed.paths().objects("deals")).isEqualTo("/crm/objects/2026-09/deals");
		assertThatThrownBy(() -> bind(Map.of("hubsync.hubspot.api-version", "v4"))).isInstanceOf(BindException.class)
			.hasStackTraceContaining("must be v3 or a dated version");
		assertThatThrownBy(() -> bind(Map.of("hubsync.hubspot.api-versions.owners", "2026/09")))
			.isInstanceOf(BindException.class);
		assertThatThrownBy(() -> bind(Map.of("hubsync.hubspot.api-versions.journal", "v3")))
			.isInstanceOf(BindException.class)
			.hasStackTraceContaining("webhooks journal has only dated");
	}

	@Test
	void staticAuthNeedsItsTokenAndOAuthItsAppsCredentials() {
		assertThatThrownBy(() -> bindOnly(Map.of())).isInstanceOf(BindException.class)
			.hasStackTraceContaining("hubsync.hubspot.access-token is required with hubsync.hubspot.auth=static");
		assertThatThrownBy(() -> bindOnly(Map.of("hubsync.hubspot.auth", "oauth"))).isInstanceOf(BindException.class)
			.hasStackTraceContaining("hubsync.hubspot.oauth.client-id and .client-secret are required");
		HubSpotProperties oauth = bindOnly(Map.of("hubsync.hubspot.auth", "oauth", "hubsync.hubspot.oauth.client-id",
				"id", "hubsync.hubspot.oauth.client-secret", "client-very-secret", "hubsync.hubspot.oauth.keys.k1",
				"a2V5LXZlcnktc2VjcmV0", "hubsync.hubspot.oauth.active-key", "k1"));
		assertThat(oauth.oauthMode()).isTrue();
		assertThat(oauth.oauth().refreshMargin()).hasMinutes(5);
		assertThat(oauth.oauth().scopes()).contains("oauth", "crm.objects.contacts.write");
		assertThat(oauth.toString()).doesNotContain("client-very-secret").doesNotContain("a2V5LXZlcnktc2VjcmV0");
	}

	private static HubSpotProperties bind(Map<String, String> values) {
		Map<String, String> all = new java.util.HashMap<>(Map.of("hubsync.hubspot.access-token", "token"));
		all.putAll(values);
		return bindOnly(all);
	}

	private static HubSpotProperties bindOnly(Map<String, String> all) {
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.setMessageInterpolator(new ParameterMessageInterpolator());
		validator.afterPropertiesSet();
		return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("hubsync.hubspot",
				Bindable.of(HubSpotProperties.class), new ValidationBindHandler(validator));
	}

}
