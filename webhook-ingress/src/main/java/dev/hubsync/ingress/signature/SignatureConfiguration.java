package dev.hubsync.ingress.signature;

import java.time.Clock;
import java.util.EnumSet;

import dev.hubsync.hubspot.signature.SignatureVerifier;
import dev.hubsync.ingress.IngressProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The signature verifier of the configured secrets and versions. */
@Configuration(proxyBeanMethods = false)
class SignatureConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock ingressClock() {
		return Clock.systemUTC();
	}

	@Bean
	SignatureVerifier signatureVerifier(IngressProperties properties, Clock clock) {
		return new SignatureVerifier(properties.clientSecrets(), EnumSet.copyOf(properties.signatureVersions()),
				properties.maxTimestampAge(), properties.maxClockSkew(), clock);
	}

}
