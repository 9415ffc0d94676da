package dev.hubsync.devstack;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.events.Topics;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.oauth.Installation;
import dev.hubsync.hubspot.oauth.InstallationStore;
import dev.hubsync.hubspot.oauth.OAuthTokens;
import dev.hubsync.hubspot.oauth.TokenCipher;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.FreePorts;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.postgres.PsqlScript;
import dev.hubsync.ops.HubSyncOps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code deploy/postgres/roles.sql}, the file docker-compose runs, applied to a real
 * PostgreSQL holding the demo schema, and the services started with the roles it creates:
 * the worker migrates HubSync's schema and writes the mapped tables, the publisher
 * captures changes through its replication slot and the mapping service keeps its
 * versions, each as its own non-superuser role; a record syncs each way; each role is
 * refused what its service does not need; and the ops CLI works as the operator role. The
 * grants on the worker's own tables, which {@code roles.sql} cannot make (they do not
 * exist yet when it runs), come from the worker's migrations
 * ({@code hubsync.worker.grants.*}): the mapping service's role reads and refreshes the
 * OAuth installation, and the operator re-drives a dead letter, without a manual step.
 */
class LeastPrivilegeIT {

	static final Path ROLES = Path.of("..", "deploy", "postgres", "roles.sql");

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final String INSUFFICIENT_PRIVILEGE = "42501";

	private static final Map<String, String> PASSWORDS = Map.of("publisher_password", password(), "worker_password",
			password(), "mapping_password", password(), "operator_password", password());

	@TempDir
	static Path data;

	private static DevStack stack;

	private static ServiceLogins logins;

	private static DemoDatabase operator;

	private static int workerPort;

	private static HubSpotClient user;

