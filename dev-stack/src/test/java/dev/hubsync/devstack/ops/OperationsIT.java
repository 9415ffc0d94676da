package dev.hubsync.devstack.ops;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hubsync.devstack.DevStack;
import dev.hubsync.devstack.Prometheus;
import dev.hubsync.devstack.ServicePorts;
import dev.hubsync.devstack.TestStacks;
import dev.hubsync.emulator.testing.EmulatorAdmin;
import dev.hubsync.events.Topics;
import dev.hubsync.events.local.SyncOrigin;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.FreePorts;
import dev.hubsync.ops.HubSyncOps;
import dev.hubsync.worker.poller.ReconciliationPoller;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * hubsync-ops against the running dev stack (in this JVM, driven from outside as an
 * operator would): replay and group reset into a converged system change nothing, a dead
 * letter fixed at its cause and re-driven lands once and cannot be re-driven again,
 * status reports what needs attention.
 */
class OperationsIT {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final String INBOUND_GROUP = "hubsync-worker-inbound";

	private static final String OUTBOUND_GROUP = "hubsync-worker-outbound";

	@TempDir
	static Path data;

	private static DevStack stack;

	private static HubSpotClient user;

	private static int workerPort;

	@BeforeAll
	static void start() {
		workerPort = FreePorts.find();
		stack = DevStack.start(TestStacks.options(data,
				new ServicePorts(FreePorts.find(), FreePorts.find(), FreePorts.find(), workerPort, FreePorts.find()), 0,
				"webhooks"));
		user = TestStacks.user(stack);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aReplayAndAGroupResetIntoAConvergedSystemChangeNothing() throws Exception {
		execute("INSERT INTO leads (email, first_name, last_name) SELECT 'replay-' || g || '@example.com', 'Replay',"
				+ " 'Lead ' || g FROM generate_series(1, 20) g");
		for (int i = 0; i < 5; i++) {
			user.objects().create("contacts", Map.of("email", "replayed-contact-" + i + "@example.com"), null);
		}
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(count("SELECT count(*) FROM hubsync.link l JOIN leads d ON d.id::text = l.platform_key WHERE"
					+ " d.email LIKE 'replay-%'"))
				.isEqualTo(20);
			assertThat(count("SELECT count(*) FROM leads WHERE email LIKE 'replayed-contact-%'")).isEqualTo(5);
		});
		awaitCaughtUp();
		Snapshot before = snapshot();

		Result dryRun = ops("replay", "--topic", Topics.LOCAL_CHANGES, "--since", "10m", "--dry-run");
		assertThat(dryRun.exit()).as(dryRun.text()).isZero();
		assertThat(dryRun.out()).contains("leads:").contains("nothing written");
		Result unconfirmed = ops("replay", "--topic", Topics.LOCAL_CHANGES, "--since", "10m");
		assertThat(unconfirmed.out()).as("without --yes a replay only tells what it would do")
			.contains("Dry run (add --yes to act) on Kafka " + stack.kafka().bootstrapServers())
			.contains("nothing written");
		Result local = ops("replay", "--topic", Topics.LOCAL_CHANGES, "--since", "10m", "--yes");
		assertThat(local.exit()).as(local.text()).isZero();
		assertThat(local.out()).containsPattern("Replayed \\d+ event\\(s\\)");
		Result hubspot = ops("replay", "--topic", Topics.HUBSPOT_EVENTS, "--since", "10m", "--yes");
		assertThat(hubspot.exit()).as(hubspot.text()).isZero();
		awaitCaughtUp();
		assertThat(snapshot()).isEqualTo(before);

