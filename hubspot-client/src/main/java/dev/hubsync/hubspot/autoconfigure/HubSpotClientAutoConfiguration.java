package dev.hubsync.hubspot.autoconfigure;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.oauth.TokenProvider;
import dev.hubsync.hubspot.ratelimit.RateBudget;
import dev.hubsync.hubspot.ratelimit.RateBudgets;
import dev.hubsync.hubspot.ratelimit.RateLimits;
import dev.hubsync.hubspot.transport.RetrySettings;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;

/**
 * A {@link HubSpotClient} for services that set {@code hubsync.hubspot.enabled=true}:
 * base URL, token, retries and rate budget from {@link HubSpotProperties}. A service that
 * only needs the signature helpers (the ingress) gets nothing.
 */
@AutoConfiguration
@ConditionalOnClass(HubSpotClient.class)
@ConditionalOnProperty(prefix = "hubsync.hubspot", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(HubSpotProperties.class)
public class HubSpotClientAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	RateBudget hubSpotRateBudget(HubSpotProperties properties, ObjectProvider<DataSource> dataSource) {
		HubSpotProperties.RateLimit limit = properties.rateLimit();
		RateLimits limits = new RateLimits(limit.tenSecondly(), limit.burstWindow(), limit.daily(),
				limit.dailyResetZone(), limit.searchPerSecond(), Duration.ofSeconds(1), limit.backgroundReserve());
		if (limit.store().equals("postgresql")) {
			DataSource database = dataSource.getIfAvailable();
			if (database == null) {
				throw new IllegalStateException(
						"hubsync.hubspot.rate-limit.store=postgresql needs a DataSource (spring.datasource.url)");
			}
			RateBudgets.createTable(database, limit.table());
			return RateBudgets.shared(database, limit.table(), properties.portalId(), limits, Clock.systemUTC());
		}
		return RateBudgets.inMemory(limits, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	HubSpotClient hubSpotClient(HubSpotProperties properties, RateBudget budget) {
		HubSpotProperties.Retry retry = properties.retry();
		return HubSpotClient.builder()
			.baseUrl(properties.baseUrl())
			.tokens(TokenProvider.of(properties.accessToken()))
			.budget(budget)
			.retry(new RetrySettings(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), 2.0, 0.5))
			.requestTimeout(properties.requestTimeout())
			.connectTimeout(properties.connectTimeout())
			.build();
	}

}
