package dev.hubsync.infra.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.hubsync.infra.FreePorts;
import dev.hubsync.infra.InfraContract;
import dev.hubsync.infra.ServerState;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.infra.junit.SharedInfra;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assumptions.assumeThat;

@EmbeddedInfra
class PostgresServerIT {

	@Test
	void logicalReplicationSlotWithPgoutputReadsAChange(PostgresServer server) throws SQLException {
		String database = SharedInfra.uniqueName("decoding");
		server.createRole("decoder", "decoder-secret", "REPLICATION");
		server.createDatabase(database, "decoder");
		InfraContract.logicalDecodingWorks(server.jdbcUrl(database), "decoder", "decoder-secret");
	}

	@Test
	void isConfiguredForLogicalDecoding(PostgresServer server) throws SQLException {
		try (Connection connection = server.connectAsSuperuser("postgres");
				Statement statement = connection.createStatement()) {
			assertThat(setting(statement, "wal_level")).isEqualTo("logical");
			assertThat(Integer.parseInt(setting(statement, "max_replication_slots"))).isGreaterThanOrEqualTo(10);
			assertThat(Integer.parseInt(setting(statement, "max_wal_senders"))).isGreaterThanOrEqualTo(10);
			assertThat(setting(statement, "server_version")).startsWith("17.");
		}
	}

	@Test
	void aServerRequiringTlsIsReachedWithAVerifiedCertificateAndRefusesPlainConnections(@TempDir Path data)
			throws SQLException, IOException {
		try (PostgresServer server = PostgresServer.builder().dataDirectory(data.resolve("pg")).requireTls().start()) {
			server.createRole("tls_user", "tls-secret", "REPLICATION");
			server.createDatabase("tls", "tls_user");
			String verified = server.jdbcUrl("tls") + "?sslmode=verify-full&sslrootcert=" + server.rootCertificate();
			try (Connection connection = DriverManager.getConnection(verified, "tls_user", "tls-secret");
					Statement statement = connection.createStatement()) {
				assertThat(setting(statement, "ssl")).isEqualTo("on");
				try (ResultSet rows = statement
					.executeQuery("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
					assertThat(rows.next()).isTrue();
					assertThat(rows.getBoolean(1)).isTrue();
					assertThat(rows.getString(2)).startsWith("TLSv1.");
				}
			}
			InfraContract.logicalDecodingWorks(verified, "tls_user", "tls-secret");
			// without TLS there is no pg_hba.conf line to match, for roles and superuser
			// alike
			for (String user : new String[] { "tls_user", PostgresServer.SUPERUSER }) {
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> DriverManager
						.getConnection(server.jdbcUrl("tls") + "?sslmode=disable", user, "tls-secret")
						.close())
					.withMessageContaining("no pg_hba.conf entry")
					.withMessageContaining("no encryption");
			}
			// the certificate is kept across restarts, so a client's root certificate
			// stays valid
			String certificate = Files.readString(server.rootCertificate());
			server.stop();
			server.start();
			assertThat(Files.readString(server.rootCertificate())).isEqualTo(certificate);
			try (Connection connection = DriverManager.getConnection(verified, "tls_user", "tls-secret")) {
				assertThat(connection.isValid(5)).isTrue();
			}
		}
	}

	@Test
	void restartedServerKeepsItsData(@TempDir Path data) throws SQLException {
		try (PostgresServer server = PostgresServer.builder().dataDirectory(data.resolve("pg")).start()) {
			server.execute("postgres", "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('survives')");
			server.stop();
			assertThat(server.state()).isEqualTo(ServerState.STOPPED);
			server.start();
			assertThat(query(server, "SELECT v FROM kept")).isEqualTo("survives");
		}
		try (PostgresServer again = PostgresServer.builder().dataDirectory(data.resolve("pg")).start()) {
			assertThat(query(again, "SELECT v FROM kept")).isEqualTo("survives");
		}
	}

	@Test
	void takesOverADataDirectoryWhosePostmasterWasLeftRunning(@TempDir Path data) throws SQLException {
		Path directory = data.resolve("pg");
		PostgresServer abandoned = PostgresServer.builder().dataDirectory(directory).start();
		abandoned.execute("postgres", "CREATE TABLE left_behind (v text)",
				"INSERT INTO left_behind VALUES ('still here')");
		try (PostgresServer successor = PostgresServer.builder().dataDirectory(directory).start()) {
			assertThat(query(successor, "SELECT v FROM left_behind")).isEqualTo("still here");
			abandoned.close();
			assertThat(query(successor, "SELECT count(*) FROM left_behind")).isEqualTo("1");
		}
	}

	@Test
	void refusesAPortInUseWithItsNumber() throws IOException {
		int port = FreePorts.find();
		try (ServerSocket taken = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			PostgresServer server = PostgresServer.builder().port(port).build();
			try {
				assertThatIllegalStateException().isThrownBy(server::start)
					.withMessage("cannot start PostgreSQL: port " + port + " is already in use");
			}
			finally {
				server.close();
			}
		}
	}

	@Test
	void runsAsAnUnprivilegedUserWhenRootCannotUseUserNamespaces() throws SQLException {
		assumeThat(LaunchMode.isRoot()).as("only root needs runuser").isTrue();
		try (PostgresServer server = PostgresServer.builder().launchMode(LaunchMode.RUNUSER).start()) {
			assertThat(server.launchMode()).isEqualTo(LaunchMode.RUNUSER);
			assertThat(query(server, "SELECT current_setting('wal_level')")).isEqualTo("logical");
		}
	}

	@Test
	void detectsHowToRunOnThisMachine() {
		LaunchMode mode = LaunchMode.detect();
		assertThat(mode).isEqualTo(LaunchMode.isRoot() ? LaunchMode.USER_NAMESPACE : LaunchMode.DIRECT);
	}

	private static String setting(Statement statement, String name) throws SQLException {
		try (ResultSet rows = statement.executeQuery("SHOW " + name)) {
			rows.next();
			return rows.getString(1);
		}
	}

	private static String query(PostgresServer server, String sql) throws SQLException {
		try (Connection connection = server.connectAsSuperuser("postgres");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
