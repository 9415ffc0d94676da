package dev.hubsync.ingress.dedupe;

import java.time.Clock;

import dev.hubsync.ingress.IngressMode;
import dev.hubsync.ingress.IngressProperties;
import dev.hubsync.ingress.journal.JournalProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The deduplicator, active in mode {@code both}, pass-through otherwise. */
@Configuration(proxyBeanMethods = false)
class DedupeConfiguration {

	@Bean
	PathDeduplicator pathDeduplicator(IngressProperties ingress, JournalProperties journal, Clock clock,
			MeterRegistry registry) {
		return new PathDeduplicator(ingress.mode() == IngressMode.BOTH, journal.dedupeWindow(), clock, registry);
	}

}
