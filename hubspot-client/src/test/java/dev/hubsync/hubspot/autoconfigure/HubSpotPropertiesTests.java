package dev.hubsync.hubspot.autoconfigure;

import java.util.List;
import java.util.Map;

import dev.hubsync.hubspot.oauth.OAuthTokens;
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

	private static HubSpotProperties bind(Map<String, String> values) {
		Map<String, String> all = new java.util.HashMap<>(Map.of("hubsync.hubspot.access-token", "token"));
		all.putAll(values);
		LocalValidatorFactoryBean validator = new LocalValidatorFactoryBean();
		validator.setMessageInterpolator(new ParameterMessageInterpolator());
		validator.afterPropertiesSet();
		return new Binder(new MapConfigurationPropertySource(all)).bindOrCreate("hubsync.hubspot",
				Bindable.of(HubSpotProperties.class), new ValidationBindHandler(validator));
	}

}
