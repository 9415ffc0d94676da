package dev.hubsync.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.testing.EmulatorAdmin;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.transport.ApiPaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system in one JVM, as the dev stack runs it: HubSpot changes travel as signed
 * webhooks through the ingress and the worker into the platform database; platform
 * changes travel through Debezium, the publisher and the worker into HubSpot; neither
 * comes back.
 */
class FullStackIT {

	/**
	 * The paths the worker calls in the default API version, as the emulator logs them.
	 */
	private static final ApiPaths PATHS = ApiPaths.defaults();

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final long HUBSYNC_APP_ID = 4242;

	@TempDir
	static Path data;

	private static DevStack stack;

	private static ServicePorts ports;

	private static HubSpotClient user;

	@BeforeAll
	static void start() {
		ports = TestStacks.freePorts();
		stack = DevStack.start(TestStacks.options(data, ports, 3, "webhooks"));
		user = TestStacks.user(stack);
	}

	@Test
	void aBatchOfLeadsTakesTwoWritesAndTheirEchoesWriteNothingBack() throws Exception {
		awaitDemoData(); // its writes settle first, so the counts below are this test's
		EmulatorAdmin admin = stack.emulator().admin();
		int upsertsBefore = appCalls(admin, PATHS.objectsBatch("contacts", "upsert"));
		int updatesBefore = appCalls(admin, PATHS.objectsBatch("contacts", "update"));
		double echoesBefore = echoesDropped();
		// Debezium streams a large transaction in batches 50 ms apart, and the worker's
		// polls may cut that stream anywhere, so the live path's call count depends on
		// timing. Parked while outbound is paused and released together, the 150 changes
		// reach the worker as one burst, which is what this test counts.
		workerAdmin("outbound/contacts/pause");
		try {
			execute("INSERT INTO leads (email, first_name, last_name, lifecycle_stage) SELECT 'batch-' || g"
					+ " || '@example.com', 'Batch', 'Lead ' || g, 'lead' FROM generate_series(1, 150) g");
			await().atMost(WAIT)
				.untilAsserted(
						() -> assertThat(count(
								"SELECT count(*) FROM hubsync.parked_event WHERE"
										+ " direction = 'outbound' AND convert_from(record_value, 'UTF8') LIKE ?",
								"%batch-%"))
							.isEqualTo(150));
		}
		finally {
			workerAdmin("outbound/contacts/resume");
		}
		String linked = "SELECT count(*) FROM hubsync.link l JOIN leads d ON d.id::text = l.platform_key"
				+ " WHERE l.object_type_id = '0-1' AND d.email LIKE ?";
		await().atMost(WAIT).untilAsserted(() -> assertThat(count(linked, "batch-%")).isEqualTo(150));
		// every creation's echo webhooks reach the worker through the ingress and are
		// dropped by app id (no read, no identity kept): at least a creation each
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(echoesDropped() - echoesBefore).isGreaterThanOrEqualTo(150));
		// 150 records in ⌈150/100⌉ = 2 calls, one more where a poll's boundary splits the
		// burst; the echoes cause no update and no write to the platform
		assertThat(appCalls(admin, PATHS.objectsBatch("contacts", "upsert")) - upsertsBefore).isBetween(2, 3);
		assertThat(appCalls(admin, PATHS.objectsBatch("contacts", "update")) - updatesBefore).isZero();
		assertThat(count(
				"SELECT count(*) FROM hubsync.sync_log s JOIN leads d ON d.id::text = s.platform_key WHERE"
						+ " s.direction = 'inbound' AND s.outcome IN ('applied', 'created') AND d.email LIKE ?",
				"batch-%"))
			.isZero();
		assertThat(count("SELECT count(*) FROM leads WHERE email LIKE ?", "batch-%")).isEqualTo(150);
	}

	@Test
	void theSamePersonCreatedOnBothSidesAtOnceEndsAsOnePair() throws SQLException {
		user.objects()
			.create("contacts", Map.of("email", "Both.Sides@Example.com", "firstname", "Both", "lastname", "HubSpot"),
					null);
		execute("INSERT INTO leads (email, first_name, last_name) VALUES ('both.sides@example.com', 'Both',"
				+ " 'Platform')");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(count("SELECT count(*) FROM hubsync.link l JOIN leads d ON d.id::text = l.platform_key"
					+ " WHERE l.object_type_id = '0-1' AND lower(d.email) = ?", "both.sides@example.com"))
				.isEqualTo(1);
			assertThat(contactsWithEmail("both.sides@example.com")).hasSize(1);
		});
		assertThat(count("SELECT count(*) FROM leads WHERE lower(email) = ?", "both.sides@example.com")).isEqualTo(1);
		HubSpotObject contact = contactsWithEmail("both.sides@example.com").get(0);
		assertThat(contact.id())
			.isEqualTo(String.valueOf(hubspotIdOf(lead("both.sides@example.com").get("id").toString())));
		// and both sides agree on the name afterwards (the later change wins)
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lead("both.sides@example.com").get("last_name")).isEqualTo(user.objects()
				.get("contacts", contact.id(), ReadOptions.properties(List.of("lastname")))
				.orElseThrow()
				.property("lastname")));
	}

	@Test
	void concurrentEditsOnBothSidesConvergeByTheMappingsRules() throws SQLException {
		execute("INSERT INTO leads (email, first_name, last_name, phone) VALUES ('concurrent@example.com', 'Start',"
				+ " 'Start', '+14155550100')");
		String key = lead("concurrent@example.com").get("id").toString();
		await().atMost(WAIT).untilAsserted(() -> assertThat(hubspotIdOf(key)).isNotNull());
		String id = String.valueOf(hubspotIdOf(key));
		// each side changes one field alone, and both change last_name: HubSpot first,
		// the
		// platform a moment later, so the platform's value is the later change
		user.objects().update("contacts", id, Map.of("firstname", "FromHubSpot", "lastname", "HubSpotName"));
		execute("UPDATE leads SET phone = '+14155550111', last_name = 'PlatformName' WHERE email ="
				+ " 'concurrent@example.com'");
		await().atMost(WAIT).untilAsserted(() -> {
			Map<String, Object> row = lead("concurrent@example.com");
			HubSpotObject contact = user.objects()
				.get("contacts", id, ReadOptions.properties(List.of("firstname", "lastname", "phone")))
				.orElseThrow();
			assertThat(row).containsEntry("first_name", "FromHubSpot")
				.containsEntry("last_name", "PlatformName")
				.containsEntry("phone", "+14155550111");
			assertThat(contact.properties()).containsEntry("firstname", "FromHubSpot")
				.containsEntry("lastname", "PlatformName")
				.containsEntry("phone", "+14155550111");
		});
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void everyMetricTheDashboardAndAlertsUseIsRegistered() throws Exception {
		awaitDemoData(); // the demo records exercise both directions, so lazy meters
							// exist
		java.util.Set<String> exposed = new java.util.TreeSet<>();
		for (int port : List.of(ports.ingress(), ports.mapping(), ports.worker(), ports.publisher())) {
			for (String line : Prometheus.samples(stack.managementPort(port))) {
				exposed.add(line.split("[{ ]", 2)[0]);
			}
		}
		assertThat(exposed).contains("hubsync_worker_outcomes_total");
		assertThat(dev.hubsync.devstack.config.MonitoringFiles.metricNames()).isNotEmpty()
			.allSatisfy((name) -> assertThat(exposed).as("exposed by a service").contains(name));
	}

	/** The worker's count of echoes it dropped, as Prometheus scrapes it. */
	private static double echoesDropped() throws Exception {
		return Prometheus
			.sum(stack.managementPort(ports.worker()), "hubsync_worker_outcomes_total", "direction=\"inbound\"",
					"outcome=\"echo\"")
			.orElse(0);
	}

	@Test
	void demoDataArrivesOnTheOtherSide() {
		awaitDemoData();
	}

	private static void awaitDemoData() {
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(count("SELECT count(*) FROM leads WHERE email LIKE ?", "hubspot-%@example.com")).isEqualTo(3);
			assertThat(count("SELECT count(*) FROM hubsync.link l JOIN leads d ON d.id::text = l.platform_key"
					+ " WHERE d.email LIKE ?", "platform-%@example.com"))
				.isEqualTo(3);
			assertThat(count("SELECT count(*) FROM tasks WHERE subject LIKE ?", "Send HubSpot %")).isEqualTo(3);
			assertThat(count("SELECT count(*) FROM notes WHERE body LIKE ?", "Spoke to HubSpot %")).isEqualTo(3);
			for (String[] table : new String[][] { { "0-27", "tasks", "subject" }, { "0-46", "notes", "body" },
					{ "0-5", "tickets", "subject" } }) {
				assertThat(count("SELECT count(*) FROM hubsync.link l JOIN " + table[1]
						+ " t ON t.id::text = l.platform_key AND l.object_type_id = '" + table[0] + "' WHERE t."
						+ table[2] + " ~ ?", "Platform [0-9]+$"))
					.as(table[1])
					.isEqualTo(3);
			}
		});
	}

	@Test
	void anOwnerFollowsTheRecordBothWaysThroughTheUsersOfTheEmulatorsOwners() throws SQLException {
		String ann = row("SELECT id::text AS id FROM users WHERE email = ?", "ann.owner@example.com").get("id")
			.toString();
		String bo = row("SELECT id::text AS id FROM users WHERE email = ?", "bo.owner@example.com").get("id")
			.toString();
		// the demo data's contacts were created owned: their leads arrive owned
		awaitDemoData();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					count("SELECT count(*) FROM leads WHERE email LIKE ? AND owner_id IS NOT NULL", "hubspot-%"))
				.isEqualTo(3));
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "owned.end.to.end@example.com", "firstname", "Owned",
					"hubspot_owner_id", "41629779"), null);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(String.valueOf(lead("owned.end.to.end@example.com").get("owner_id")))
				.isEqualTo(ann));
		execute("UPDATE leads SET owner_id = '" + bo + "' WHERE email = 'owned.end.to.end@example.com'");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.objects()
				.get("contacts", contact.id(), ReadOptions.properties(List.of("hubspot_owner_id")))
				.orElseThrow()
				.property("hubspot_owner_id")).isEqualTo("41629780"));
	}

	@Test
	void aContactCreatedInHubSpotArrivesAsALeadThroughSignedWebhooks() {
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "Through.Webhooks@Example.com", "firstname", "Through", "lastname",
					"Webhooks", "phone", "(415) 555-0199", "lifecyclestage", "lead"), null);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lead("through.webhooks@example.com")).containsEntry("first_name", "Through")
				.containsEntry("phone", "+14155550199"));
		// the stamp of hubsync_record_id comes back as our own echo and changes nothing
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.objects()
				.get("contacts", contact.id(), ReadOptions.properties(List.of("hubsync_record_id")))
				.orElseThrow()
				.property("hubsync_record_id")).isEqualTo(lead("through.webhooks@example.com").get("id").toString()));
	}

	@Test
	void aLeadWrittenWithSqlArrivesInHubSpotAndDoesNotComeBack() throws Exception {
		double echoesBefore = echoesDropped();
		String key;
		try (Connection connection = stack.platform().connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO leads (email, first_name, last_name,"
							+ " lifecycle_stage) VALUES ('from.sql@example.com', 'From', 'Sql', 'mql') RETURNING id::text")) {
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				key = rs.getString(1);
			}
		}
		String id = key;
		await().atMost(WAIT).untilAsserted(() -> assertThat(hubspotIdOf(id)).isNotNull());
		HubSpotObject contact = user.objects()
			.get("contacts", String.valueOf(hubspotIdOf(id)),
					ReadOptions.properties(List.of("email", "lifecyclestage", "hubsync_record_id")))
			.orElseThrow();
		assertThat(contact.properties()).containsEntry("email", "from.sql@example.com")
			.containsEntry("lifecyclestage", "marketingqualifiedlead")
			.containsEntry("hubsync_record_id", key);
		// the write's echo webhooks reach the worker and are dropped: no inbound write of
		// this row
		await().atMost(WAIT).untilAsserted(() -> assertThat(echoesDropped()).isGreaterThan(echoesBefore));
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE direction = 'inbound' AND platform_key = ?"
				+ " AND outcome IN ('applied', 'created')", key))
			.isZero();
	}

	@Test
	void companiesAndDealsTravelBothWaysWithTheirTypesAndAssociations() throws SQLException {
		String company = insert(
				"INSERT INTO companies (name, domain, industry) VALUES ('Engines Ltd', 'Engines.Example',"
						+ " 'COMPUTER_SOFTWARE') RETURNING id::text");
		String deal = insert(
				"INSERT INTO deals (name, amount, stage, close_date, company_id) VALUES ('Big deal', 1500.50,"
						+ " 'closedwon', DATE '2026-12-31', '" + company + "') RETURNING id::text");
		// the deal may be written before its company: both links, in either order
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(linked("0-3", deal)).isNotNull();
			assertThat(linked("0-2", company)).isNotNull();
		});
		long companyId = linked("0-2", company);
		HubSpotObject hubspotCompany = user.objects()
			.get("companies", String.valueOf(companyId), ReadOptions.properties(List.of("name", "domain", "industry")))
			.orElseThrow();
		assertThat(hubspotCompany.properties()).containsEntry("domain", "engines.example")
			.containsEntry("industry", "COMPUTER_SOFTWARE");
		HubSpotObject hubspotDeal = user.objects()
			.get("deals", String.valueOf(linked("0-3", deal)),
					ReadOptions.properties(List.of("dealname", "amount", "dealstage", "pipeline", "closedate")))
			.orElseThrow();
		assertThat(hubspotDeal.properties()).containsEntry("dealname", "Big deal")
			.containsEntry("dealstage", "closedwon")
			.containsEntry("pipeline", "default");
		assertThat(new java.math.BigDecimal(hubspotDeal.property("amount"))).isEqualByComparingTo("1500.50");
		assertThat(java.time.Instant.parse(hubspotDeal.property("closedate")))
			.isEqualTo(java.time.Instant.parse("2026-12-31T00:00:00Z"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.associations().list("deals", hubspotDeal.id(), "companies"))
				.anySatisfy(
						(association) -> assertThat(association.toObjectId()).isEqualTo(String.valueOf(companyId))));

		// and back: a deal created in HubSpot, associated with the company
		HubSpotObject created = user.objects()
			.create("deals", Map.of("dealname", "From HubSpot", "amount", "99.9", "dealstage", "appointmentscheduled",
					"pipeline", "default", "closedate", "2027-01-15T00:00:00.000Z"), null);
		user.associations()
			.associate("deals", created.id(), "companies", String.valueOf(companyId),
					List.of(dev.hubsync.hubspot.associations.AssociationSpec.hubspotDefined(341)));
		await().atMost(WAIT).untilAsserted(() -> {
			Map<String, Object> row = row("SELECT amount::text AS amount, stage, close_date::text AS close_date,"
					+ " company_id::text AS company_id FROM deals WHERE name = ?", "From HubSpot");
			assertThat(row).isNotNull()
				.containsEntry("amount", "99.90")
				.containsEntry("stage", "appointmentscheduled")
				.containsEntry("close_date", "2027-01-15")
				.containsEntry("company_id", company);
		});
	}

	@Test
	void tasksTicketsAndNotesTravelBothWaysThroughTheStack() throws SQLException {
		String lead = insert(
				"INSERT INTO leads (email, first_name) VALUES ('tess@example.com', 'Tess')" + " RETURNING id::text");
		String task = insert("INSERT INTO tasks (subject, status, priority, type, due_at, lead_id) VALUES"
				+ " ('Call Tess', 'open', 'high', 'call', TIMESTAMPTZ '2026-10-08 09:00:00+00', '" + lead
				+ "') RETURNING id::text");
		// no status: the ticket starts in the default pipeline's first stage
		String ticket = insert("INSERT INTO tickets (subject, lead_id) VALUES ('Tess cannot log in', '" + lead
				+ "') RETURNING id::text");
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(linked("0-1", lead)).isNotNull();
			assertThat(linked("0-27", task)).isNotNull();
			assertThat(linked("0-5", ticket)).isNotNull();
		});
		String contact = String.valueOf(linked("0-1", lead));
		String taskId = String.valueOf(linked("0-27", task));
		String ticketId = String.valueOf(linked("0-5", ticket));
		List<String> stages = new java.util.ArrayList<>();
		stack.emulator()
			.admin()
			.call("GET", "/crm/pipelines/2026-03/tickets", null, HubSpotEmulator.USER_TOKEN)
			.at("/results/0/stages")
			.forEach((stage) -> stages.add(stage.get("id").asString()));
		assertThat(user.objects()
			.get("tickets", ticketId, ReadOptions.properties(List.of("hs_pipeline_stage")))
			.orElseThrow()
			.property("hs_pipeline_stage")).isEqualTo(stages.get(0));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.associations().list("tasks", taskId, "contacts"))
				.anySatisfy((association) -> assertThat(association.toObjectId()).isEqualTo(contact)));

		// in HubSpot: the task is done, the ticket waits on us, a note is left on the
		// contact
		user.objects().update("tasks", taskId, Map.of("hs_task_status", "COMPLETED"));
		user.objects().update("tickets", ticketId, Map.of("hs_pipeline_stage", stages.get(2)));
		user.objects()
			.create("notes", Map.of("hs_note_body", "Tess called", "hs_timestamp", "2026-10-09T10:00:00.000Z"),
					List.of(dev.hubsync.hubspot.objects.ObjectAssociation.of(contact,
							dev.hubsync.hubspot.associations.AssociationSpec.hubspotDefined(202))));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(row("SELECT status FROM tasks WHERE id = ?::uuid", task)).containsEntry("status", "done");
			assertThat(row("SELECT status FROM tickets WHERE id = ?::uuid", ticket)).containsEntry("status",
					"waiting_on_us");
			assertThat(row("SELECT lead_id::text AS lead_id FROM notes WHERE body = ?", "Tess called"))
				.containsEntry("lead_id", lead);
		});
	}

	/** Posts to the worker's admin API, failing the test on an error status. */
	private static void workerAdmin(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + ports.worker() + "/api/" + path))
				.header("X-HubSync-Api-Key", "dev-admin-key")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private static int appCalls(EmulatorAdmin admin, String path) {
		return (int) admin.requests("POST", path)
			.stream()
			.filter((request) -> request.status() < 300 && ("app:" + HUBSYNC_APP_ID).equals(request.caller()))
			.count();
	}

	private static List<HubSpotObject> contactsWithEmail(String email) {
		try (var all = user.objects().listAll("contacts", ReadOptions.properties(List.of("email")))) {
			return all.filter((contact) -> email.equalsIgnoreCase(contact.property("email"))).toList();
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = stack.platform().connect();
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String insert(String sql) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static Long linked(String objectTypeId, String key) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = ? AND platform_key = ?")) {
			statement.setString(1, objectTypeId);
			statement.setString(2, key);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getLong(1) : null;
			}
		}
	}

	private static Long hubspotIdOf(String key) throws SQLException {
		Map<String, Object> row = row(
				"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?", key);
		return (row != null) ? (Long) row.get("hubspot_id") : null;
	}

	private static Map<String, Object> lead(String email) throws SQLException {
		Map<String, Object> row = row("SELECT * FROM leads WHERE lower(email) = ?", email);
		assertThat(row).as("lead " + email).isNotNull();
		return row;
	}

	private static long count(String sql, String parameter) throws SQLException {
		return ((Number) row(sql, parameter).values().iterator().next()).longValue();
	}

	private static Map<String, Object> row(String sql, String parameter) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				Map<String, Object> row = new java.util.LinkedHashMap<>();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
				}
				return row;
			}
		}
	}

}
