package dev.hubsync.publisher;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.capture.EngineState;
import dev.hubsync.publisher.support.Publishers;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The publisher against a Kafka that requires SASL/SCRAM (issue #21): a real broker with
 * a SCRAM listener beside its plain one (which only sets up the user), and a publisher
 * given only the SCRAM listener through Spring Kafka's settings. Its producer, its topic
 * creation and Debezium's offset store (a Kafka topic) all authenticate, or a change
 * could not be captured and published; with a wrong password nothing is published and the
 * capture's health is down, naming the refusal.
 */
class KafkaSaslCaptureIT {

	private static final String USER = "outbound-publisher";

	private static final String PASSWORD = "publisher-secret";

	private static KafkaBroker broker;

	private static String sasl;

	@BeforeAll
	static void start() throws Exception {
		broker = KafkaBroker.builder().scram().start();
		sasl = broker.scramBootstrapServers();
		broker.addScramUser(USER, PASSWORD);
	}

	@AfterAll
	static void stop() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void aChangeIsCapturedAndPublishedOverScram() throws SQLException {
		DemoDatabase demo = SharedInfra.newDemoDatabase();
		try (ConfigurableApplicationContext publisher = Publishers
			.start(Publishers.arguments(sasl, demo, SharedInfra.uniqueName("sasl_slot"), saslArguments(PASSWORD)))) {
			CaptureService capture = publisher.getBean(CaptureService.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> capture.state() == EngineState.RUNNING);
			String lead = insertLead(demo, "sasl@example.com");
			List<LocalChange> changes = awaitChanges(PublisherIT.key("leads", lead), Duration.ofSeconds(60));
			assertThat(changes).hasSize(1);
			assertThat(changes.get(0).op()).isEqualTo(ChangeOp.CREATE);
			assertThat(changes.get(0).after().get("email")).isEqualTo("sasl@example.com");
			assertThat(health(publisher).getStatus()).isEqualTo(Status.UP);
		}
		// the offset store's admin client is closed with the engine (Debezium's own is
		// not)
		await().atMost(Duration.ofSeconds(30)).until(() -> offsetAdminThreads().isEmpty());
	}

	/**
	 * A wrong password: Kafka refuses the publisher's clients, the offset store first;
	 * the capture's health is down naming the refusal, and nothing is published.
	 */
	@Test
	void aWrongPasswordPublishesNothingAndTheCaptureIsDown() throws SQLException {
		DemoDatabase demo = SharedInfra.newDemoDatabase();
		try (ConfigurableApplicationContext publisher = Publishers
			.start(Publishers.arguments(sasl, demo, SharedInfra.uniqueName("sasl_slot"), saslArguments("guessed")))) {
			CaptureService capture = publisher.getBean(CaptureService.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> health(publisher).getStatus() == Status.DOWN);
			assertThat(health(publisher).getDetails()).hasEntrySatisfying("lastFailure",
					(failure) -> assertThat(failure.toString()).contains("SaslAuthenticationException")
						.contains("invalid credentials with SASL mechanism SCRAM-SHA-512"));
			assertThat(capture.lastFailure()).isPresent();
			String lead = insertLead(demo, "refused@example.com");
			assertThat(awaitChanges(PublisherIT.key("leads", lead), Duration.ofSeconds(10))).isEmpty();
			assertThat(capture.state()).isNotEqualTo(EngineState.RUNNING);
			assertThat(health(publisher).getStatus()).isEqualTo(Status.DOWN);
		}
	}

	private static String[] saslArguments(String password) {
		return new String[] { "--spring.kafka.security.protocol=SASL_PLAINTEXT",
				"--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
				"--spring.kafka.properties.sasl.jaas.config=" + jaas(password) };
	}

	private static String jaas(String password) {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER + "\" password=\""
				+ password + "\";";
	}

	private static List<String> offsetAdminThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.contains("hubsync-publisher-offsets-admin"))
			.toList();
	}

	private static Health health(ConfigurableApplicationContext publisher) {
		Health health = publisher.getBean("capture", HealthIndicator.class).health();
		assertThat(health).isNotNull();
		return health;
	}

	private static String insertLead(DemoDatabase demo, String email) throws SQLException {
		try (Connection connection = demo.connect()) {
			return PublisherIT.insert(connection,
					"INSERT INTO leads (email, first_name) VALUES ('" + email + "', 'Sasl') RETURNING id");
		}
	}

	/**
	 * The changes of a key read over SASL within a bounded wait; empty if none arrived.
	 */
	private static List<LocalChange> awaitChanges(Predicate<LocalChange> filter, Duration within) {
		try (KafkaConsumer<String, byte[]> consumer = Publishers.consumer(sasl, Map.of("security.protocol",
				"SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", jaas(PASSWORD)))) {
			return Publishers.changesWithin(consumer, filter, within);
		}
	}

}
