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
import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.capture.EngineState;
import dev.hubsync.publisher.support.Publishers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
		publisher = Publishers.start(tls, slot);
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
