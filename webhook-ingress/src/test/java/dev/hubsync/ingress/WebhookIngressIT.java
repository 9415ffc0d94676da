package dev.hubsync.ingress;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.serde.HubSpotEventCodec;
import dev.hubsync.hubspot.signature.WebhookSignatures;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.ingress.support.TopicReader;
import dev.hubsync.ingress.support.WebhookClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=webhook-ingress", "hubsync.ingress.client-secrets=current-secret,old-secret",
				"hubsync.ingress.public-base-url=https://hooks.example.com", "hubsync.ingress.max-body-size=64KB" })
class WebhookIngressIT {

	private static final String SIGNED = "https://hooks.example.com/webhooks/hubspot";

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private WebhookClient hubspot;

	private TopicReader topics;

	private long portal;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> SharedInfra.kafka().bootstrapServers());
	}

	@BeforeEach
	void setUp() {
		this.hubspot = new WebhookClient("http://127.0.0.1:" + this.port + "/webhooks/hubspot", SIGNED,
				"current-secret");
		this.topics = new TopicReader(SharedInfra.kafka().bootstrapServers());
		this.portal = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
	}

	@Test
	void signedBatchLandsOnTheTopicKeyedByRecordAndKeptWhole() {
		String first = event(1, "contact.propertyChange", 512,
				",\"propertyName\":\"email\",\"propertyValue\":\"a@b.c\"");
		String second = event(2, "deal.creation", 77, "");
		HttpResponse<String> response = this.hubspot.postSigned("[" + first + ", " + second + "]");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"events\":2");
		List<ConsumerRecord<String, byte[]>> records = this.topics.await(Topics.HUBSPOT_EVENTS, this::ours, 2);
		assertThat(records).extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder(this.portal + ":0-1:512", this.portal + ":0-3:77");
		ConsumerRecord<String, byte[]> contact = records.stream()
			.filter((r) -> r.key().endsWith(":512"))
			.findFirst()
			.orElseThrow();
		HubSpotEvent event = new HubSpotEventCodec().decode(contact.value());
		assertThat(event.event().raw()).isEqualTo(first);
		assertThat(event.source().wireValue()).isEqualTo("webhook");
		assertThat(TopicReader.header(contact, EventHeaders.SIGNATURE_VERSION)).isEqualTo("v3");
		assertThat(TopicReader.header(contact, EventHeaders.CORRELATION_ID)).isNotBlank();
	}

	@Test
	void anOldSecretStillWorksDuringARotation() {
		WebhookClient old = new WebhookClient(this.hubspot.localUrl(), SIGNED, "old-secret");
		assertThat(old.postSigned("[" + event(3, "contact.creation", 1, "") + "]").statusCode()).isEqualTo(200);
	}

	@Test
	void everyBadRequestGetsItsStatusAndLeavesTheTopicsUntouched() {
		long events = this.topics.endOffsets(Topics.HUBSPOT_EVENTS);
		long deadLetters = this.topics.endOffsets(Topics.HUBSPOT_EVENTS_DLT);
		byte[] body = ("[" + event(4, "contact.creation", 2, "") + "]").getBytes(StandardCharsets.UTF_8);
		long now = System.currentTimeMillis();
		assertThat(status(request(body).header("Content-Type", "application/json"))).as("unsigned").isEqualTo(401);
		assertThat(status(request(body).header("Content-Type", "application/json")
			.header(WebhookSignatures.V3_HEADER, WebhookSignatures.v3("wrong", "POST", SIGNED, body, "" + now))
			.header(WebhookSignatures.TIMESTAMP_HEADER, "" + now))).as("wrong secret").isEqualTo(401);
		assertThat(this.hubspot.postSigned(body, now - 301_000).statusCode()).as("stale").isEqualTo(401);
		assertThat(this.hubspot.postSigned(body, now + 120_000).statusCode()).as("future").isEqualTo(401);
		WebhookClient otherUrl = new WebhookClient(this.hubspot.localUrl(), "https://evil.example.com/webhooks/hubspot",
				"current-secret");
		assertThat(otherUrl.postSigned(body, now).statusCode()).as("signed for another URL").isEqualTo(401);
		assertThat(status(request(body).header("Content-Type", "text/plain")
			.header(WebhookSignatures.V3_HEADER, WebhookSignatures.v3("current-secret", "POST", SIGNED, body, "" + now))
			.header(WebhookSignatures.TIMESTAMP_HEADER, "" + now))).as("content type").isEqualTo(415);
		assertThat(this.hubspot.postSigned(new byte[65 * 1024], now).statusCode()).as("too large").isEqualTo(413);
		assertThat(this.hubspot.postSigned("{\"not\":\"an array\"}").statusCode()).as("object").isEqualTo(400);
		assertThat(this.hubspot.postSigned("[{\"eventId\":1,").statusCode()).as("truncated").isEqualTo(400);
		assertThat(status(request(body).header("Content-Type", "application/json")
			.header(WebhookSignatures.SIGNATURE_HEADER, WebhookSignatures.v1("current-secret", body))
			.header(WebhookSignatures.VERSION_HEADER, "v1"))).as("v1 not enabled").isEqualTo(401);
		assertThat(this.topics.endOffsets(Topics.HUBSPOT_EVENTS)).isEqualTo(events);
		assertThat(this.topics.endOffsets(Topics.HUBSPOT_EVENTS_DLT)).isEqualTo(deadLetters);
	}

	@Test
	void aMalformedEventIsDeadLetteredWhileItsNeighboursLand() {
		String good = event(5, "company.creation", 9, "");
		String noObjectId = "{\"eventId\":6,\"portalId\":" + this.portal
				+ ",\"occurredAt\":1,\"subscriptionType\":\"contact.creation\",\"mark\":\"" + this.portal + "\"}";
		HttpResponse<String> response = this.hubspot.postSigned("[" + good + "," + noObjectId + ",42]");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"events\":1").contains("\"deadLettered\":2");
		assertThat(this.topics.await(Topics.HUBSPOT_EVENTS, this::ours, 1)).singleElement()
			.satisfies((r) -> assertThat(r.key()).isEqualTo(this.portal + ":0-2:9"));
		List<ConsumerRecord<String, byte[]>> dead = this.topics.await(Topics.HUBSPOT_EVENTS_DLT,
				(r) -> new String(r.value(), StandardCharsets.UTF_8).contains("\"mark\":\"" + this.portal + "\""), 1);
		assertThat(TopicReader.header(dead.get(0), EventHeaders.DLT_REASON))
			.isEqualTo("missing required field 'objectId'");
		assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(noObjectId);
		assertThat(TopicReader.header(dead.get(0), EventHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Topics.HUBSPOT_EVENTS);
	}

	@Test
	void anEmptyArrayIsAccepted() {
		HttpResponse<String> response = this.hubspot.postSigned("[]");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"events\":0");
	}

	@Test
	void signedRandomBodiesNeverGetA5xx() {
		Random random = new Random(20261122);
		String[] fragments = { "[", "]", "{", "}", ",", ":", "\"portalId\"", "\"objectId\"", "\"subscriptionType\"",
				"\"contact.creation\"", "1", "-2", "1e400", "null", "true", "\"\\u0000\"", "\"ö\"", " ", "\"eventId\"",
				"\"occurredAt\"", "[[[[", "9999999999999999999999" };
		for (int i = 0; i < 300; i++) {
			byte[] body;
			if (i % 3 == 0) {
				body = new byte[random.nextInt(200)];
				random.nextBytes(body);
			}
			else {
				StringBuilder text = new StringBuilder();
				for (int j = random.nextInt(30); j >= 0; j--) {
					text.append(fragments[random.nextInt(fragments.length)]);
				}
				body = text.toString().getBytes(StandardCharsets.UTF_8);
			}
			int status = this.hubspot.postSigned(body, System.currentTimeMillis()).statusCode();
			assertThat(status).as("body %s", new String(body, StandardCharsets.UTF_8)).isLessThan(500);
		}
	}

	@Test
	void exposesReadinessAndPrometheusMetricsOnTheManagementPortOnly() {
		this.hubspot.postSigned("[]");
		HttpResponse<String> readiness = this.hubspot.send(HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/health/readiness"))
			.GET());
		assertThat(readiness.statusCode()).isEqualTo(200);
		assertThat(readiness.body()).contains("UP").as("details only to an authorised caller").doesNotContain("kafka");
		HttpResponse<String> metrics = this.hubspot
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus"))
				.GET());
		assertThat(metrics.body()).contains("hubsync_ingress_requests_total{").contains("outcome=\"accepted\"");
		// the internet-facing port serves the webhook, not the actuator
		for (String path : List.of("/actuator/prometheus", "/actuator/health")) {
			assertThat(
					this.hubspot.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).GET())
						.statusCode())
				.as(path)
				.isEqualTo(404);
		}
	}

	private boolean ours(ConsumerRecord<String, byte[]> record) {
		return record.key() != null && record.key().startsWith(this.portal + ":");
	}

	private String event(long eventId, String type, long objectId, String extra) {
		return "{\"eventId\":" + eventId + ",\"subscriptionId\":1,\"portalId\":" + this.portal
				+ ",\"appId\":4242,\"occurredAt\":1700000000000,\"subscriptionType\":\"" + type
				+ "\",\"attemptNumber\":0,\"objectId\":" + objectId + extra + "}";
	}

	private HttpRequest.Builder request(byte[] body) {
		return HttpRequest.newBuilder(URI.create(this.hubspot.localUrl()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
	}

	private int status(HttpRequest.Builder request) {
		return this.hubspot.send(request).statusCode();
	}

}
