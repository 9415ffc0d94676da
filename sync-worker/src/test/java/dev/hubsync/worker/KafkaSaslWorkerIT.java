package dev.hubsync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.Topics;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.Workers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * The worker against a Kafka that requires SASL/SCRAM (issue #21): a real broker with a
 * SCRAM listener beside its plain one, and a worker given only the SCRAM listener through
 * Spring Kafka's settings. The test's own set-up (the user, the demo mappings, the event)
 * goes through the plain listener; the worker's clients (its listeners, the mapping
 * follower, topic creation) must authenticate, or the contact would not become a lead.
 */
class KafkaSaslWorkerIT {

	private static final String USER = "sync-worker";

	private static final String PASSWORD = "worker-secret";

	private static final RecordCodec<SyncResult> RESULTS = new RecordCodec<>(SyncResult.class);

	private static KafkaBroker broker;

	private static String sasl;

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static DemoDatabase database;

	@BeforeAll
	static void start() throws Exception {
		broker = KafkaBroker.builder().scram().start();
		sasl = broker.scramBootstrapServers();
		broker.addScramUser(USER, PASSWORD);
		Workers.publishDemoMappings(broker.bootstrapServers());
		emulator = HubSpotEmulator.start(Map.of("logging.level.root", "WARN", "emulator.rate-limit.enabled", "false"));
		user = HubSpotClient.builder()
			.baseUrl(emulator.baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.build();
		Workers.ensureOwnProperties(user);
		database = SharedInfra.newDemoDatabase();
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
	void aContactCreationIsConsumedOverScram() throws Exception {
		try (ConfigurableApplicationContext worker = Workers.start(database, emulator.baseUrl(),
				"--spring.kafka.bootstrap-servers=" + sasl, "--spring.kafka.security.protocol=SASL_PLAINTEXT",
				"--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
				"--spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
						+ " required username=\"" + USER + "\" password=\"" + PASSWORD + "\";",
				"--hubsync.worker.inbound.linger=100ms", "--hubsync.worker.outbound.enabled=false",
				"--hubsync.admin.api-key=it-key", "--hubsync.admin.allow-weak-keys=true");
				Events events = new Events(broker.bootstrapServers())) {
			HubSpotObject contact = user.objects()
				.create("contacts", Map.of("email", "sasl@example.com", "firstname", "Sasl", "lastname", "Scram"),
						null);
			events
				.send(List.of(Events.event("contact.creation", Long.parseLong(contact.id()), Instant.now(), Map.of())));
			await().atMost(Duration.ofSeconds(60)).until(() -> "Sasl".equals(leadFirstName("sasl@example.com")));
			// and its decision was published over SCRAM
			try (KafkaConsumer<String, byte[]> results = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
							ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
					new StringDeserializer(), new ByteArrayDeserializer())) {
				results.subscribe(List.of(Topics.SYNC_RESULTS));
				List<SyncResult> decisions = new ArrayList<>();
				await().atMost(Duration.ofSeconds(60)).until(() -> {
					results.poll(Duration.ofMillis(200))
						.forEach((record) -> decisions.add(RESULTS.decode(record.value())));
					return decisions.stream()
						.anyMatch((result) -> result.key().toString().endsWith(":0-1:" + contact.id()));
				});
			}
		}
	}

	private static String leadFirstName(String email) throws Exception {
		try (Connection connection = database.connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT first_name FROM public.leads WHERE lower(email) = ?")) {
			statement.setString(1, email);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

}
