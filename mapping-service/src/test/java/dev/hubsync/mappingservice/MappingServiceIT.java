package dev.hubsync.mappingservice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.infra.junit.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mapping service on a real PostgreSQL (demo database), a real Kafka broker and the
 * HubSpot emulator: seeding, versioned saves on the compacted topic, refusals with their
 * problems, validation against the emulator's live properties, property creation.
 */
@EmbeddedInfra
class MappingServiceIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String KEY = "it-admin-key";

	private static final RecordCodec<MappingConfig> CODEC = new RecordCodec<>(MappingConfig.class);

	private static HubSpotEmulator emulator;

	private static DemoDatabase database;

	private static ConfigurableApplicationContext service;

	private static URI base;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws SQLException {
		emulator = HubSpotEmulator.start(Map.of("logging.level.root", "WARN"));
		database = SharedInfra.newDemoDatabase();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE prospects (id uuid PRIMARY KEY, first_name text, company_name text,"
					+ " mobile_phone text, favourite_colour text, head_count integer)");
		}
		service = new SpringApplicationBuilder(MappingServiceApplication.class)
			.properties(Map.of("spring.config.name", MappingServiceApplication.CONFIG_NAME))
			.run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
					"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
					"--spring.datasource.password=" + database.password(),
					"--spring.kafka.bootstrap-servers=" + SharedInfra.kafka().bootstrapServers(),
					"--hubsync.hubspot.base-url=" + emulator.baseUrl(), "--hubsync.admin.api-key=" + KEY,
					"--hubsync.admin.allow-weak-keys=true", "--hubsync.mapping.republish-interval=500ms",
					"--logging.level.org.apache.kafka=WARN");
		int port = ((WebServerApplicationContext) service).getWebServer().getPort();
		base = URI.create("http://localhost:" + port);
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void seedsTheDemoMappingAndPublishesEachObjectTypeWhole() throws Exception {
		JsonNode list = json(send("GET", "/api/mappings", null, KEY));
		assertThat(list).extracting((node) -> node.get("objectTypeId").asString())
			.containsExactlyInAnyOrder(ObjectTypes.CONTACTS, ObjectTypes.COMPANIES, ObjectTypes.DEALS,
					ObjectTypes.TASKS, ObjectTypes.NOTES, ObjectTypes.TICKETS);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Map<String, MappingConfig> published = publishedLatest();
			assertThat(published).containsKeys(ObjectTypes.CONTACTS, ObjectTypes.COMPANIES, ObjectTypes.DEALS);
			assertThat(published.get(ObjectTypes.DEALS).constants()).containsEntry("pipeline", "default");
			assertThat(published.get(ObjectTypes.CONTACTS).fields()).hasSize(6);
		});
		assertThat(json(send("GET", "/api/mappings", null, KEY)))
			.allSatisfy((summary) -> assertThat(summary.get("publishedAt").isNull()).isFalse());
	}

	@Test
	void aSavedVersionAppearsOnTheCompactedTopicAndVersionsOnlyMoveForward() throws Exception {
		ObjectNode contacts = (ObjectNode) json(send("GET", "/api/mappings/contacts", null, KEY));
		long before = contacts.get("version").asLong();
		((ObjectNode) contacts.get("fields").get(1)).put("rule", "HUBSPOT_WINS");
		HttpResponse<String> saved = send("PUT", "/api/mappings/contacts", contacts, KEY,
				Map.of("If-Match", "\"" + before + "\""));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
		long version = json(saved).get("version").asLong();
		assertThat(version).isEqualTo(before + 1);
		assertThat(saved.headers().firstValue("ETag")).contains("\"" + version + "\"");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			MappingConfig published = publishedLatest().get(ObjectTypes.CONTACTS);
			assertThat(published.version()).isGreaterThanOrEqualTo(version);
		});
		MappingConfig onTopic = publishedVersion(ObjectTypes.CONTACTS, version).orElseThrow();
		assertThat(onTopic.fields().get(1).rule()).isEqualTo(ConflictRule.HUBSPOT_WINS);
		assertThat(onTopic.updatedBy()).as("the key's name").isEqualTo("admin");
		JsonNode versions = json(send("GET", "/api/mappings/0-1/versions", null, KEY));
		assertThat(versions.get(0).get("version").asLong()).isEqualTo(version);
		assertThat(json(send("GET", "/api/mappings/contacts/versions/" + before, null, KEY)).get("version").asLong())
			.isEqualTo(before);
	}

	@Test
	void anEditOfAnOlderVersionIsRefused() throws Exception {
		ObjectNode companies = (ObjectNode) json(send("GET", "/api/mappings/companies", null, KEY));
		long latest = companies.get("version").asLong();
		HttpResponse<String> stale = send("PUT", "/api/mappings/companies", companies, KEY,
				Map.of("If-Match", "\"" + (latest - 1) + "\""));
		assertThat(stale.statusCode()).isEqualTo(409);
		assertThat(json(stale).get("message").asString()).contains("is at version " + latest);
	}

	@Test
	void anInvalidMappingIsRefusedWithAllItsProblemsAndNothingIsSavedOrPublished() throws Exception {
		ObjectNode contacts = (ObjectNode) json(send("GET", "/api/mappings/contacts", null, KEY));
		long latest = contacts.get("version").asLong();
		ArrayNode fields = (ArrayNode) contacts.get("fields");
		fields.addObject().put("column", "first_name").put("property", "favourite_colour");
		((ObjectNode) fields.get(2)).putObject("transform").put("type", "number");
		((ObjectNode) fields.get(4).get("transform").get("values")).put("vip", "kingmaker");
		HttpResponse<String> refused = send("PUT", "/api/mappings/contacts", contacts, KEY);
		assertThat(refused.statusCode()).isEqualTo(400);
		JsonNode body = json(refused);
		assertThat(body.get("error").asString()).isEqualTo("invalid_mapping");
		List<String> problems = new ArrayList<>();
		body.get("problems").forEach((problem) -> problems.add(problem.get("message").asString()));
		assertThat(problems)
			.contains("column first_name is mapped twice",
					"HubSpot has no property favourite_colour on this object type (create it, or ask the service to)",
					"transform number does not fit column last_name (text) and property lastname (string)")
			.anySatisfy((message) -> assertThat(message).startsWith("HubSpot has no options [kingmaker]"));
		assertThat(json(send("GET", "/api/mappings/contacts", null, KEY)).get("version").asLong()).isEqualTo(latest);
		assertThat(publishedVersion(ObjectTypes.CONTACTS, latest + 1)).isEmpty();
	}

	@Test
	void unreadableBodiesAndUnknownObjectTypesAreClearErrors() throws Exception {
		HttpResponse<String> unreadable = send("PUT", "/api/mappings/contacts", "not json", KEY);
		assertThat(unreadable.statusCode()).isEqualTo(400);
		assertThat(json(unreadable).get("error").asString()).isEqualTo("unreadable_body");
		HttpResponse<String> missing = send("PUT", "/api/mappings/contacts",
				JSON.readTree("{\"keyColumn\":\"id\",\"fields\":[]}"), KEY);
		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(json(missing).toString()).contains("platformTable");
		HttpResponse<String> unknown = send("GET", "/api/mappings/widgets", null, KEY);
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(json(unknown).get("message").asString()).isEqualTo("'widgets' is not an object type");
	}

	@Test
	void validationAgainstTheEmulatorsLivePropertiesWarnsAboutUnmappedOptions() throws Exception {
		JsonNode contacts = json(send("GET", "/api/mappings/contacts", null, KEY));
		JsonNode validation = json(send("POST", "/api/mappings/contacts/validate", contacts, KEY));
		assertThat(validation.get("valid").asBoolean()).isTrue();
		assertThat(validation.get("problems").toString())
			.contains("HubSpot options [evangelist, opportunity, other, subscriber] map to no platform value");
		// the product's columns, as the database describes them: companies.name is NOT
		// NULL, and HubSpot allows a company without a name
		JsonNode companies = json(send("GET", "/api/mappings/companies", null, KEY));
		JsonNode companyValidation = json(send("POST", "/api/mappings/companies/validate", companies, KEY));
		assertThat(companyValidation.get("valid").asBoolean()).isTrue();
		assertThat(companyValidation.get("problems").toString())
			.contains("column name is NOT NULL, and HubSpot records may leave name empty");
	}

	@Test
	void stageAndOwnerFieldsAreValidatedAgainstTheEmulatorsPipelinesAndOwnerProperty() throws Exception {
		ObjectNode deals = (ObjectNode) json(send("GET", "/api/mappings/deals", null, KEY));
		assertThat(deals.get("fields").toString()).contains("\"owner_id\"").contains("\"owner\"");
		for (JsonNode field : deals.get("fields")) {
			if (field.get("column").asString().equals("stage")) {
				ObjectNode transform = ((ObjectNode) field).putObject("transform");
				transform.put("type", "stage");
				transform.putObject("options").put("pipeline", "Sales Pipeline");
				transform.putObject("values").put("won", "Closed Won").put("lost", "Closed Lost").put("later", "Later");
			}
		}
		JsonNode validation = json(send("POST", "/api/mappings/deals/validate", deals, KEY));
		assertThat(validation.get("valid").asBoolean()).isFalse();
		assertThat(validation.get("problems").toString()).contains("pipeline 'Sales Pipeline' has no stages [Later]")
			.contains("map to no product status")
			.doesNotContain("owner_id");
		for (JsonNode field : deals.get("fields")) {
			if (field.get("column").asString().equals("stage")) {
				((ObjectNode) field.get("transform").get("options")).put("pipeline", "No such pipeline");
			}
		}
		assertThat(json(send("POST", "/api/mappings/deals/validate", deals, KEY)).get("problems").toString())
			.contains("HubSpot has no pipeline 'No such pipeline' for this object type (pipelines: [Sales Pipeline])");
	}

	@Test
	void theAdminApiNeedsTheKeyAndTheOpenApiDocumentDescribesIt() throws Exception {
		assertThat(send("GET", "/api/mappings", null, null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/api/mappings", null, "wrong").statusCode()).isEqualTo(401);
		HttpResponse<String> bearer = this.http.send(
				HttpRequest.newBuilder(base.resolve("/api/mappings")).header("Authorization", "Bearer " + KEY).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(bearer.statusCode()).isEqualTo(200);
		HttpResponse<String> docs = send("GET", "/v3/api-docs", null, null);
		assertThat(docs.statusCode()).isEqualTo(200);
		assertThat(json(docs).get("paths").has("/api/mappings/{objectType}")).isTrue();
		assertThat(docs.body()).contains("X-HubSync-Api-Key");
	}

	@Test
	void createsTheSyncPropertiesOnceWithUniqueRecordIds() throws Exception {
		JsonNode first = json(send("POST", "/api/hubspot/properties", null, KEY));
		JsonNode again = json(send("POST", "/api/hubspot/properties", null, KEY));
		List<String> created = new ArrayList<>();
		first.get("created").forEach((name) -> created.add(name.asString()));
		if (!created.isEmpty()) {
			assertThat(created).contains("contacts/hubsync_record_id", "companies/hubsync_source_system",
					"deals/hubsync_record_id");
		}
		assertThat(again.get("created")).isEmpty();
		JsonNode property = emulator.admin()
			.call("GET", "/crm/v3/properties/contacts/hubsync_record_id", null, HubSpotEmulator.USER_TOKEN);
		assertThat(property.get("hasUniqueValue").asBoolean()).isTrue();
		assertThat(property.get("groupName").asString()).isEqualTo("hubsync");
	}

	@Test
	void suggestsMappingsForANewTableByNameWithTransforms() throws Exception {
		JsonNode suggestions = json(send("GET", "/api/mappings/contacts/suggestions?table=prospects", null, KEY));
		Map<String, JsonNode> byColumn = new HashMap<>();
		suggestions.forEach((suggestion) -> byColumn.put(suggestion.get("column").asString(), suggestion));
		assertThat(byColumn.get("first_name").get("property").asString()).isEqualTo("firstname");
		assertThat(byColumn.get("company_name").get("property").asString()).isEqualTo("company");
		assertThat(byColumn.get("mobile_phone").get("property").asString()).isEqualTo("mobilephone");
		assertThat(byColumn.get("mobile_phone").get("transform").get("type").asString()).isEqualTo("phone");
		assertThat(byColumn).doesNotContainKey("favourite_colour");
		JsonNode leads = json(send("GET", "/api/mappings/contacts/suggestions", null, KEY));
		assertThat(leads).as("every lead column is mapped already").isEmpty();
		HttpResponse<String> noTable = send("GET", "/api/mappings/contacts/suggestions?table=nope", null, KEY);
		assertThat(noTable.statusCode()).isEqualTo(400);
	}

	@Test
	void aCustomObjectIsMappedByItsQualifiedNameAndValidatedLikeAnyOther() throws Exception {
		JsonNode schema = emulator.admin()
			.call("POST", "/crm/v3/schemas",
					Map.of("name", "boats", "labels", Map.of("singular", "Boat", "plural", "Boats"), "properties",
							List.of(Map.of("name", "hull", "label", "Hull", "type", "string"))),
					HubSpotEmulator.USER_TOKEN);
		String type = schema.get("objectTypeId").asString();
		try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE boats (id uuid PRIMARY KEY, hull text, sail text)");
		}
		String qualified = schema.get("fullyQualifiedName").asString();
		HttpResponse<String> refused = send("PUT", "/api/mappings/" + qualified,
				"{\"platformTable\":\"boats\",\"keyColumn\":\"id\",\"fields\":[{\"column\":\"sail\","
						+ "\"property\":\"sail\",\"rule\":\"HUBSPOT_WINS\"}]}",
				KEY);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("sail");
		HttpResponse<String> saved = send("PUT", "/api/mappings/" + qualified,
				"{\"platformTable\":\"boats\",\"keyColumn\":\"id\",\"fields\":[{\"column\":\"hull\","
						+ "\"property\":\"hull\",\"rule\":\"HUBSPOT_WINS\"}]}",
				KEY);
		assertThat(saved.statusCode()).as(saved.body()).isIn(200, 202);
		assertThat(json(send("GET", "/api/mappings/boats", null, KEY)).get("objectTypeId").asString()).isEqualTo(type);
		assertThat(json(send("GET", "/api/mappings/" + type + "/suggestions", null, KEY)).toString())
			.as("sail has no HubSpot property to pair with")
			.doesNotContain("\"hull\"");
	}

	@Test
	void reloadAppliesTheFileOnlyWhereItDiffers() throws Exception {
		send("POST", "/api/mappings/reload", null, KEY);
		JsonNode second = json(send("POST", "/api/mappings/reload", null, KEY));
		assertThat(second).hasSize(6).allSatisfy((outcome) -> assertThat(outcome.get("changed").asBoolean()).isFalse());
	}

	private Map<String, MappingConfig> publishedLatest() {
		Map<String, MappingConfig> latest = new HashMap<>();
		for (MappingConfig config : published()) {
			latest.merge(config.objectTypeId(), config, (a, b) -> (a.version() >= b.version()) ? a : b);
		}
		return latest;
	}

	private Optional<MappingConfig> publishedVersion(String objectTypeId, long version) {
		return published().stream()
			.filter((config) -> config.objectTypeId().equals(objectTypeId) && config.version() == version)
			.findFirst();
	}

	private List<MappingConfig> published() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<MappingConfig> configs = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.MAPPING_CONFIG));
			int emptyPolls = 0;
			while (emptyPolls < 2) {
				var records = consumer.poll(Duration.ofMillis(500));
				if (records.isEmpty() && !consumer.assignment().isEmpty()) {
					emptyPolls++;
				}
				for (ConsumerRecord<String, byte[]> record : records) {
					MappingConfig mapping = CODEC.decode(record.value());
					assertThat(record.key()).isEqualTo(mapping.objectTypeId());
					configs.add(mapping);
				}
			}
		}
		return configs;
	}

	private HttpResponse<String> send(String method, String path, Object body, String key) throws Exception {
		return send(method, path, body, key, Map.of());
	}

	private HttpResponse<String> send(String method, String path, Object body, String key, Map<String, String> headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
		String text = (body == null) ? null : (body instanceof String string) ? string : JSON.writeValueAsString(body);
		request.method(method,
				(text != null) ? HttpRequest.BodyPublishers.ofString(text) : HttpRequest.BodyPublishers.noBody());
		if (text != null) {
			request.header("Content-Type", "application/json");
		}
		if (key != null) {
			request.header("X-HubSync-Api-Key", key);
		}
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
