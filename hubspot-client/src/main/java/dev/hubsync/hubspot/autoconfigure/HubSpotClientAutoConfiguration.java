package dev.hubsync.hubspot.autoconfigure;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.oauth.InstallationStore;
import dev.hubsync.hubspot.oauth.OAuthClient;
import dev.hubsync.hubspot.oauth.StoredTokenProvider;
import dev.hubsync.hubspot.oauth.TokenCipher;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.ratelimit.RateBudget;
import dev.hubsync.hubspot.ratelimit.RateBudgets;
import dev.hubsync.hubspot.ratelimit.RateLimits;
import dev.hubsync.hubspot.transport.CallObserver;
import dev.hubsync.hubspot.transport.RetrySettings;
import tools.jackson.databind.json.JsonMapper;

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
 * base URL, token, API versions, retries and rate budget from {@link HubSpotProperties}.
 * A service that only needs the signature helpers (the ingress) gets nothing.
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
	TokenProvider hubSpotTokens(HubSpotProperties properties, ObjectProvider<StoredTokenProvider> oauth) {
		if (properties.oauthMode()) {
			return oauth.getObject();
		}
		return TokenProvider.of(properties.accessToken());
	}

	@Bean
	@ConditionalOnMissingBean
	HubSpotClient hubSpotClient(HubSpotProperties properties, RateBudget budget, TokenProvider tokens,
			ObjectProvider<CallObserver> observer) {
		HubSpotProperties.Retry retry = properties.retry();
		return HubSpotClient.builder()
			.observer(observer.getIfAvailable(() -> CallObserver.NONE))
			.baseUrl(properties.baseUrl())
			.tokens(tokens)
			.budget(budget)
			.retry(new RetrySettings(retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff(), 2.0, 0.5))
			.requestTimeout(properties.requestTimeout())
			.connectTimeout(properties.connectTimeout())
			.apiPaths(properties.paths())
			.build();
	}

	/**
	 * OAuth ({@code hubsync.hubspot.auth=oauth}): the token cipher (start-up fails naming
	 * the property when a key is missing or short), the token endpoint's client, the
	 * installation's store in the service's database, and the provider every HubSpot call
	 * reads its token from.
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(prefix = "hubsync.hubspot", name = "auth", havingValue = "oauth")
	static class OAuth {

		static final String PREFIX = "hubsync.hubspot.oauth";

		@Bean
		@ConditionalOnMissingBean
		TokenCipher hubSpotTokenCipher(HubSpotProperties properties) {
			HubSpotProperties.OAuth oauth = properties.oauth();
			return TokenCipher.of(oauth.keys(), oauth.activeKey(), PREFIX);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuthClient hubSpotOAuthClient(HubSpotProperties properties) {
			HttpClient http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
			return new OAuthClient(http, JsonMapper.builder().build(), properties.baseUrl(),
					properties.oauth().clientId(), properties.oauth().clientSecret(), properties.requestTimeout(),
					properties.paths());
		}

		@Bean
		@ConditionalOnMissingBean
		@DependsOnDatabaseInitialization
		InstallationStore hubSpotInstallationStore(HubSpotProperties properties, TokenCipher cipher,
				ObjectProvider<DataSource> dataSource) {
			DataSource database = dataSource.getIfAvailable();
			if (database == null) {
				throw new IllegalStateException(
						"hubsync.hubspot.auth=oauth keeps the installation in PostgreSQL: it needs a DataSource"
								+ " (spring.datasource.url) reaching the sync-worker's database");
			}
			return new InstallationStore(database, properties.oauth().table(), cipher, Clock.systemUTC());
		}

		@Bean
		@ConditionalOnMissingBean
		StoredTokenProvider hubSpotStoredTokens(HubSpotProperties properties, InstallationStore store,
				OAuthClient client) {
			return new StoredTokenProvider(store, client, properties.oauth().refreshMargin(), Clock.systemUTC());
		}

	}

	/**
	 * Metrics of HubSpot calls and of the rate budget, where Micrometer is present:
	 * {@code hubsync.hubspot.calls{operation,status}} (a timer per attempt; status 0 when
	 * no response came, 429 for rate limits) and
	 * {@code hubsync.hubspot.budget.available{bucket=burst|daily|search}}.
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
	static class Metrics {

		@Bean
		io.micrometer.core.instrument.binder.MeterBinder hubSpotBudgetMetrics(RateBudget budget) {
			return (meters) -> {
				gauge(meters, budget, "burst", (b) -> b.snapshot().burstAvailable());
				gauge(meters, budget, "daily", (b) -> b.snapshot().dailyAvailable());
				gauge(meters, budget, "search", (b) -> b.snapshot().searchAvailable());
			};
		}

		@Bean
		@ConditionalOnMissingBean(CallObserver.class)
		CallObserver hubSpotCallMetrics(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
			return (operation, status, nanos) -> {
				io.micrometer.core.instrument.MeterRegistry meters = registry.getIfAvailable();
				if (meters != null) {
					io.micrometer.core.instrument.Timer.builder("hubsync.hubspot.calls")
						.description("HubSpot API calls (each attempt) by operation and HTTP status")
						.tag("operation", operation)
						.tag("status", String.valueOf(status))
						.register(meters)
						.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
				}
			};
		}

		private static void gauge(io.micrometer.core.instrument.MeterRegistry meters, RateBudget budget, String bucket,
				java.util.function.ToDoubleFunction<RateBudget> value) {
			io.micrometer.core.instrument.Gauge.builder("hubsync.hubspot.budget.available", budget, value)
				.description("Requests left in the HubSpot rate budget (daily: -1 when not limited)")
				.tag("bucket", bucket)
				.register(meters);
		}

	}

}
