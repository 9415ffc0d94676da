package dev.hubsync.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociatedObject;
import dev.hubsync.hubspot.associations.AssociationSpec;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ObjectAssociation;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.poller.ReconciliationPoller;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tasks, notes, tickets and a custom object defined at run time, both ways with their
 * associations, through one worker whose code knows none of them: the demo mapping (and,
 * for the custom object, a mapping published during the test) is all it is told. Product
 * changes reach it as the publisher publishes them, HubSpot's as webhook events; its own
 * broker, since the test publishes a mapping of its own.
 */
@EmbeddedInfra
class MoreObjectTypesIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final AtomicLong LSN = new AtomicLong(1_000_000);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final String ADMIN_KEY = "more-object-types-it";

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static ConfigurableApplicationContext worker;

	private static Events events;

	private static KafkaProducer<String, byte[]> producer;

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onOwnBroker(Workers.demoMappingYaml(), Map.of());
		emulator = fixture.emulator();
		user = fixture.user();
		events = fixture.events();
		Workers.ensureOwnProperties(user, "contacts", "companies", "deals", "tasks", "notes", "tickets");
		worker = fixture.startWorker("--hubsync.worker.inbound.linger=100ms", "--hubsync.worker.outbound.linger=100ms",
				"--hubsync.admin.api-key=" + ADMIN_KEY, "--hubsync.admin.allow-weak-keys=true");
		producer = fixture
			.closing(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers()),
					new StringSerializer(), new ByteArraySerializer()));
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void tasksSyncBothWaysWithTheirContactAndACompletionInHubSpotMarksTheTaskDone() throws Exception {
		String lead = insert("leads", Map.of("email", "task.owner@example.com", "first_name", "Tess"));
		String contact = awaitLinked("0-1", "leads", lead);
		String task = insert("tasks", Map.of("subject", "Call back", "status", "open", "priority", "high", "type",
				"call", "due_at", Instant.parse("2026-10-08T09:00:00Z"), "lead_id", UUID.fromString(lead)));
		String hubspotTask = awaitLinked("0-27", "tasks", task);
		HubSpotObject made = read("tasks", hubspotTask, "hs_task_subject", "hs_task_status", "hs_task_priority",
				"hs_task_type", "hs_timestamp");
		assertThat(made.properties()).containsEntry("hs_task_subject", "Call back")
			.containsEntry("hs_task_status", "NOT_STARTED")
			.containsEntry("hs_task_priority", "HIGH")
			.containsEntry("hs_task_type", "CALL")
			.containsEntry("hs_timestamp", "2026-10-08T09:00:00.000Z");
		await().atMost(WAIT).until(() -> associated("tasks", hubspotTask, "contacts").contains(contact));

		user.objects().update("tasks", hubspotTask, Map.of("hs_task_status", "COMPLETED"));
		events.send(List.of(change("0-27", hubspotTask, "hs_task_status", "COMPLETED")));
		await().atMost(WAIT).until(() -> "done".equals(column("tasks", task, "status")));

		HubSpotObject fromHubSpot = user.objects()
			.create("tasks",
					Map.of("hs_task_subject", "Send the offer", "hs_task_status", "NOT_STARTED", "hs_timestamp",
							"2026-11-01T10:00:00.000Z"),
					List.of(ObjectAssociation.of(contact, AssociationSpec.hubspotDefined(204))));
		events.send(List.of(creation("0-27", fromHubSpot.id())));
		String row = awaitRow("0-27", fromHubSpot.id());
		await().atMost(WAIT).until(() -> lead.equals(column("tasks", row, "lead_id")));
		assertThat(column("tasks", row, "subject")).isEqualTo("Send the offer");
		assertThat(column("tasks", row, "status")).isEqualTo("open");
	}

	@Test
	void notesSyncBothWaysOnTheirContactsTimeline() throws Exception {
		String lead = insert("leads", Map.of("email", "note.owner@example.com", "first_name", "Nora"));
		String contact = awaitLinked("0-1", "leads", lead);
		String note = insert("notes", Map.of("body", "Likes the blue plan", "noted_at",
				Instant.parse("2026-10-01T08:30:00Z"), "lead_id", UUID.fromString(lead)));
		String hubspotNote = awaitLinked("0-46", "notes", note);
		assertThat(read("notes", hubspotNote, "hs_note_body", "hs_timestamp").properties())
			.containsEntry("hs_note_body", "Likes the blue plan")
			.containsEntry("hs_timestamp", "2026-10-01T08:30:00.000Z");
		await().atMost(WAIT).until(() -> associated("notes", hubspotNote, "contacts").contains(contact));

		// an edit whose webhook is lost: the poller finds it by hs_lastmodifieddate
		user.objects().update("notes", hubspotNote, Map.of("hs_note_body", "Likes the green plan"));
		ReconciliationPoller poller = worker.getBean(ReconciliationPoller.class);
		await().atMost(WAIT).until(() -> {
			poller.poll();
			return "Likes the green plan".equals(column("notes", note, "body"));
		});

		HubSpotObject fromHubSpot = user.objects()
			.create("notes", Map.of("hs_note_body", "Asked for a discount", "hs_timestamp", "2026-10-02T12:00:00Z"),
					List.of(ObjectAssociation.of(contact, AssociationSpec.hubspotDefined(202))));
		events.send(List.of(creation("0-46", fromHubSpot.id())));
		String row = awaitRow("0-46", fromHubSpot.id());
		await().atMost(WAIT).until(() -> lead.equals(column("notes", row, "lead_id")));
		assertThat(column("notes", row, "body")).isEqualTo("Asked for a discount");
	}

	@Test
	void aTicketMovedBetweenStagesOnBothSidesConverges() throws Exception {
		List<String> stages = new ArrayList<>();
		get("/crm/pipelines/2026-03/tickets").at("/results/0/stages")
			.forEach((s) -> stages.add(s.get("id").asString()));
		String lead = insert("leads", Map.of("email", "ticket.owner@example.com"));
		String contact = awaitLinked("0-1", "leads", lead);
		// no status: created in the default pipeline's first stage
		String ticket = insert("tickets",
				Map.of("subject", "Cannot log in", "priority", "high", "lead_id", UUID.fromString(lead)));
		String hubspotTicket = awaitLinked("0-5", "tickets", ticket);
		assertThat(read("tickets", hubspotTicket, "subject", "hs_pipeline_stage", "hs_ticket_priority").properties())
			.containsEntry("subject", "Cannot log in")
			.containsEntry("hs_pipeline_stage", stages.get(0))
			.containsEntry("hs_ticket_priority", "HIGH");
		await().atMost(WAIT).until(() -> associated("tickets", hubspotTicket, "contacts").contains(contact));

		update("tickets", ticket, "status", "waiting_on_us");
		await().atMost(WAIT).until(() -> stages.get(2).equals(stageOf(hubspotTicket)));

		user.objects().update("tickets", hubspotTicket, Map.of("hs_pipeline_stage", stages.get(3)));
		events.send(List.of(change("0-5", hubspotTicket, "hs_pipeline_stage", stages.get(3))));
		await().atMost(WAIT).until(() -> "closed".equals(column("tickets", ticket, "status")));

		// both sides move it: HubSpot first, the product later; the later move wins on
		// both
		user.objects().update("tickets", hubspotTicket, Map.of("hs_pipeline_stage", stages.get(0)));
		update("tickets", ticket, "status", "waiting_on_contact");
		events.send(List.of(change("0-5", hubspotTicket, "hs_pipeline_stage", stages.get(0))));
		await().atMost(WAIT)
			.until(() -> stages.get(1).equals(stageOf(hubspotTicket))
					&& "waiting_on_contact".equals(column("tickets", ticket, "status")));
	}

	@Test
	void bulkSyncAndReconcileTakeTheNewTypesLikeAnyOther() throws Exception {
		// made in HubSpot while no webhook reached the worker
		String task = user.objects()
			.create("tasks",
					Map.of("hs_task_subject", "Imported task", "hs_task_status", "WAITING", "hs_timestamp",
							"2026-12-01T09:00:00.000Z"),
					List.of())
			.id();
		String stage = get("/crm/v3/pipelines/tickets").at("/results/0/stages/1/id").asString();
		String ticket = user.objects()
			.create("tickets", Map.of("subject", "Imported ticket", "hs_pipeline_stage", stage), List.of())
			.id();
		HttpResponse<String> bulk = admin("POST", "/api/bulk-sync?objectType=tasks&direction=pull");
		assertThat(bulk.statusCode()).as(bulk.body()).isEqualTo(202);
		assertThat(column("tasks", awaitRow("0-27", task), "status")).isEqualTo("waiting");

		HttpResponse<String> started = admin("POST", "/api/reconcile/tickets?fix=true");
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String run = "/api/reconcile/runs/" + JSON.readTree(started.body()).get("id").asLong();
		await().atMost(WAIT)
			.until(() -> "finished".equals(JSON.readTree(admin("GET", run).body()).get("state").asString()));
		assertThat(JSON.readTree(admin("GET", run).body()).get("drift").toString()).contains("missing-on-platform");
		assertThat(column("tickets", awaitRow("0-5", ticket), "status")).isEqualTo("waiting_on_contact");
	}

	@Test
	void aCustomObjectDefinedAtRunTimeSyncsWithAMappingOnly() throws Exception {
		JsonNode schema = post("/crm-object-schemas/2026-03/schemas",
				"{\"name\":\"cars\",\"labels\":{\"singular\":\"Car\",\"plural\":\"Cars\"},"
						+ "\"primaryDisplayProperty\":\"model\",\"requiredProperties\":[\"model\"],"
						+ "\"properties\":[{\"name\":\"model\",\"label\":\"Model\",\"type\":\"string\"},"
						+ "{\"name\":\"color\",\"label\":\"Color\",\"type\":\"string\"}],"
						+ "\"associatedObjects\":[\"CONTACT\"]}");
		String type = schema.get("objectTypeId").asString();
		int toContact = schema.at("/associations/0/id").asInt();
		Workers.ensureOwnProperties(user, type);
		execute("CREATE TABLE public.cars (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), model text NOT NULL,"
				+ " color text, lead_id uuid, updated_at timestamptz NOT NULL DEFAULT now(), deleted_at timestamptz)");
		Workers.publishMappings(fixture.bootstrapServers(), """
				mappings:
				  - objectTypeId: "%s"
				    platformTable: public.cars
				    keyColumn: id
				    changeTimeColumn: updated_at
				    softDeleteColumn: deleted_at
				    fields:
				      - { column: model, property: model }
				      - { column: color, property: color }
				    associations:
				      - { column: lead_id, toObjectTypeId: contacts, associationTypeId: %d, primary: false }
				""".formatted(type, toContact));
		MappingRegistry mappings = worker.getBean(MappingRegistry.class);
		await().atMost(WAIT).until(() -> mappings.get(type).isPresent());

		String lead = insert("leads", Map.of("email", "car.owner@example.com"));
		String contact = awaitLinked("0-1", "leads", lead);
		String car = insert("cars", Map.of("model", "Model T", "color", "black", "lead_id", UUID.fromString(lead)));
		String hubspotCar = awaitLinked(type, "cars", car);
		assertThat(read(type, hubspotCar, "model", "color").properties()).containsEntry("model", "Model T")
			.containsEntry("color", "black");
		await().atMost(WAIT).until(() -> associated(type, hubspotCar, "contacts").contains(contact));

		user.objects().update(type, hubspotCar, Map.of("color", "green"));
		events.send(List.of(Events.event("object.propertyChange", Long.parseLong(hubspotCar), Instant.now(),
				Map.of("objectTypeId", type, "propertyName", "color", "propertyValue", "green"))));
		await().atMost(WAIT).until(() -> "green".equals(column("cars", car, "color")));

		HubSpotObject fromHubSpot = user.objects().create(type, Map.of("model", "Beetle"), List.of());
		events.send(List.of(creation(type, fromHubSpot.id())));
		String row = awaitRow(type, fromHubSpot.id());
		assertThat(column("cars", row, "model")).isEqualTo("Beetle");
	}

	private static String creation(String type, String id) {
		return Events.event("object.creation", Long.parseLong(id), Instant.now(), Map.of("objectTypeId", type));
	}

	private static String change(String type, String id, String property, String value) {
		String subscription = "0-5".equals(type) ? "ticket.propertyChange" : "object.propertyChange";
		Map<String, String> fields = new LinkedHashMap<>(Map.of("propertyName", property, "propertyValue", value));
		if (!"0-5".equals(type)) {
			fields.put("objectTypeId", type);
		}
		return Events.event(subscription, Long.parseLong(id), Instant.now(), fields);
	}

	private static HubSpotObject read(String type, String id, String... properties) {
		return user.objects().get(type, id, ReadOptions.properties(List.of(properties))).orElseThrow();
	}

	private static @Nullable String stageOf(String ticket) {
		return read("tickets", ticket, "hs_pipeline_stage").property("hs_pipeline_stage");
	}

	private static List<String> associated(String type, String id, String toType) {
		return user.associations().list(type, id, toType).stream().map(AssociatedObject::toObjectId).toList();
	}

	/** Inserts a row and hands its creation to the worker as the publisher would. */
	private static String insert(String table, Map<String, Object> values) throws Exception {
		List<String> columns = new ArrayList<>(values.keySet());
		String sql = "INSERT INTO public." + table + " (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", columns.stream().map((c) -> "?").toList()) + ") RETURNING id";
		String key;
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < columns.size(); i++) {
				Object value = values.get(columns.get(i));
				statement.setObject(i + 1,
						(value instanceof Instant instant) ? java.sql.Timestamp.from(instant) : value);
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				key = result.getString(1);
			}
		}
		send(table, key, ChangeOp.CREATE, null, row(table, key));
		return key;
	}

	/** Updates a column and hands the change to the worker as the publisher would. */
	private static void update(String table, String key, String column, Object value) throws Exception {
		Row before = row(table, key);
		execute("UPDATE public." + table + " SET " + column + " = ? WHERE id = ?::uuid", value, key);
		send(table, key, ChangeOp.UPDATE, before, row(table, key));
	}

	private static void send(String table, String key, ChangeOp op, @Nullable Row before, Row after) throws Exception {
		// as the publisher reports it: the commit time the row's updated_at recorded
		Instant committed = (after.get("updated_at") instanceof Instant at) ? at : Instant.now();
		LocalChange change = new LocalChange(table, key, op, before, after, 1, LSN.incrementAndGet(), committed, false,
				null);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOCAL_CHANGES, change.key().toString(),
				EventSerdes.localChanges().serialize(Topics.LOCAL_CHANGES, change));
		record.headers()
			.add(EventHeaders.CORRELATION_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
			.add(EventHeaders.SOURCE, "cdc".getBytes(StandardCharsets.UTF_8));
		producer.send(record).get();
	}

	/** A row image with the column types the publisher gives: uuids, instants, text. */
	private static Row row(String table, String key) throws SQLException {
		Row.Builder builder = Row.builder();
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT * FROM public." + table + " WHERE id = ?::uuid")) {
			statement.setString(1, key);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				ResultSetMetaData meta = result.getMetaData();
				for (int i = 1; i <= meta.getColumnCount(); i++) {
					String name = meta.getColumnName(i);
					Object value = result.getObject(i);
					switch (meta.getColumnTypeName(i)) {
						case "uuid" -> builder.put(name, ColumnType.UUID, value);
						case "timestamptz" -> builder.put(name, ColumnType.TIMESTAMPTZ,
								(value != null) ? ((java.sql.Timestamp) value).toInstant() : null);
						default -> builder.put(name, ColumnType.TEXT, value);
					}
				}
			}
		}
		return builder.build();
	}

	private static String awaitLinked(String type, String table, String key) {
		String[] id = new String[1];
		await().atMost(WAIT).until(() -> {
			id[0] = query("SELECT hubspot_id::text FROM hubsync.link WHERE object_type_id = ? AND platform_key = ?",
					type, key);
			return id[0] != null;
		});
		return id[0];
	}

	private static String awaitRow(String type, String hubspotId) {
		String[] key = new String[1];
		await().atMost(WAIT).until(() -> {
			key[0] = query("SELECT platform_key FROM hubsync.link WHERE object_type_id = ? AND hubspot_id = ?", type,
					Long.parseLong(hubspotId));
			return key[0] != null;
		});
		return key[0];
	}

	private static @Nullable String column(String table, String key, String column) throws SQLException {
		return query("SELECT " + column + "::text FROM public." + table + " WHERE id = ?::uuid", key);
	}

	private static @Nullable String query(String sql, Object... params) throws SQLException {
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			try (ResultSet result = statement.executeQuery()) {
				return result.next() ? result.getString(1) : null;
			}
		}
	}

	private static void execute(String sql, Object... params) throws SQLException {
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			statement.execute();
		}
	}

	private static HttpResponse<String> admin(String method, String path) throws Exception {
		String port = worker.getEnvironment().getProperty("local.server.port");
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-HubSync-Api-Key", ADMIN_KEY)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode get(String path) throws Exception {
		return http("GET", path, null);
	}

	private static JsonNode post(String path, String body) throws Exception {
		return http("POST", path, body);
	}

	private static JsonNode http(String method, String path, @Nullable String body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
			.header("Authorization", "Bearer " + HubSpotEmulator.USER_TOKEN)
			.header("Content-Type", "application/json")
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
		return JSON.readTree(response.body());
	}

}
