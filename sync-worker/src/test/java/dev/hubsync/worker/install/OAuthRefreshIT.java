package dev.hubsync.worker.install;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.oauth.Installation;
import dev.hubsync.hubspot.oauth.InstallationStore;
import dev.hubsync.hubspot.oauth.TokenCipher;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.worker.support.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An idle worker refreshes the installation's token before it expires: HubSpot's 30
 * minutes against a refresh margin of 29 minutes 57 seconds, so the token is due 3
 * seconds after the install, and nothing else calls HubSpot (the worker has a broker of
 * its own with no mappings on it, so its listeners wait and never call).
 */
@EmbeddedInfra
class OAuthRefreshIT {

	private static final String KEY = Base64.getEncoder()
		.encodeToString("r".repeat(32).getBytes(StandardCharsets.US_ASCII));

	private static final String GROUP = "oauth-refresh-it-" + UUID.randomUUID();

	private static KafkaBroker broker;

	private static HubSpotEmulator emulator;

	private static ConfigurableApplicationContext worker;

	private static InstallationStore store;

	@BeforeAll
	static void start() {
		broker = KafkaBroker.startTemporary();
		emulator = HubSpotEmulator
			.start(Map.of("emulator.rate-limit.enabled", "false", "emulator.id-base", "72000000"));
		DemoDatabase database = SharedInfra.newDemoDatabase();
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(database.jdbcUrl());
		dataSource.setUser(database.user());
		dataSource.setPassword(database.password());
		store = new InstallationStore(dataSource, "hubsync.oauth_installation",
				TokenCipher.of(Map.of("k1", KEY), "k1", "hubsync.hubspot.oauth"), Clock.systemUTC());
		worker = Workers.start(database, emulator.baseUrl(), "--hubsync.hubspot.auth=oauth",
				"--hubsync.hubspot.oauth.client-id=dev-client-id",
				"--hubsync.hubspot.oauth.client-secret=dev-client-secret",
				"--hubsync.hubspot.oauth.authorize-url=" + emulator.baseUrl() + "/oauth/authorize",
				"--hubsync.hubspot.oauth.keys.k1=" + KEY, "--hubsync.hubspot.oauth.active-key=k1",
				"--hubsync.hubspot.oauth.refresh-margin=1797s", "--hubsync.hubspot.oauth.refresh-check-interval=200ms",
				"--hubsync.worker.inbound.group-id=" + GROUP + "-inbound",
				"--hubsync.worker.outbound.group-id=" + GROUP + "-outbound", "--hubsync.admin.api-key=it-key",
				"--hubsync.admin.allow-weak-keys=true",
				"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers());
	}

	@AfterAll
	static void stop() {
		if (worker != null) {
			worker.close();
		}
		if (emulator != null) {
			emulator.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void anIdleWorkerRefreshesTheTokenBeforeItExpires() throws Exception {
		URI base = URI.create("http://localhost:" + worker.getEnvironment().getProperty("local.server.port") + "/");
		new Browser(base, emulator.baseUrl()).install(HubSpotEmulator.PORTAL_ID);
		Installation installed = store.current().orElseThrow();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !store.current().orElseThrow().accessToken().equals(installed.accessToken()));
		Installation refreshed = store.current().orElseThrow();
		assertThat(refreshed.expiresAt()).isAfter(installed.expiresAt());
		assertThat(refreshed.refreshToken()).isEqualTo(installed.refreshToken());
		assertThat(emulator.admin().tokenRequests("refresh_token")).isPositive();
		// no API call made it: the worker's scheduler did, before the old token expired
		assertThat(emulator.admin().requests(null, "/crm/")).isEmpty();
		HubSpotClient old = HubSpotClient.builder()
			.baseUrl(emulator.baseUrl())
			.tokens(TokenProvider.of(installed.accessToken()))
			.build();
		assertThat(old.owners().list(false)).isNotNull();
	}

}
