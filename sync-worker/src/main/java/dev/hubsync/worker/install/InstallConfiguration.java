package dev.hubsync.worker.install;

import java.time.Clock;

import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.oauth.TokenCipher;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The install's beans, present with {@code hubsync.hubspot.auth=oauth}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "hubsync.hubspot", name = "auth", havingValue = "oauth")
class InstallConfiguration {

	@Bean
	InstallState installState(TokenCipher cipher, HubSpotProperties properties, Clock clock) {
		return new InstallState(cipher.derive("hubsync-oauth-install-state"), properties.oauth().stateTtl(), clock);
	}

}
