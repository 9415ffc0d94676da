package dev.hubsync.infra.demo;

import dev.hubsync.infra.postgres.PostgresServer;
import org.flywaydb.core.Flyway;

/**
 * Installs the demo platform database: role {@value #ROLE} (password {@value #PASSWORD},
 * LOGIN and REPLICATION), a database it owns, and the demo tables, migrated by Flyway
 * from {@code classpath:db/demo-platform} with its own history table. Installing again is
 * a no-op, so a restarted dev stack keeps its data.
 */
public final class DemoPlatform {

	/** The application role. */
	public static final String ROLE = "hubsync";

	/** The application role's password. */
	public static final String PASSWORD = "hubsync";

	/** The database of the dev stack. */
	public static final String DATABASE = "platform";

	/** Flyway's migrations of the demo schema. */
	public static final String MIGRATIONS = "classpath:db/demo-platform";

	/** Flyway's history table of the demo schema. */
	public static final String HISTORY_TABLE = "demo_flyway_history";

	private DemoPlatform() {
	}

	/**
	 * Installs the demo platform in the database {@value #DATABASE}.
	 * @param server the PostgreSQL server
	 * @return the database
	 */
	public static DemoDatabase install(PostgresServer server) {
		return install(server, DATABASE);
	}

	/**
	 * Installs the demo platform in a database of its own, e.g. one per test class.
	 * @param server the PostgreSQL server
	 * @param database the database's name, a lower-case identifier
	 * @return the database
	 */
	public static DemoDatabase install(PostgresServer server, String database) {
		server.createRole(ROLE, PASSWORD, "REPLICATION");
		server.createDatabase(database, ROLE);
		DemoDatabase demo = new DemoDatabase(server.jdbcUrl(database), ROLE, PASSWORD, database, server.port());
		Flyway.configure()
			.dataSource(demo.jdbcUrl(), ROLE, PASSWORD)
			.locations(MIGRATIONS)
			.table(HISTORY_TABLE)
			.schemas("public")
			// a dev stack's database keeps its schema across runs: a migration numbered
			// below one it already has (two changes made side by side) still applies
			.outOfOrder(true)
			.load()
			.migrate();
		return demo;
	}

}
