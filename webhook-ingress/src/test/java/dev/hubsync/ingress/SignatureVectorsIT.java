package dev.hubsync.ingress;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.hubsync.hubspot.signature.WebhookSignatures;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.ingress.support.WebhookClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference §10.2's own vectors, sent through the endpoint, at their timestamp. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=webhook-ingress", "hubsync.ingress.client-secrets=test-secret",
				"hubsync.ingress.public-base-url=https://example.com", "hubsync.ingress.path=/hubspot/webhook",
				"hubsync.ingress.signature-versions=v1,v2,v3" })
class SignatureVectorsIT {

	static final byte[] B = ("[{\"eventId\":100,\"subscriptionId\":200,\"portalId\":300,\"appId\":400,"
			+ "\"occurredAt\":1700000000000,\"subscriptionType\":\"contact.propertyChange\",\"attemptNumber\":0,"
			+ "\"objectId\":500,\"propertyName\":\"email\",\"propertyValue\":\"a@example.com\",\"changeSource\":\"CRM_UI\","
			+ "\"sourceId\":\"userId:7\"}]")
		.getBytes(StandardCharsets.UTF_8);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> SharedInfra.kafka().bootstrapServers());
	}

	@Test
	void v3VectorIsAccepted() {
		assertThat(status(v3("m/HLUjnUmPWUhJGj9TOuCv7N4H71eIqLhEEg1egpdnM="))).isEqualTo(200);
		assertThat(status(v3("m/HLUjnUmPWUhJGj9TOuCv7N4H71eIqLhEEg1egpdnN="))).isEqualTo(401);
	}

	@Test
	void v2VectorIsAccepted() {
		assertThat(status(request()
			.header(WebhookSignatures.SIGNATURE_HEADER,
					"d35231a39d14ffb24e6613437bedecd804eeb4f1e7bf5075ed6efd7f0be89cfa")
			.header(WebhookSignatures.VERSION_HEADER, "v2"))).isEqualTo(200);
	}

	@Test
	void v1VectorIsAccepted() {
		assertThat(status(request()
			.header(WebhookSignatures.SIGNATURE_HEADER,
					"e9270682e3d282615c5833f8fc9f98f25f710ebb0020ab7da04304ab4e312a63")
			.header(WebhookSignatures.VERSION_HEADER, "v1"))).isEqualTo(200);
	}

	private HttpRequest.Builder v3(String signature) {
		return request().header(WebhookSignatures.V3_HEADER, signature)
			.header(WebhookSignatures.TIMESTAMP_HEADER, "1700000000000");
	}

	private HttpRequest.Builder request() {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hubspot/webhook?tenant=acme"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(B));
	}

	private int status(HttpRequest.Builder request) {
		return new WebhookClient("", "", "").send(request).statusCode();
	}

	@TestConfiguration
	static class AtTheVectorsTimestamp {

		@Bean
		@Primary
		Clock vectorClock() {
			return Clock.fixed(Instant.ofEpochMilli(1700000000000L).plusSeconds(30), ZoneOffset.UTC);
		}

	}

}
