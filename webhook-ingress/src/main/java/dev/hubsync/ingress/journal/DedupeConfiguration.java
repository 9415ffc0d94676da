package dev.hubsync.ingress.journal;

import java.time.Clock;

import dev.hubsync.ingress.IngressMode;
import dev.hubsync.ingress.IngressProperties;
import dev.hubsync.ingress.dedupe.PathDeduplicator;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deduplicator, active in mode {@code both}, pass-through otherwise; here, beside the
 * journal's settings it reads, so that {@code dedupe} does not depend on {@code journal}.
 */
@Configuration(proxyBeanMethods = false)
class DedupeConfiguration {

	@Bean
	PathDeduplicator pathDeduplicator(IngressProperties ingress, JournalProperties journal, Clock clock,
			MeterRegistry registry) {
		return new PathDeduplicator(ingress.mode() == IngressMode.BOTH, journal.dedupeWindow(), clock, registry);
	}

}
