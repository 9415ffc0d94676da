package dev.hubsync.publisher;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.demo.DemoPlatform;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.infra.postgres.PostgresServer;
import dev.hubsync.infra.postgres.SelfSignedCertificate;
import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.capture.EngineState;
import dev.hubsync.publisher.support.Publishers;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The publisher against a PostgreSQL that requires TLS (issue #21): its JDBC URL carries
 * {@code sslmode=verify-full} and the server's root certificate, which the publisher
 * hands to Debezium, so the snapshot and the replication stream both run over verified
 * TLS; the server refuses any connection without it.
 */
class TlsCaptureIT {

	@TempDir
	static Path data;

	static PostgresServer server;

	static DemoDatabase tls;

	static ConfigurableApplicationContext publisher;

	static String slot;

	@BeforeAll
	static void start() {
		server = PostgresServer.builder().dataDirectory(data.resolve("pg")).requireTls().start();
		// the demo schema is installed with the driver's default, sslmode=prefer (TLS,
		// unverified)
		DemoDatabase demo = DemoPlatform.install(server);
		tls = new DemoDatabase(
				demo.jdbcUrl() + "?sslmode=verify-full&sslrootcert=" + server.rootCertificate().toAbsolutePath(),
				demo.user(), demo.password(), demo.database(), demo.port());
		slot = SharedInfra.uniqueName("tls_slot");
		// leads only: the wrong-certificate test below captures companies
		publisher = Publishers.start(tls, slot, "--hubsync.publisher.tables=public.leads");
		await().atMost(Duration.ofSeconds(60))
			.until(() -> publisher.getBean(CaptureService.class).state() == EngineState.RUNNING);
	}

	@AfterAll
	static void stop() {
		if (publisher != null) {
			publisher.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void debeziumCapturesAChangeOverVerifiedTls() throws SQLException {
		String lead;
		try (Connection connection = tls.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(
						"INSERT INTO leads (email, first_name) VALUES ('tls@example.com', 'Tls') RETURNING id")) {
			rows.next();
			lead = rows.getString(1);
		}
		LocalChange change = PublisherIT.awaitChanges(PublisherIT.key("leads", lead), 1).get(0);
		assertThat(change.op()).isEqualTo(ChangeOp.CREATE);
		assertThat(change.after().get("email")).isEqualTo("tls@example.com");
		// the slot's walsender, Debezium's replication connection, is encrypted
		try (Connection superuser = server.connectAsSuperuser("postgres");
				Statement statement = superuser.createStatement();
				ResultSet rows = statement.executeQuery("SELECT s.ssl FROM pg_replication_slots r"
						+ " JOIN pg_stat_ssl s ON s.pid = r.active_pid WHERE r.slot_name = '" + slot + "'")) {
			List<Boolean> encrypted = new ArrayList<>();
			while (rows.next()) {
				encrypted.add(rows.getBoolean(1));
			}
			assertThat(encrypted).containsExactly(true);
		}
	}

	/**
	 * The negative that shows the URL's TLS parameters are Debezium's: with a root
	 * certificate that did not sign the server's, {@code verify-full} refuses the server,
	 * which Debezium's default ({@code sslmode=prefer}, unverified) would not. The pool
	 * ({@code spring.datasource.hikari.jdbc-url}) keeps the right certificate, so tables,
	 * the lock and start-up pass and only Debezium's connection, built from
	 * {@code spring.datasource.url}, meets the wrong one. A path validation failure needs
	 * both parameters: without {@code sslmode} nothing is verified (the capture would
	 * run), without {@code sslrootcert} the driver looks for
	 * {@code ~/.postgresql/root.crt} and fails on the missing file instead.
	 */
	@Test
	void aWrongRootCertificateStopsDebeziumsConnection() throws SQLException {
		Path wrong = data.resolve("wrong-root.crt");
		SelfSignedCertificate.writeIfMissing(wrong, data.resolve("wrong-root.key"));
		String plainUrl = tls.jdbcUrl().substring(0, tls.jdbcUrl().indexOf('?'));
		DemoDatabase wrongRoot = new DemoDatabase(
				plainUrl + "?sslmode=verify-full&sslrootcert=" + wrong.toAbsolutePath(), tls.user(), tls.password(),
				tls.database(), tls.port());
		try (ConfigurableApplicationContext refused = Publishers.start(wrongRoot,
				SharedInfra.uniqueName("tls_wrong_slot"), "--hubsync.publisher.tables=public.companies",
				"--spring.datasource.hikari.jdbc-url=" + tls.jdbcUrl())) {
			CaptureService capture = refused.getBean(CaptureService.class);
			HealthIndicator health = refused.getBean("capture", HealthIndicator.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> health.health().getStatus() == Status.DOWN);
			assertThat(capture.lastFailure()).hasValueSatisfying(
					(failure) -> assertThat(failure).contains("SSL error: PKIX path validation failed"));
			String company;
			try (Connection connection = tls.connect()) {
				company = PublisherIT.insert(connection,
						"INSERT INTO companies (name) VALUES ('Wrong Root') RETURNING id");
			}
			try (KafkaConsumer<String, byte[]> consumer = Publishers.consumer()) {
				assertThat(Publishers.changesWithin(consumer, PublisherIT.key("companies", company),
						Duration.ofSeconds(10)))
					.isEmpty();
			}
			assertThat(capture.state()).isNotEqualTo(EngineState.RUNNING);
		}
	}

	@Test
	void theServerRefusesAConnectionWithoutTls() {
		assertThatExceptionOfType(SQLException.class).isThrownBy(
				() -> DriverManager
					.getConnection(server.jdbcUrl(DemoPlatform.DATABASE) + "?sslmode=disable", DemoPlatform.ROLE,
							DemoPlatform.PASSWORD)
					.close())
			.withMessageContaining("no encryption");
	}

}
