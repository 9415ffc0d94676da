package dev.hubsync.ingress;

import java.net.URI;
import java.net.http.HttpRequest;
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

/**
 * Reference §10.2's decoding vector: the query arrives percent-encoded and HubSpot signed
 * it with {@code %40} and {@code %2C} decoded but {@code %20} kept; behind a proxy, the
 * scheme and host come from {@code X-Forwarded-*} when trusted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=webhook-ingress", "hubsync.ingress.client-secrets=test-secret",
				"hubsync.ingress.public-base-url=http://internal.invalid:9", "hubsync.ingress.path=/hook",
				"hubsync.ingress.trust-forwarded-headers=true" })
class SignatureDecodeVectorIT {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> SharedInfra.kafka().bootstrapServers());
	}

	@Test
	void decodedUriSignatureIsAcceptedThroughAProxy() {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/hook?email=a%40b.com&note=x%2Cy%20z"))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "example.com")
			.header(WebhookSignatures.V3_HEADER, "LwokNbCPlar0g/LH4cAQGiTokbGCk68FqbKzrhWcdPs=")
			.header(WebhookSignatures.TIMESTAMP_HEADER, "1700000000000")
			.POST(HttpRequest.BodyPublishers.ofByteArray(SignatureVectorsIT.B));
		assertThat(new WebhookClient("", "", "").send(request).statusCode()).isEqualTo(200);
	}

	@TestConfiguration
	static class AtTheVectorsTimestamp {

		@Bean
		@Primary
		Clock vectorClock() {
			return Clock.fixed(Instant.ofEpochMilli(1700000000000L), ZoneOffset.UTC);
		}

	}

}
