package dev.hubsync.worker.install;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.oauth.Installation;
import dev.hubsync.hubspot.oauth.InstallationRefusedException;
import dev.hubsync.hubspot.oauth.InstallationStore;
import dev.hubsync.hubspot.oauth.OAuthClient;
import dev.hubsync.hubspot.oauth.OAuthTokens;
import dev.hubsync.hubspot.oauth.StoredTokenProvider;
import dev.hubsync.hubspot.oauth.TokenCipher;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.worker.support.Changes;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * OAuth install against the emulator and real PostgreSQL
 * ({@code hubsync.hubspot.auth=oauth}): the browser's redirects, the encrypted row, a
 * refresh before expiry by one of two instances under a compressed clock, key rotation, a
 * revoked installation pausing the sync, and no token in any log line (every test ends
 * with the scan).
 */
@EmbeddedInfra
class OAuthInstallIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String GROUP = "oauth-it-" + UUID.randomUUID();

	private static final String K1 = key('1');

	private static final String K2 = key('2');

	private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private static final Set<String> tokens = ConcurrentHashMap.newKeySet();

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static DemoDatabase database;

	private static PGSimpleDataSource dataSource;

	private static Sql sql;

	private static Changes changes;

	private static ConfigurableApplicationContext worker;

	private static ListAppender<ILoggingEvent> logs;

	@BeforeAll
	static void start() throws Exception {
		emulator = HubSpotEmulator
			.start(Map.of("emulator.rate-limit.enabled", "false", "emulator.id-base", "71000000"));
		user = HubSpotClient.builder()
			.baseUrl(emulator.baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.build();
		// only the installation's tokens work: the static app token of the defaults is
		// revoked
		emulator.admin().revokeToken(HubSpotEmulator.APP_TOKEN);
		database = SharedInfra.newDemoDatabase();
		dataSource = new PGSimpleDataSource();
		dataSource.setUrl(database.jdbcUrl());
		dataSource.setUser(database.user());
		dataSource.setPassword(database.password());
		sql = new Sql(database);
		changes = new Changes(sql);
		Workers.publishDemoMappings();
		worker = Workers.start(database, emulator.baseUrl(), "--hubsync.hubspot.auth=oauth",
				"--hubsync.hubspot.oauth.client-id=dev-client-id",
				"--hubsync.hubspot.oauth.client-secret=dev-client-secret",
				"--hubsync.hubspot.oauth.authorize-url=" + emulator.baseUrl() + "/oauth/authorize",
				"--hubsync.hubspot.oauth.keys.k1=" + K1, "--hubsync.hubspot.oauth.keys.k2=" + K2,
				"--hubsync.hubspot.oauth.active-key=k2", "--hubsync.worker.outbound.linger=100ms",
				"--hubsync.worker.inbound.group-id=" + GROUP + "-inbound",
				"--hubsync.worker.outbound.group-id=" + GROUP + "-outbound", "--hubsync.admin.api-key=it-key",
				"--hubsync.admin.allow-weak-keys=true", "--hubsync.worker.auth-probe-interval=500ms",
				"--hubsync.hubspot.retry.initial-backoff=20ms", "--hubsync.hubspot.retry.max-backoff=100ms",
				"--hubsync.worker.retry.initial-backoff=100ms", "--hubsync.worker.retry.max-backoff=500ms",
				"--logging.level.dev.hubsync=DEBUG");
		// after every context started: Spring Boot's logging set-up resets the appenders
		logs = new ListAppender<>();
		logs.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
		logs.start();
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
	}

	@AfterAll
	static void stop() {
		if (logs != null) {
			((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
		}
		if (worker != null) {
			worker.close();
		}
		if (changes != null) {
			changes.close();
		}
		if (emulator != null) {
			emulator.close();
		}
	}

	@BeforeEach
	void uninstall() throws Exception {
		sql.execute("DELETE FROM hubsync.oauth_installation");
		emulator.admin().uninstallApp();
	}

	@AfterEach
	void noTokenInAnyLogLine() {
		assertThat(tokens).isNotEmpty();
		List<String> lines = List.copyOf(logs.list).stream().map(OAuthInstallIT::text).toList();
		// the capture sees the worker's own lines
		assertThat(lines).anySatisfy((line) -> assertThat(line).contains("installed in HubSpot portal"));
		for (String token : tokens) {
			assertThat(lines).noneSatisfy((line) -> assertThat(line).contains(token));
		}
	}

	@Test
	void installsThroughTheBrowserAndStoresOnlyCiphertext() throws Exception {
		Installation installation = install();
		assertThat(installation.hubId()).isEqualTo(HubSpotEmulator.PORTAL_ID);
		assertThat(installation.keyId()).isEqualTo("k2");
		Map<String, Object> row = sql.row("SELECT hub_id, key_id, access_token, refresh_token, t::text AS whole"
				+ " FROM hubsync.oauth_installation t");
		assertThat(row).containsEntry("hub_id", HubSpotEmulator.PORTAL_ID).containsEntry("key_id", "k2");
		for (String column : List.of("access_token", "refresh_token")) {
			String stored = new String((byte[]) row.get(column), StandardCharsets.ISO_8859_1);
			assertThat(stored).doesNotContain(installation.accessToken()).doesNotContain(installation.refreshToken());
		}
		String whole = (String) row.get("whole");
		for (String token : List.of(installation.accessToken(), installation.refreshToken())) {
			assertThat(whole).doesNotContain(token)
				.doesNotContain(HexFormat.of().formatHex(token.getBytes(StandardCharsets.UTF_8)));
		}
		assertThat(admin("GET", "/api/oauth").body()).contains("\"installed\":true")
			.contains("\"hubId\":" + HubSpotEmulator.PORTAL_ID)
			.doesNotContain(installation.accessToken());

		// the worker syncs with the installation's token (the static one is revoked)
		String key = linkedLead("oauth.install@example.com");
		assertThat(emulator.admin().requests("POST", "/crm/objects/2026-09/contacts/batch"))
			.anySatisfy((call) -> assertThat(call.status()).isLessThan(300))
			.allSatisfy((call) -> assertThat(call.caller()).isIn("app:4242", null));
		assertThat(key).isNotBlank();
	}

	@Test
	void refusesATamperedStateAndASecondPortal() throws Exception {
		String state = authorize().get("state");
		String tampered = state.substring(0, state.length() - 2) + (state.endsWith("AA") ? "BB" : "AA");
		HttpResponse<String> refused = get(workerUrl("/oauth/callback?code=anything&state=" + tampered));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("not one HubSync signed").contains("/oauth/install");
		HttpResponse<String> denied = get(workerUrl("/oauth/callback?error=access_denied&state=" + state));
		assertThat(denied.statusCode()).isEqualTo(400);
		assertThat(denied.body()).contains("access_denied");
		assertThat(sql.count("SELECT count(*) FROM hubsync.oauth_installation")).isZero();

		Installation installed = install();
		OAuthTokens other = new OAuthTokens("bearer", "CKother", "other-refresh", 1800, 200001L, List.of());
		assertThatExceptionOfType(InstallationRefusedException.class)
			.isThrownBy(() -> store(Clock.systemUTC(), Map.of("k2", K2), "k2").install(200001, other))
			.withMessageContaining("installed for HubSpot portal " + installed.hubId())
			.withMessageContaining("one installation syncs one portal");
		assertThat(sql.row("SELECT hub_id FROM hubsync.oauth_installation")).containsEntry("hub_id",
				HubSpotEmulator.PORTAL_ID);
	}

	@Test
	void refreshesFiveMinutesBeforeExpiryByExactlyOneOfTwoInstances() throws Exception {
		Installation installed = install();
		MutableClock clock = new MutableClock(Instant.now());
		StoredTokenProvider one = provider(clock);
		StoredTokenProvider two = provider(clock);
		long refreshes = emulator.admin().tokenRequests("refresh_token");
		assertThat(one.accessToken()).isEqualTo(installed.accessToken());
		clock.advance(Duration.ofMinutes(24));
		assertThat(two.accessToken()).as("not yet within 5 minutes of expiry").isEqualTo(installed.accessToken());
		assertThat(emulator.admin().tokenRequests("refresh_token")).isEqualTo(refreshes);

		clock.advance(Duration.ofMinutes(2));
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch go = new CountDownLatch(1);
			CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> tokenAfter(go, one), threads);
			CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> tokenAfter(go, two), threads);
			go.countDown();
			String refreshed = first.get(30, TimeUnit.SECONDS);
			tokens.add(refreshed);
			assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo(refreshed);
			assertThat(refreshed).isNotEqualTo(installed.accessToken());
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(emulator.admin().tokenRequests("refresh_token")).isEqualTo(refreshes + 1);
		// refreshed before it expired: the old token still works at HubSpot
		HubSpotClient old = HubSpotClient.builder()
			.baseUrl(emulator.baseUrl())
			.tokens(TokenProvider.of(installed.accessToken()))
			.build();
		assertThat(old.owners().list(false)).isNotNull();
		Installation stored = store(clock, Map.of("k2", K2), "k2").current().orElseThrow();
		assertThat(stored.expiresAt()).isAfter(installed.expiresAt());
		assertThat(stored.refreshToken()).isEqualTo(installed.refreshToken());
	}

	@Test
	void rotationReEncryptsRowsUnderTheActiveKey() throws Exception {
		Installation installed = install();
		// a row sealed under k1, as before the rotation made k2 active
		store(Clock.systemUTC(), Map.of("k1", K1, "k2", K2), "k1").install(installed.hubId(),
				new OAuthTokens("bearer", installed.accessToken(), installed.refreshToken(), 1800));
		byte[] before = (byte[]) sql.row("SELECT access_token FROM hubsync.oauth_installation").get("access_token");
		assertThat(sql.row("SELECT key_id FROM hubsync.oauth_installation")).containsEntry("key_id", "k1");

		HttpResponse<String> rotated = admin("POST", "/api/oauth/rotate-keys");
		assertThat(rotated.statusCode()).isEqualTo(200);
		assertThat(rotated.body()).contains("\"reencrypted\":1").contains("\"activeKey\":\"k2\"");
		assertThat(sql.row("SELECT key_id FROM hubsync.oauth_installation")).containsEntry("key_id", "k2");
		assertThat((byte[]) sql.row("SELECT access_token FROM hubsync.oauth_installation").get("access_token"))
			.isNotEqualTo(before);
		assertThat(store(Clock.systemUTC(), Map.of("k2", K2), "k2").current().orElseThrow().accessToken())
			.isEqualTo(installed.accessToken());
		assertThatIllegalStateException().isThrownBy(() -> store(Clock.systemUTC(), Map.of("k1", K1), "k1").current())
			.withMessageContaining("key 'k2', which is not configured");
		assertThat(admin("POST", "/api/oauth/rotate-keys").body()).contains("\"reencrypted\":0");
	}

	@Test
	void anUninstallPausesTheSyncWithItsReasonAndAnInstallResumesIt() throws Exception {
		install();
		String key = linkedLead("oauth.revoked@example.com");
		emulator.admin().uninstallApp();
		changes.send(List.of(changes.updateLead(key, "last_name = 'AfterReinstall'")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(admin("GET", "/api/status").body())
				.contains("\"credentialsRefused\":{\"outbound\"")
				.contains("HubSpot refused the refresh token (BAD_REFRESH_TOKEN")
				.contains("install it again at /oauth/install"));
		assertThat(sql.row("SELECT revoked_reason FROM hubsync.oauth_installation").get("revoked_reason").toString())
			.contains("BAD_REFRESH_TOKEN");
		assertThat(admin("GET", "/api/oauth").body()).contains("\"revokedAt\":\"");

		install();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lastName("oauth.revoked@example.com")).isEqualTo("AfterReinstall"));
		assertThat(admin("GET", "/api/status").body()).contains("\"credentialsRefused\":{}");
	}

	/** The browser's part: install, HubSpot's authorize page, the callback. */
	private static Installation install() throws Exception {
		browser().install(HubSpotEmulator.PORTAL_ID);
		Installation installation = store(Clock.systemUTC(), Map.of("k1", K1, "k2", K2), "k2").current().orElseThrow();
		tokens.add(installation.accessToken());
		tokens.add(installation.refreshToken());
		return installation;
	}

	private static Map<String, String> authorize() throws Exception {
		return browser().authorize();
	}

	private static Browser browser() {
		return new Browser(workerUrl("/"), emulator.baseUrl());
	}

	private static String linkedLead(String email) throws Exception {
		sql.execute("INSERT INTO public.leads (email, first_name, last_name) VALUES (?, 'O', 'Auth')", email);
		String key = (String) sql.row("SELECT id::text AS id FROM public.leads WHERE email = ?", email).get("id");
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT).until(() -> sql.row("SELECT 1 FROM hubsync.link WHERE platform_key = ?", key) != null);
		return key;
	}

	private static String lastName(String email) {
		List<HubSpotObject> found = user.objects()
			.list("contacts", ReadOptions.properties(List.of("email", "lastname")), 100, null)
			.results()
			.stream()
			.filter((contact) -> email.equals(contact.property("email")))
			.toList();
		return found.isEmpty() ? null : found.get(0).property("lastname");
	}

	private static InstallationStore store(Clock clock, Map<String, String> keys, String active) {
		return new InstallationStore(dataSource, "hubsync.oauth_installation",
				TokenCipher.of(keys, active, "hubsync.hubspot.oauth"), clock);
	}

	private static StoredTokenProvider provider(Clock clock) {
		OAuthClient client = new OAuthClient(HttpClient.newHttpClient(), JsonMapper.builder().build(),
				emulator.baseUrl(), "dev-client-id", "dev-client-secret", Duration.ofSeconds(10));
		return new StoredTokenProvider(store(clock, Map.of("k1", K1, "k2", K2), "k2"), client, Duration.ofMinutes(5),
				clock);
	}

	private static String tokenAfter(CountDownLatch go, TokenProvider provider) {
		try {
			go.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return provider.accessToken();
	}

	private static URI workerUrl(String path) {
		return URI.create("http://localhost:" + worker.getEnvironment().getProperty("local.server.port") + path);
	}

	private static HttpResponse<String> get(URI uri) throws Exception {
		return browser().get(uri);
	}

	private static HttpResponse<String> admin(String method, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(workerUrl(path))
			.header("X-HubSync-Api-Key", "it-key")
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String text(ILoggingEvent event) {
		StringBuilder text = new StringBuilder(event.getFormattedMessage());
		for (IThrowableProxy cause = event.getThrowableProxy(); cause != null; cause = cause.getCause()) {
			text.append('\n').append(cause.getClassName()).append(": ").append(cause.getMessage());
			for (StackTraceElementProxy frame : cause.getStackTraceElementProxyArray()) {
				text.append('\n').append(frame.getSTEAsString());
			}
		}
		return text.toString();
	}

	private static String key(char fill) {
		return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
	}

	/** A clock the test moves: 25 minutes pass in no time. */
	private static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