	@BeforeAll
	static void start() {
		workerPort = FreePorts.find();
		stack = DevStack.start(TestStacks.options(data,
				new ServicePorts(FreePorts.find(), FreePorts.find(), FreePorts.find(), workerPort, FreePorts.find()), 0,
				"webhooks"), (server, platform) -> {
					PsqlScript.read(ROLES).run(server, platform.database(), PASSWORDS);
					logins = new ServiceLogins(login(platform, "hubsync_mapping", "mapping_password"),
							login(platform, "hubsync_worker", "worker_password"),
							login(platform, "hubsync_publisher", "publisher_password"),
							List.of("--hubsync.worker.grants.mapping-role=hubsync_mapping",
									"--hubsync.worker.grants.operator-role=hubsync_operator"));
					operator = login(platform, "hubsync_operator", "operator_password");
					return logins;
				});
		user = TestStacks.user(stack);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void eachServiceRunsAsItsOwnNonSuperuserRole() throws SQLException {
		try (Connection superuser = stack.postgres().connectAsSuperuser(stack.platform().database())) {
			assertThat(strings(superuser,
					"SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database()"
							+ " AND usename LIKE 'hubsync_%'"))
				.contains("hubsync_worker", "hubsync_mapping", "hubsync_publisher");
			// Debezium streams from the slot as the publisher's role (a walsender)
			assertThat(strings(superuser,
					"SELECT usename FROM pg_stat_replication"
							+ " WHERE application_name LIKE 'Debezium%' OR usename = 'hubsync_publisher'"))
				.containsOnly("hubsync_publisher");
			assertThat(strings(superuser, "SELECT slot_name FROM pg_replication_slots WHERE active"))
				.contains("hubsync_publisher");
			assertThat(strings(superuser,
					"SELECT rolname FROM pg_roles WHERE rolname LIKE 'hubsync_%' AND (rolsuper OR rolcreaterole"
							+ " OR rolcreatedb OR rolbypassrls)"))
				.isEmpty();
			// each service's migrations ran as its role, into the schema it owns
			assertThat(strings(superuser,
					"SELECT n.nspname || '=' || pg_get_userbyid(n.nspowner) FROM pg_namespace n"
							+ " WHERE n.nspname IN ('hubsync', 'hubsync_mapping') ORDER BY 1"))
				.containsExactly("hubsync=hubsync_worker", "hubsync_mapping=hubsync_mapping");
			assertThat(strings(superuser,
					"SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n"
							+ " ON n.oid = c.relnamespace WHERE n.nspname = 'hubsync' AND c.relkind = 'r'"))
				.containsExactly("hubsync_worker");
			assertThat(strings(superuser,
					"SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n"
							+ " ON n.oid = c.relnamespace WHERE n.nspname = 'hubsync_mapping' AND c.relkind = 'r'"))
				.containsExactly("hubsync_mapping");
			// and the product's tables are still the product's (the publisher altered
			// nothing)
			assertThat(strings(superuser,
					"SELECT DISTINCT pg_get_userbyid(relowner) || ':' || relreplident::text FROM pg_class"
							+ " WHERE oid IN ('public.leads'::regclass, 'public.companies'::regclass,"
							+ " 'public.deals'::regclass)"))
				.containsExactly("hubsync:f");
		}
	}

	@Test
	void aLeadReachesHubSpotAndAContactReachesThePlatformUnderTheServicesOwnRoles() throws SQLException {
		// the product writes its own table; the publisher captures it, the worker
		// creates the contact and links it
		try (Connection product = stack.platform().connect(); Statement statement = product.createStatement()) {
			statement.execute("INSERT INTO leads (email, first_name, last_name) VALUES ('least.privilege@example.com',"
					+ " 'Least', 'Privilege')");
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(contactsWithEmail("least.privilege@example.com")).singleElement()
				.satisfies((contact) -> assertThat(contact.property("lastname")).isEqualTo("Privilege")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count(operator,
					"SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = '"
							+ leadId("least.privilege@example.com") + "'"))
				.isEqualTo(1));
		// and back: the worker inserts the lead as hubsync_worker, its owner found among
		// the users it may only read
		user.objects()
			.create("contacts", Map.of("email", "from.hubspot.least@example.com", "firstname", "From", "lastname",
					"HubSpot", "hubspot_owner_id", "41629779"), null);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count(stack.platform(),
					"SELECT count(*) FROM leads l JOIN users u ON u.id = l.owner_id WHERE l.email ="
							+ " 'from.hubspot.least@example.com' AND l.last_name = 'HubSpot'"
							+ " AND u.email = 'ann.owner@example.com'"))
				.isEqualTo(1));
	}

	@Test
	void eachRoleIsRefusedWhatItsServiceDoesNotNeed() throws SQLException {
		DemoDatabase worker = logins.worker();
		refused(worker, "ALTER TABLE leads ADD COLUMN hubsync_note text");
		refused(worker, "ALTER TABLE leads REPLICA IDENTITY DEFAULT");
		refused(worker, "DROP TABLE deals");
		refused(worker, "TRUNCATE leads");
		refused(worker, "CREATE TABLE public.worker_table (id int)");
		refused(worker, "COPY leads FROM PROGRAM 'id'");
		allowed(worker, "UPDATE leads SET phone = phone WHERE false");
		allowed(worker, "SELECT count(*) FROM users");
		refused(worker, "INSERT INTO users (email) VALUES ('worker@example.com')");
		refused(worker, "UPDATE users SET name = name");

		DemoDatabase publisher = logins.publisher();
		allowed(publisher, "SELECT count(*) FROM leads");
		refused(publisher, "INSERT INTO leads (email) VALUES ('publisher@example.com')");
		refused(publisher, "UPDATE leads SET phone = '1'");
		refused(publisher, "DELETE FROM companies");
		refused(publisher, "ALTER TABLE leads REPLICA IDENTITY FULL");
		refused(publisher, "ALTER PUBLICATION hubsync_publication ADD TABLE pg_catalog.pg_class");
		refused(publisher, "SELECT count(*) FROM hubsync.link");

		DemoDatabase mapping = logins.mapping();
		allowed(mapping, "SELECT count(*) FROM hubsync_mapping.mapping_flyway_history");
		refused(mapping, "INSERT INTO leads (email) VALUES ('mapping@example.com')");
		refused(mapping, "SELECT count(*) FROM hubsync.link");
		refused(mapping, "CREATE TABLE public.mapping_table (id int)");

		refused(mapping, "INSERT INTO hubsync.oauth_installation (hub_id, key_id, access_token, refresh_token,"
				+ " expires_at) VALUES (1, 'k', '\\x00', '\\x00', now())");
		refused(mapping, "DELETE FROM hubsync.oauth_installation");
		refused(mapping, "SELECT count(*) FROM hubsync.dlt_redrive");

		allowed(operator, "SELECT count(*) FROM hubsync.link");
		allowed(operator, "SELECT count(*) FROM hubsync.sync_log");
		refused(operator, "UPDATE hubsync.link SET hubspot_id = hubspot_id");
		refused(operator, "DELETE FROM hubsync.sync_log");
		refused(operator, "INSERT INTO leads (email) VALUES ('operator@example.com')");
		refused(operator, "SELECT count(*) FROM leads");
	}

	@Test
	void theOpsCliReportsStatusAsTheOperatorRole() {
		Ops status = ops("status");
		assertThat(status.err()).doesNotContain("permission denied");
		assertThat(status.out()).as(status.err()).contains("hubsync_publisher");
		assertThat(status.exit()).as(status.out() + status.err()).isIn(0, 1);
	}

	@Test
	void theOperatorReDrivesADeadLetterWithoutAManualGrant() throws SQLException {
		// a lead the worker cannot sync (HubSpot refuses the email) becomes a dead letter
		String id;
		try (Connection product = stack.platform().connect();
				Statement statement = product.createStatement();
				ResultSet rows = statement.executeQuery("INSERT INTO leads (email, first_name)"
						+ " VALUES ('not-an-email', 'Redrive') RETURNING id::text")) {
			rows.next();
			id = rows.getString(1);
		}
		String key = "leads:" + id;
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(ops("dlt", "list", "--key", key).out()).contains("1 not re-driven"));
		Ops redrive = ops("dlt", "redrive", "--key", key, "--yes");
		assertThat(redrive.err()).doesNotContain("permission denied");
		assertThat(redrive.exit()).as(redrive.out() + redrive.err()).isZero();
		assertThat(redrive.out()).contains("1 re-driven, 0 skipped");
		// recorded by the operator's role, in the table the worker's migrations made
		assertThat(count(operator, "SELECT count(*) FROM hubsync.dlt_redrive WHERE dlt_topic = '"
				+ Topics.LOCAL_CHANGES_DLT + "' AND record_key = '" + key + "' AND target_offset IS NOT NULL"))
			.isEqualTo(1);
	}

	@Test
	void theMappingServicesRoleReadsAndRefreshesTheOAuthInstallation() throws SQLException {
		// the worker's callback installs (its role owns the table); the mapping service
		// reads the installation and refreshes it as its own role, as
		// hubsync.hubspot.auth=oauth does
		TokenCipher cipher = TokenCipher.of(Map.of("k1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="), "k1",
				"hubsync.hubspot.oauth");
		InstallationStore worker = new InstallationStore(dataSource(logins.worker()), "hubsync.oauth_installation",
				cipher, Clock.systemUTC());
		InstallationStore mapping = new InstallationStore(dataSource(logins.mapping()), "hubsync.oauth_installation",
				cipher, Clock.systemUTC());
		try {
			worker.install(4242L, new OAuthTokens("bearer", "access-1", "refresh-1", 60));
			assertThat(mapping.current()).hasValueSatisfying((installation) -> {
				assertThat(installation.hubId()).isEqualTo(4242L);
				assertThat(installation.accessToken()).isEqualTo("access-1");
			});
			Installation refreshed = mapping.refresh(Duration.ofHours(1), null, (refreshToken) -> {
				assertThat(refreshToken).isEqualTo("refresh-1");
				return new OAuthTokens("bearer", "access-2", "refresh-2", 1800);
			});
			assertThat(refreshed.accessToken()).isEqualTo("access-2");
			assertThat(worker.current()).hasValueSatisfying((installation) -> {
				assertThat(installation.accessToken()).isEqualTo("access-2");
				assertThat(installation.refreshToken()).isEqualTo("refresh-2");
				assertThat(installation.expiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(20)));
			});
		}
		finally {
			stack.postgres().execute(stack.platform().database(), "DELETE FROM hubsync.oauth_installation");
		}
	}

	private static Ops ops(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--bootstrap-servers", stack.kafka().bootstrapServers(), "--jdbc-url", operator.jdbcUrl(),
				"--db-user", operator.user(), "--worker-url", "http://localhost:" + workerPort));
		System.setProperty("hubsync.ops.db-password", operator.password());
		System.setProperty("hubsync.ops.api-key", Services.ADMIN_KEY);
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		var commandLine = HubSyncOps.commandLine();
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int exit = commandLine.execute(all.toArray(String[]::new));
		return new Ops(exit, out.toString(), err.toString());
	}

	private record Ops(int exit, String out, String err) {

	}

	private static PGSimpleDataSource dataSource(DemoDatabase login) {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setUrl(login.jdbcUrl());
		dataSource.setUser(login.user());
		dataSource.setPassword(login.password());
		return dataSource;
	}

	private static DemoDatabase login(DemoDatabase platform, String role, String passwordVariable) {
		return new DemoDatabase(platform.jdbcUrl(), role, PASSWORDS.get(passwordVariable), platform.database(),
				platform.port());
	}

	private static void refused(DemoDatabase login, String sql) {
		assertThatExceptionOfType(SQLException.class).as("%s: %s", login.user(), sql)
			.isThrownBy(() -> execute(login, sql))
			.satisfies((ex) -> assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo(INSUFFICIENT_PRIVILEGE));
	}

	private static void allowed(DemoDatabase login, String sql) throws SQLException {
		execute(login, sql);
	}

	private static void execute(DemoDatabase login, String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(login.jdbcUrl(), login.user(), login.password());
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String leadId(String email) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT id::text FROM leads WHERE email = ?")) {
			statement.setString(1, email);
			try (ResultSet rows = statement.executeQuery()) {
				assertThat(rows.next()).as("lead " + email).isTrue();
				return rows.getString(1);
			}
		}
	}

	private static long count(DemoDatabase login, String sql) throws SQLException {
		try (Connection connection = login.connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rows = statement.executeQuery()) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private static List<String> strings(Connection connection, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

	private static List<HubSpotObject> contactsWithEmail(String email) {
		try (var all = user.objects().listAll("contacts", ReadOptions.properties(List.of("email", "lastname")))) {
			return all.filter((contact) -> email.equalsIgnoreCase(contact.property("email"))).toList();
		}
	}

	private static String password() {
		return "pw-" + UUID.randomUUID();
	}

}
