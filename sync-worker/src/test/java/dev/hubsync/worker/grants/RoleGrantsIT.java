package dev.hubsync.worker.grants;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The worker's migrations, as its Flyway runs them (its locations, schema and history
 * table, the placeholders of {@link GrantsConfiguration}), on a real PostgreSQL: no grant
 * while no role is named; a role named after the first start gets its grants at the next
 * (the repeatable migration runs again because its placeholders changed); a role that
 * does not exist stops the migration naming the property; a name that is not a role name
 * is refused before it reaches SQL.
 */
class RoleGrantsIT {

	private static final String MAPPING = SharedInfra.uniqueName("it_mapping");

	private static final String OPERATOR = SharedInfra.uniqueName("it_operator");

	private static DemoDatabase database;

	@BeforeAll
	static void roles() {
		database = SharedInfra.newDemoDatabase();
		SharedInfra.postgres()
			.execute(database.database(), "CREATE ROLE " + MAPPING + " NOLOGIN",
					"CREATE ROLE " + OPERATOR + " NOLOGIN");
	}

	@AfterAll
	static void dropRoles() {
		SharedInfra.postgres()
			.execute(database.database(), "DROP OWNED BY " + MAPPING + ", " + OPERATOR,
					"DROP ROLE " + MAPPING + ", " + OPERATOR);
	}

	@Test
	void rolesNamedAfterTheFirstStartAreGrantedAtTheNext() throws SQLException {
		migrate(new GrantProperties(null, null));
		assertThat(privilege(MAPPING, "hubsync.oauth_installation", "SELECT")).isFalse();
		assertThat(privilege(OPERATOR, "hubsync.dlt_redrive", "INSERT")).isFalse();

		migrate(new GrantProperties(MAPPING, null));
		assertThat(schemaUsage(MAPPING)).isTrue();
		assertThat(privilege(MAPPING, "hubsync.oauth_installation", "SELECT")).isTrue();
		assertThat(privilege(MAPPING, "hubsync.oauth_installation", "UPDATE")).isTrue();
		assertThat(privilege(MAPPING, "hubsync.oauth_installation", "INSERT")).isFalse();
		assertThat(privilege(MAPPING, "hubsync.oauth_installation", "DELETE")).isFalse();
		assertThat(privilege(MAPPING, "hubsync.link", "SELECT")).isFalse();
		assertThat(privilege(OPERATOR, "hubsync.dlt_redrive", "INSERT")).isFalse();

		migrate(new GrantProperties(MAPPING, OPERATOR));
		assertThat(privilege(OPERATOR, "hubsync.dlt_redrive", "INSERT")).isTrue();
		assertThat(privilege(OPERATOR, "hubsync.dlt_redrive", "UPDATE")).isTrue();
		assertThat(privilege(OPERATOR, "hubsync.dlt_redrive", "DELETE")).isFalse();
		assertThat(privilege(OPERATOR, "hubsync.oauth_installation", "SELECT")).isFalse();
	}

	@Test
	void aRoleThatDoesNotExistStopsTheMigrationNamingTheProperty() {
		assertThatExceptionOfType(FlywayException.class)
			.isThrownBy(
					() -> migrate(SharedInfra.newDemoDatabase(), new GrantProperties("no_such_role_anywhere", null)))
			.withMessageContaining("hubsync.worker.grants.mapping-role names the role no_such_role_anywhere,"
					+ " which does not exist");
	}

	@Test
	void aNameThatIsNotARoleNameIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new GrantProperties("x'; DROP TABLE link; --", null))
			.withMessageContaining("hubsync.worker.grants.mapping-role");
		assertThatIllegalArgumentException().isThrownBy(() -> new GrantProperties(null, "Operator"))
			.withMessageContaining("hubsync.worker.grants.operator-role");
		assertThat(new GrantProperties(" ", "")).isEqualTo(new GrantProperties(null, null));
	}

	/** Migrates as the worker's Flyway does (sync-worker.properties). */
	private static void migrate(GrantProperties grants) {
		migrate(database, grants);
	}

	private static void migrate(DemoDatabase target, GrantProperties grants) {
		FluentConfiguration configuration = Flyway.configure()
			.dataSource(target.jdbcUrl(), target.user(), target.password())
			.locations("classpath:db/sync-worker")
			.schemas("hubsync")
			.defaultSchema("hubsync")
			.table("worker_flyway_history");
		new GrantsConfiguration().roleGrantPlaceholders(grants).customize(configuration);
		configuration.load().migrate();
	}

	private static boolean privilege(String role, String table, String privilege) throws SQLException {
		return query("SELECT has_table_privilege(?, ?, ?)", role, table, privilege);
	}

	private static boolean schemaUsage(String role) throws SQLException {
		return query("SELECT has_schema_privilege(?, 'hubsync', 'USAGE')", role);
	}

	private static boolean query(String sql, String... parameters) throws SQLException {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getBoolean(1);
			}
		}
	}

}
