package dev.hubsync.ingress;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

import dev.hubsync.events.Topics;
import dev.hubsync.infra.FreePorts;
import dev.hubsync.infra.TempDirectories;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.ingress.support.TopicReader;
import dev.hubsync.ingress.support.WebhookClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the broker down the endpoint answers 503 within the bound, so HubSpot retries;
 * once the broker is back, the retried delivery lands.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=webhook-ingress", "hubsync.ingress.client-secrets=outage-secret",
				"hubsync.ingress.public-base-url=http://localhost:8080", "hubsync.ingress.publish-timeout=1500ms" })
class KafkaOutageIT {

	static final Path DATA = TempDirectories.create("ingress-outage");

	static final KafkaBroker broker = KafkaBroker.builder()
		.port(FreePorts.find())
		.controllerPort(FreePorts.find())
		.dataDirectory(DATA)
		.start();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
		TempDirectories.delete(DATA);
	}

	@Test
	void answers503WhileKafkaIsDownAndTheRetriedDeliveryLandsAfterwards() {
		WebhookClient hubspot = new WebhookClient("http://127.0.0.1:" + this.port + "/webhooks/hubspot",
				"http://localhost:8080/webhooks/hubspot", "outage-secret");
		long portal = ThreadLocalRandom.current().nextLong(1_000_000, 9_000_000);
		String body = "[{\"eventId\":1,\"portalId\":" + portal
				+ ",\"occurredAt\":1700000000000,\"subscriptionType\":\"contact.creation\",\"objectId\":7}]";
		assertThat(hubspot.postSigned("[]").statusCode()).isEqualTo(200);
		broker.stop();
		long began = System.nanoTime();
		HttpResponse<String> during = hubspot.postSigned(body);
		long tookMillis = (System.nanoTime() - began) / 1_000_000;
		assertThat(during.statusCode()).isEqualTo(503);
		assertThat(during.body()).contains("retry");
		assertThat(tookMillis).as("answered well inside HubSpot's 5 s").isLessThan(5000);
		broker.start();
		assertThat(hubspot.postSigned(body).statusCode()).isEqualTo(200);
		assertThat(new TopicReader(broker.bootstrapServers()).await(Topics.HUBSPOT_EVENTS,
				(r) -> (portal + ":0-1:7").equals(r.key()), 1))
			.isNotEmpty();
	}

}
