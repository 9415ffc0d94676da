package dev.hubsync.ingress;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.Topics;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.ingress.support.TopicReader;
import dev.hubsync.ingress.support.WebhookClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingress against a Kafka that requires SASL/SCRAM (issue #21): a real broker with a
 * SCRAM listener beside its plain one, and an ingress given only the SCRAM listener
 * through Spring Kafka's settings (as docker-compose gives them). A signed webhook's
 * event reaches the events topic, read back through the plain listener; with a wrong
 * password the ingress is not ready (its Kafka health is down, naming the refusal) and
 * answers 503, so HubSpot retries the delivery, instead of accepting it.
 */
class KafkaSaslIngressIT {

	private static final String USER = "webhook-ingress";

	private static final String PASSWORD = "ingress-secret";

	private static final String SECRET = "sasl-client-secret";

	private static KafkaBroker broker;

	@BeforeAll
	static void start() {
		broker = KafkaBroker.builder().scram().start();
		broker.addScramUser(USER, PASSWORD);
	}

	@AfterAll
	static void stop() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void aSignedWebhooksEventIsPublishedOverScram() {
		try (ConfigurableApplicationContext ingress = ingress(PASSWORD)) {
			long portal = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
			HttpResponse<String> response = hubspot(ingress).postSigned(event(portal, 41));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			assertThat(new TopicReader(broker.bootstrapServers()).await(Topics.HUBSPOT_EVENTS,
					(record) -> (portal + ":0-1:41").equals(record.key()), 1))
				.hasSize(1);
			assertThat(kafkaHealth(ingress).getStatus()).isEqualTo(Status.UP);
		}
	}

	@Test
	void aWrongPasswordIsReportedAndTheDeliveryRefusedForARetry() throws Exception {
		try (ConfigurableApplicationContext ingress = ingress("not-" + PASSWORD)) {
			Health health = kafkaHealth(ingress);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("error", "SaslAuthenticationException");
			long portal = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
			HttpResponse<String> response = hubspot(ingress).postSigned(event(portal, 42));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
			assertThat(eventsOfPortal(portal)).isEmpty();
		}
	}

	private static ConfigurableApplicationContext ingress(String password) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.main.banner-mode=off", "--spring.kafka.bootstrap-servers=" + broker.scramBootstrapServers(),
				"--spring.kafka.security.protocol=SASL_PLAINTEXT",
				"--spring.kafka.properties.sasl.mechanism=SCRAM-SHA-512",
				"--spring.kafka.properties.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule"
						+ " required username=\"" + USER + "\" password=\"" + password + "\";",
				"--hubsync.ingress.client-secrets=" + SECRET, "--hubsync.ingress.public-base-url=http://localhost:8080",
				"--hubsync.ingress.publish-timeout=2s", "--logging.level.org.apache.kafka=WARN"));
		return new SpringApplicationBuilder(WebhookIngressApplication.class)
			.properties("spring.config.name=" + WebhookIngressApplication.CONFIG_NAME)
			.run(args.toArray(String[]::new));
	}

	private static WebhookClient hubspot(ConfigurableApplicationContext ingress) {
		int port = ((WebServerApplicationContext) ingress).getWebServer().getPort();
		return new WebhookClient("http://127.0.0.1:" + port + "/webhooks/hubspot",
				"http://localhost:8080/webhooks/hubspot", SECRET);
	}

	private static Health kafkaHealth(ConfigurableApplicationContext ingress) {
		Health health = ingress.getBean("kafka", HealthIndicator.class).health();
		assertThat(health).isNotNull();
		return health;
	}

	private static List<ConsumerRecord<String, byte[]>> eventsOfPortal(long portal) throws Exception {
		try (Admin admin = broker.admin()) {
			if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.HUBSPOT_EVENTS)) {
				// the ingress could not even create the topic
				return List.of();
			}
		}
		return new TopicReader(broker.bootstrapServers()).all(Topics.HUBSPOT_EVENTS,
				(record) -> record.key().startsWith(portal + ":"));
	}

	private static String event(long portal, long objectId) {
		return "[{\"eventId\":" + objectId + ",\"portalId\":" + portal
				+ ",\"occurredAt\":1700000000000,\"subscriptionType\":\"contact.creation\",\"objectId\":" + objectId
				+ "}]";
	}

}