		// a group reset needs the group stopped; then an hour back, and it converges
		assertThat(
				ops("replay", "--topic", Topics.HUBSPOT_EVENTS, "--since", "1h", "--reset-group", INBOUND_GROUP).err())
			.contains("running consumer");
		MessageListenerContainer inbound = stack.worker()
			.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("hubsync-inbound");
		inbound.stop();
		await().atMost(WAIT).until(() -> groupMembers(INBOUND_GROUP) == 0);
		Result reset = ops("replay", "--topic", Topics.HUBSPOT_EVENTS, "--since", "1h", "--reset-group", INBOUND_GROUP,
				"--yes");
		assertThat(reset.exit()).as(reset.text()).isZero();
		inbound.start();
		awaitCaughtUp();
		assertThat(snapshot()).isEqualTo(before);
	}

	@Test
	void aDeadLetterFixedAtItsCauseAndReDrivenLandsOnce() throws Exception {
		String key = insert(
				"INSERT INTO leads (email, first_name) VALUES ('not-an-email', 'Broken') RETURNING id::text");
		String recordKey = "leads:" + key;
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(ops("dlt", "list", "--key", recordKey).out()).contains("1 not re-driven"));
		Result waiting = ops("status");
		assertThat(waiting.exit()).isEqualTo(1);
		assertThat(waiting.out()).containsPattern("not re-driven by reason: \\{([A-Za-z]+=\\d+, )*[A-Za-z]+=\\d+\\}")
			.containsPattern(
					"dead letter\\(s\\) on " + Topics.LOCAL_CHANGES_DLT.replace(".", "\\.") + " not re-driven");
		Result show = ops("dlt", "show", "--key", recordKey);
		assertThat(show.out()).contains("hubsync-dlt-reason")
			.contains("kafka_dlt-original-topic: " + Topics.LOCAL_CHANGES);
		// the cause fixed in the platform: the fix itself syncs the record
		execute("UPDATE leads SET email = 'fixed-dead-letter@example.com' WHERE id = '" + key + "'");
		await().atMost(WAIT).untilAsserted(() -> assertThat(linked(key)).isTrue());
		Result unconfirmed = ops("dlt", "redrive", "--key", recordKey);
		assertThat(unconfirmed.out()).contains("Dry run (add --yes to act)")
			.contains("would re-drive")
			.contains("0 re-driven");
		Result redrive = ops("dlt", "redrive", "--key", recordKey, "--yes");
		assertThat(redrive.exit()).as(redrive.text()).isZero();
		assertThat(redrive.out()).contains("1 re-driven, 0 skipped");
		awaitCaughtUp();
		assertThat(contactsWithEmail("fixed-dead-letter@example.com")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM hubsync.link WHERE platform_key = '" + key + "'")).isEqualTo(1);
		// not twice by accident
		Result again = ops("dlt", "redrive", "--key", recordKey, "--yes");
		assertThat(again.out()).contains("re-driven at").contains("0 re-driven, 1 skipped");
		assertThat(ops("dlt", "list", "--key", recordKey).out()).contains("1 dead letter(s), 0 not re-driven");
	}

	@Test
	void statusReportsPausesAndExitsNonZeroWhenSomethingNeedsAttention() {
		Result paused = ops("pause", "--direction", "outbound", "--object", "deals");
		assertThat(paused.exit()).as(paused.text()).isZero();
		Result status = ops("status");
		assertThat(status.exit()).as(status.text()).isEqualTo(1);
		assertThat(status.out()).contains("Consumer lag")
			.contains(OUTBOUND_GROUP)
			.contains("Replication slots")
			.contains("rate budget")
			.contains("stalls         none")
			.contains("paused: {\"outbound\":[\"0-3\"]}");
		assertThat(ops("resume", "--direction", "outbound", "--object", "deals").exit()).isZero();
		assertThat(ops("status").out()).doesNotContain("paused: {");
		assertThat(ops("pause", "--direction", "sideways").err()).contains("inbound or outbound");
	}

	@Test
	void reconcileFindsDriftMadeBehindTheSyncsBackAndFixHealsIt() throws Exception {
		String drifted = insert("INSERT INTO leads (email, first_name, last_name) VALUES"
				+ " ('drift-platform@example.com', 'Before', 'Platform') RETURNING id::text");
		String both = insert("INSERT INTO leads (email, first_name) VALUES ('drift-both@example.com', 'Before')"
				+ " RETURNING id::text");
		String cleared = insert("INSERT INTO leads (email, first_name) VALUES ('drift-cleared@example.com', 'Before')"
				+ " RETURNING id::text");
		HubSpotObject contact = user.objects()
			.create("contacts",
					Map.of("email", "drift-hubspot@example.com", "firstname", "Drift", "lastname", "Before"), null);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(linked(drifted)).isTrue();
			assertThat(linked(both)).isTrue();
			assertThat(linked(cleared)).isTrue();
			assertThat(count("SELECT count(*) FROM leads WHERE email = 'drift-hubspot@example.com'")).isEqualTo(1);
		});
		awaitCaughtUp();
		EmulatorAdmin emulator = stack.emulator().admin();
		// behind the sync's back: HubSpot's webhooks are lost, and the platform writes
		// are
		// made in transactions marked as the sync's own, so no change event reaches the
		// worker (as if the publisher had lost them)
		emulator.faults(Map.of("webhooks", Map.of("dropRate", 1.0, "duplicateRate", 0.0, "reorder", false)));
		try {
			unseen("UPDATE leads SET first_name = 'After' WHERE id = '" + drifted + "'");
			String missingInHubSpot = unseen("INSERT INTO leads (email, first_name) VALUES"
					+ " ('drift-unsent@example.com', 'Unsent') RETURNING id::text");
			user.objects().update("contacts", contact.id(), Map.of("lastname", "After"));
			// the same field changed on both sides, HubSpot's later: the rule
			// (LATEST_WINS)
			// must decide, so both directions get an event
			unseen("UPDATE leads SET first_name = 'Platform Side' WHERE id = '" + both + "'");
			user.objects().update("contacts", hubspotId(both), Map.of("firstname", "HubSpot Side"));
			// the same field again, the product's change later and a clear: the link's
			// last-synced value tells the clear from a value the product never had, so
			// the clear wins rather than being filled from HubSpot
			user.objects().update("contacts", hubspotId(cleared), Map.of("firstname", "HubSpot Earlier"));
			unseen("UPDATE leads SET first_name = NULL WHERE id = '" + cleared + "'");
			HubSpotObject missingOnPlatform = user.objects()
				.create("contacts", Map.of("email", "drift-unreceived@example.com", "firstname", "Unreceived"), null);

			Result found = ops("reconcile", "--object", "contacts", "--poll-interval", "1s");
			assertThat(found.exit()).as(found.text()).isEqualTo(1);
			assertThat(found.out()).contains("fields").contains(drifted).contains("firstname").contains("\"After\"");
			assertThat(found.out()).contains(contact.id()).contains("lastname");
			assertThat(found.out()).containsPattern("fields +" + both + " +\\d+ +both");
			assertThat(found.out()).containsPattern("fields +" + cleared + " +\\d+ +both");
			assertThat(found.out()).containsPattern("missing-in-hubspot +" + missingInHubSpot);
			assertThat(found.out()).containsPattern("missing-on-platform +- +" + missingOnPlatform.id());
			assertThat(found.out()).contains("Run with --fix");
			assertThat(found.err()).contains("100 %");
			assertThat(text("SELECT first_name FROM leads WHERE id = '" + drifted + "'")).isEqualTo("After");

			Result fixed = ops("reconcile", "--object", "contacts", "--fix");
			assertThat(fixed.exit()).as(fixed.text()).isZero();
			assertThat(fixed.out()).contains("healing event(s)");
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(user.objects()
					.get("contacts", hubspotId(drifted), ReadOptions.properties(List.of("firstname")))
					.orElseThrow()
					.property("firstname")).isEqualTo("After");
				assertThat(text("SELECT last_name FROM leads WHERE email = 'drift-hubspot@example.com'"))
					.isEqualTo("After");
				assertThat(contactsWithEmail("drift-unsent@example.com")).isEqualTo(1);
				assertThat(count("SELECT count(*) FROM leads WHERE email = 'drift-unreceived@example.com'"))
					.isEqualTo(1);
				assertThat(text("SELECT first_name FROM leads WHERE id = '" + both + "'")).isEqualTo("HubSpot Side");
				assertThat(user.objects()
					.get("contacts", hubspotId(cleared), ReadOptions.properties(List.of("firstname")))
					.orElseThrow()
					.property("firstname")).isNullOrEmpty();
			});
			awaitCaughtUp();
			assertThat(user.objects()
				.get("contacts", hubspotId(both), ReadOptions.properties(List.of("firstname")))
				.orElseThrow()
				.property("firstname")).isEqualTo("HubSpot Side");
			assertThat(text("SELECT first_name FROM leads WHERE id = '" + cleared + "'")).isNull();
			Result clean = ops("reconcile", "--object", "contacts");
			assertThat(clean.exit()).as(clean.text()).isZero();
			assertThat(clean.out()).contains("no drift");
			// a type without a mapping in force is refused at once, with the reason
			assertThat(ops("reconcile", "--object", "products").err()).contains("no mapping for products is in force");
		}
		finally {
			emulator.clearFaults();
		}
	}

	@Test
	void relinkRebuildsATruncatedLinkTable() throws Exception {
		execute("INSERT INTO leads (email, first_name) SELECT 'relink-' || g || '@example.com', 'Relink' FROM"
				+ " generate_series(1, 5) g");
		user.objects().create("contacts", Map.of("email", "relink-from-hubspot@example.com"), null);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(count("SELECT count(*) FROM hubsync.link l JOIN leads d ON d.id::text = l.platform_key WHERE"
					+ " d.email LIKE 'relink-%'"))
				.isEqualTo(6);
		});
		awaitCaughtUp();
		List<String> links = links();
		long rows = count("SELECT count(*) FROM leads");
		stack.emulator().admin().clearRequests();

		execute("TRUNCATE hubsync.link");
		Result lost = ops("reconcile", "--object", "contacts");
		assertThat(lost.exit()).isEqualTo(1);
		assertThat(lost.out()).contains("missing-on-platform").contains("missing-in-hubspot");

		Result relinked = ops("reconcile", "--object", "contacts", "--relink");
		assertThat(relinked.exit()).as(relinked.text()).isZero();
		assertThat(relinked.out()).contains("Relinked " + links.size() + " record(s)").contains("no drift");
		assertThat(links()).isEqualTo(links);
		assertThat(count("SELECT count(*) FROM leads")).isEqualTo(rows);
		assertThat(snapshot().hubspotWrites()).isZero();
	}

	@Test
	void aDroppedWebhookCountsAsMissed() throws Exception {
		EmulatorAdmin emulator = stack.emulator().admin();
		emulator.faults(Map.of("webhooks", Map.of("dropRate", 1.0, "duplicateRate", 0.0, "reorder", false)));
		try {
			double before = missedWebhooks();
			user.objects().create("contacts", Map.of("email", "missed-webhook@example.com"), null);
			ReconciliationPoller poller = stack.worker().getBean(ReconciliationPoller.class);
			// HubSpot's search index trails writes (the emulator's too): poll until it
			// shows
			await().atMost(WAIT).until(() -> {
				poller.poll();
				return count("SELECT count(*) FROM leads WHERE email = 'missed-webhook@example.com'") == 1;
			});
			assertThat(missedWebhooks()).isEqualTo(before + 1);
		}
		finally {
			emulator.clearFaults();
		}
	}

	/** The worker's missed-webhook counter for contacts, as Prometheus scrapes it. */
	private static double missedWebhooks() throws Exception {
		return Prometheus
			.sum(stack.managementPort(workerPort), "hubsync_worker_poller_healed_total", "object_type=\"contacts\"")
			.orElseThrow(() -> new AssertionError("no hubsync_worker_poller_healed_total for contacts"));
	}

	private static List<String> links() throws SQLException {
		List<String> links = new ArrayList<>();
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement("SELECT object_type_id || ' ' || hubspot_id"
						+ " || ' ' || platform_key FROM hubsync.link ORDER BY 1");
				ResultSet rs = statement.executeQuery()) {
			while (rs.next()) {
				links.add(rs.getString(1));
			}
		}
		return links;
	}

	private static String hubspotId(String key) throws SQLException {
		return text("SELECT hubspot_id::text FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = '" + key
				+ "'");
	}

	/**
	 * Runs SQL in a transaction marked as the sync's own: the publisher flags its changes
	 * and the worker does not act on them.
	 */
	private static String unseen(String sql) throws SQLException {
		try (Connection connection = stack.platform().connect()) {
			connection.setAutoCommit(false);
			try (PreparedStatement marker = connection.prepareStatement(SyncOrigin.MARKER_SQL)) {
				marker.setString(1, "test-behind-the-sync");
				marker.execute();
			}
			String result = null;
			try (Statement statement = connection.createStatement()) {
				if (statement.execute(sql)) {
					try (ResultSet rs = statement.getResultSet()) {
						rs.next();
						result = rs.getString(1);
					}
				}
			}
			connection.commit();
			return result;
		}
	}

	private static void awaitCaughtUp() {
		await().atMost(WAIT).until(() -> lag(INBOUND_GROUP) == 0 && lag(OUTBOUND_GROUP) == 0);
	}

	private static long lag(String group) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> query = new HashMap<>();
			committed.keySet().forEach((partition) -> query.put(partition, OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(query)
				.all()
				.get(30, TimeUnit.SECONDS);
			long lag = 0;
			for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
				lag += ends.get(entry.getKey()).offset() - entry.getValue().offset();
			}
			return committed.isEmpty() ? Long.MAX_VALUE : lag;
		}
	}

	private static int groupMembers(String group) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafka().bootstrapServers()))) {
			return admin.describeConsumerGroups(List.of(group))
				.describedGroups()
				.get(group)
				.get(30, TimeUnit.SECONDS)
				.members()
				.size();
		}
	}

	/**
	 * What either side would show of a write: HubSync's writes to HubSpot (request log),
	 * the platform rows' newest change, and the sync log's applied entries.
	 */
	private static Snapshot snapshot() throws SQLException {
		EmulatorAdmin admin = stack.emulator().admin();
		List<String> writes = new ArrayList<>();
		for (EmulatorAdmin.Request request : admin.requests(null, "/crm/")) {
			boolean read = request.method().equals("GET") || request.path().endsWith("/batch/read")
					|| request.path().endsWith("/search");
			if (!read && "app:4242".equals(request.caller())) {
				writes.add(request.method() + " " + request.path());
			}
		}
		return new Snapshot(writes.size(), text("SELECT max(updated_at)::text FROM leads"),
				count("SELECT count(*) FROM leads"), count("SELECT count(*) FROM hubsync.sync_log WHERE outcome IN"
						+ " ('applied', 'created', 're-created')"));
	}

	private record Snapshot(int hubspotWrites, String newestRowChange, long rows, long appliedDecisions) {
	}

	private static Result ops(String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of("--bootstrap-servers", stack.kafka().bootstrapServers(), "--jdbc-url",
				stack.platform().jdbcUrl(), "--db-user", stack.platform().user(), "--worker-url",
				"http://localhost:" + workerPort));
		// secrets are never options: the environment (here, the JVM's system properties)
		System.setProperty("hubsync.ops.db-password", stack.platform().password());
		System.setProperty("hubsync.ops.api-key", "dev-admin-key");
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		var commandLine = HubSyncOps.commandLine();
		commandLine.setOut(new PrintWriter(out, true));
		commandLine.setErr(new PrintWriter(err, true));
		int exit = commandLine.execute(all.toArray(String[]::new));
		return new Result(exit, out.toString(), err.toString());
	}

	private record Result(int exit, String out, String err) {

		String text() {
			return this.out + this.err;
		}

	}

	private static long contactsWithEmail(String email) {
		try (var all = user.objects().listAll("contacts", ReadOptions.properties(List.of("email")))) {
			return all.filter((contact) -> email.equalsIgnoreCase(contact.property("email"))).count();
		}
	}

	private static boolean linked(String key) throws SQLException {
		return count(
				"SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = '" + key + "'") == 1;
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = stack.platform().connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String insert(String sql) throws SQLException {
		return text(sql);
	}

	private static String text(String sql) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static long count(String sql) throws SQLException {
		return Long.parseLong(text(sql));
	}

}
