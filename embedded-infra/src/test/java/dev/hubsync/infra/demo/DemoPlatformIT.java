package dev.hubsync.infra.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;

import dev.hubsync.infra.InfraContract;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.infra.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@EmbeddedInfra
class DemoPlatformIT {

	@Test
	void createsTheDemoTablesOwnedByTheApplicationRole(DemoDatabase demo) throws SQLException {
		try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement.executeQuery("SELECT tablename, tableowner FROM pg_tables "
					+ "WHERE schemaname = 'public' AND tablename IN ('leads', 'companies', 'deals') ORDER BY 1")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("companies");
				assertThat(rows.getString(2)).isEqualTo(DemoPlatform.ROLE);
				assertThat(rows.next()).isTrue();
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("leads");
			}
			try (ResultSet rows = statement
				.executeQuery("SELECT indexdef FROM pg_indexes WHERE indexname = 'leads_lower_email_idx'")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).contains("lower(email)");
			}
			try (ResultSet rows = statement.executeQuery(
					"SELECT rolreplication, rolcanlogin FROM pg_roles WHERE rolname = '" + DemoPlatform.ROLE + "'")) {
				rows.next();
				assertThat(rows.getBoolean(1)).isTrue();
				assertThat(rows.getBoolean(2)).isTrue();
			}
		}
	}

	@Test
	void leadsAndDealsHaveAnOwnerAmongTheUsers(DemoDatabase demo) throws SQLException {
		try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO users (email, name) VALUES ('owner.it@example.com', 'Owner')");
			statement.execute("INSERT INTO leads (email, owner_id) SELECT 'owned.it@example.com', id FROM users"
					+ " WHERE email = 'owner.it@example.com'");
			statement.execute("INSERT INTO deals (name, owner_id) SELECT 'Owned', id FROM users"
					+ " WHERE email = 'owner.it@example.com'");
			try (ResultSet rows = statement.executeQuery("SELECT u.active, count(*) FROM users u"
					+ " JOIN leads l ON l.owner_id = u.id JOIN deals d ON d.owner_id = u.id GROUP BY u.active")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getBoolean(1)).as("users are active by default").isTrue();
				assertThat(rows.getInt(2)).isOne();
			}
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("INSERT INTO users (email) VALUES ('owner.it@example.com')"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("23505"));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("UPDATE deals SET owner_id = gen_random_uuid()"))
				.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("23503"));
		}
	}

	@Test
	void triggerMaintainsUpdatedAt(DemoDatabase demo) throws SQLException {
		try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO companies (name, updated_at) VALUES ('Acme', '2000-01-01T00:00:00Z')");
			statement.execute("UPDATE companies SET domain = 'acme.example' WHERE name = 'Acme'");
			try (ResultSet rows = statement.executeQuery("SELECT updated_at, id FROM companies WHERE name = 'Acme'")) {
				rows.next();
				Timestamp updatedAt = rows.getTimestamp(1);
				assertThat(updatedAt.toInstant()).isAfter(java.time.Instant.parse("2020-01-01T00:00:00Z"));
				assertThat(rows.getObject(2)).isInstanceOf(java.util.UUID.class);
			}
			statement.execute("INSERT INTO leads (email, first_name) VALUES ('ann@example.com', 'Ann')");
			statement.execute("INSERT INTO deals (name, amount, close_date) VALUES ('Renewal', 1200.50, '2026-12-31')");
		}
	}

	@Test
	void theApplicationRoleAuthenticatesWithItsPasswordOverTcp(DemoDatabase demo) {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(demo.jdbcUrl(), DemoPlatform.ROLE, "wrong").close())
			.withMessageContaining("password authentication failed");
	}

	@Test
	void theApplicationRoleCanDecodeTheDemoTables(DemoDatabase demo) throws SQLException {
		InfraContract.logicalDecodingWorks(demo.jdbcUrl(), demo.user(), demo.password());
	}

	@Test
	void installingAgainKeepsTheData(PostgresServer server, DemoDatabase demo) throws SQLException {
		try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO companies (name) VALUES ('Kept')");
		}
		DemoDatabase again = DemoPlatform.install(server, demo.database());
		try (Connection connection = again.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM companies WHERE name = 'Kept'")) {
			rows.next();
			assertThat(rows.getInt(1)).isEqualTo(1);
		}
	}

}
