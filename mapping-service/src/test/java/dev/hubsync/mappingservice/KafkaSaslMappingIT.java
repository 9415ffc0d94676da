package dev.hubsync.mappingservice;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.infra.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The mapping service against a Kafka that requires SASL/SCRAM (issue #21): a broker of
 * its own with a SCRAM listener beside its plain one, and a mapping service given only
 * the SCRAM listener through Spring Kafka's settings (as docker-compose gives them). A
 * saved mapping reaches the mapping topic, read back through the plain listener; with a
 * wrong password the save answers 202 with {@code published: false}, the versions stay
 * pending (no {@code publishedAt}) and the log names the authentication failure, and
 * nothing reaches the topic.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaSaslMappingIT {

	private static final String USER = "mapping-service";

	private static final String PASSWORD = "mapping-secret";

	private static final String KEY = "it-admin-key";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final RecordCodec<MappingConfig> CODEC = new RecordCodec<>(MappingConfig.class);

	private static KafkaBroker broker;

	private static HubSpotEmulator emulator;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() {
		broker = KafkaBroker.builder().scram().start();
		broker.addScramUser(USER, PASSWORD);
		emulator = HubSpotEmulator.start(Map.of("logging.level.root", "WARN"));
	}

	@AfterAll
	static void stop() {
		if (emulator != null) {
			emulator.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void aSavedMappingIsPublishedOverScram() throws Exception {
		try (ConfigurableApplicationContext service = service(SharedInfra.newDemoDatabase(), PASSWORD)) {
			URI base = base(service);
			long version = saveContacts(base, 200);
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(published(ObjectTypes.CONTACTS)).contains(version));
			assertThat(contactsSummary(base).get("publishedAt").isNull()).isFalse();
		}
	}

	@Test
	void aWrongPasswordLeavesTheVersionPendingAndSaysWhy(CapturedOutput output) throws Exception {
		int onTopic = published(ObjectTypes.CONTACTS).size();
		DemoDatabase database = SharedInfra.newDemoDatabase();
		try (ConfigurableApplicationContext service = service(database, "not-" + PASSWORD)) {
			URI base = base(service);
			long version = saveContacts(base, 202);
			assertThat(contactsSummary(base).get("publishedAt").isNull()).as("pending").isTrue();
			assertThat((output.getOut() + output.getErr()).lines()
				.filter((line) -> line.contains("Mapping 0-1 version " + version + " is saved but not yet published")))
				.isNotEmpty()
				.allSatisfy((line) -> assertThat(line).contains("(SaslAuthenticationException: Authentication failed"));
			assertThat(published(ObjectTypes.CONTACTS)).as("nothing reached the topic").hasSize(onTopic);
		}
	}

	/** Saves a change of the contacts mapping and returns the new version. */
	private long saveContacts(URI base, int expectedStatus) throws Exception {
		ObjectNode contacts = (ObjectNode) json(send(base, "GET", "/api/mappings/contacts", null));
		long before = contacts.get("version").asLong();
		((ObjectNode) contacts.get("fields").get(1)).put("rule", "HUBSPOT_WINS");
		HttpResponse<String> saved = send(base, "PUT", "/api/mappings/contacts", contacts,
				Map.of("If-Match", "\"" + before + "\""));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(expectedStatus);
		JsonNode result = json(saved);
		assertThat(result.get("published").asBoolean()).isEqualTo(expectedStatus == 200);
		return result.get("version").asLong();
	}

	/** The contacts mapping's entry in the list, with its publishedAt. */
	private JsonNode contactsSummary(URI base) throws Exception {
		for (JsonNode summary : json(send(base, "GET", "/api/mappings", null))) {
			if (ObjectTypes.CONTACTS.equals(summary.get("objectTypeId").asString())) {
				return summary;
			}
		}
		throw new AssertionError("no contacts mapping listed");
	}

	/** The contacts versions on the mapping topic, read through the plain listener. */
	private static List<Long> published(String objectTypeId) throws Exception {
		try (Admin admin = broker.admin()) {
			if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.MAPPING_CONFIG)) {
				return List.of();
			}
		}
		List<Long> versions = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.MAPPING_CONFIG));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (objectTypeId.equals(record.key())) {
						versions.add(CODEC.decode(record.value()).version());
					}
				});
			}
		}
		return versions;
	}

	private static ConfigurableApplicationContext service(DemoDatabase database, String password) {
		return new SpringApplicationBuilder(MappingServiceApplication.class)
			.properties(Map.of("spring.config.name", MappingServiceApplication.CONFIG_NAME))
			.run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
					"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
					"--spring.datasource.password=" + database.password(),
					"--spring.kafka.bootstrap-servers=" + broker.scramBootstrapServers(),
					"--spring.kafka.security.protocol=SASL_PLAINTEXT",
					"--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
					"--spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
							+ " required username=\"" + USER + "\" password=\"" + password + "\";",
					"--hubsync.hubspot.base-url=" + emulator.baseUrl(), "--hubsync.admin.api-key=" + KEY,
					"--hubsync.admin.allow-weak-keys=true", "--hubsync.mapping.publish-timeout=3s",
					"--logging.level.org.apache.kafka=WARN");
	}

	private static URI base(ConfigurableApplicationContext service) {
		return URI.create("http://localhost:" + ((WebServerApplicationContext) service).getWebServer().getPort());
	}

	private HttpResponse<String> send(URI base, String method, String path, Object body) throws Exception {
		return send(base, method, path, body, Map.of());
	}

	private HttpResponse<String> send(URI base, String method, String path, Object body, Map<String, String> headers)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
		String text = (body == null) ? null : JSON.writeValueAsString(body);
		request.method(method,
				(text != null) ? HttpRequest.BodyPublishers.ofString(text) : HttpRequest.BodyPublishers.noBody());
		if (text != null) {
			request.header("Content-Type", "application/json");
		}
		request.header("X-HubSync-Api-Key", KEY);
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

}
