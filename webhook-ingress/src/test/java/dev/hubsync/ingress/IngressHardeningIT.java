package dev.hubsync.ingress;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.serde.HubSpotEventCodec;
import dev.hubsync.hubspot.signature.WebhookSignatures;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.ingress.support.TopicReader;
import dev.hubsync.ingress.support.WebhookClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ingress is internet-facing: a flood of large forged requests must not fill its heap
 * or keep HubSpot's genuine requests out, and only the configured portal's events flow
 * (issue #21). Runs the ingress's defaults for the body (4 MB, 100 events), with a small
 * buffer budget so that the budget is what a forged-but-plausible flood meets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=webhook-ingress", "hubsync.ingress.client-secrets=flood-secret",
				"hubsync.ingress.public-base-url=https://hooks.example.com", "hubsync.ingress.max-buffered-bytes=16MB",
				"hubsync.ingress.portal-ids=" + IngressHardeningIT.PORTAL })
class IngressHardeningIT {

	static final long PORTAL = 7_700_001;

	private static final String SIGNED = "https://hooks.example.com/webhooks/hubspot";

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	@LocalServerPort
	int port;

	private WebhookClient hubspot;

	private TopicReader topics;

	@DynamicPropertySource
	static void kafka(DynamicPropertyRegistry registry) {
		registry.add("spring.kafka.bootstrap-servers", () -> SharedInfra.kafka().bootstrapServers());
	}

	@BeforeEach
	void setUp() {
		this.hubspot = new WebhookClient(url(), SIGNED, "flood-secret");
		this.topics = new TopicReader(SharedInfra.kafka().bootstrapServers());
	}

	@Test
	void aFloodOfLargeUnsignedAndForgedRequestsKeepsTheHeapBoundedAndGenuineEventsStillLand() throws Exception {
		// bodies are generated as they are sent (the client's own byte-array publisher
		// copies a whole body up front: 1,100 of them would fill this JVM's heap, which
		// also runs the ingress and is what is measured)
		long tenMegabytes = 10L * 1024 * 1024;
		long fourMegabytes = 4L * 1024 * 1024 - 1024;
		System.gc();
		long baseline = MEMORY.getHeapMemoryUsage().getUsed();
		HttpClient flooder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
		Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
		List<CompletableFuture<?>> flood = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			// no signature at all, a declared length of 10 MB: refused before the body
			flood.add(send(flooder, unsigned(tenMegabytes), outcomes));
		}
		for (int i = 0; i < 100; i++) {
			// a fresh timestamp and a made-up signature under the size limit: the body
			// must be read to check it, so these meet the buffer budget
			flood.add(send(flooder, forged(fourMegabytes), outcomes));
		}
		AtomicLong peak = new AtomicLong();
		CompletableFuture<Void> all = CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new));
		String genuine = "[{\"eventId\":1,\"subscriptionId\":1,\"portalId\":" + PORTAL
				+ ",\"appId\":4242,\"occurredAt\":1700000000000,\"subscriptionType\":\"contact.creation\","
				+ "\"attemptNumber\":0,\"objectId\":880001}]";
		AtomicInteger genuineStatus = new AtomicInteger();
		await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
			System.gc();
			peak.accumulateAndGet(MEMORY.getHeapMemoryUsage().getUsed() - baseline, Math::max);
			if (genuineStatus.get() != 200) {
				// HubSpot retries a 503 (the budget spent) later: so does this
				genuineStatus.set(this.hubspot.postSigned(genuine).statusCode());
			}
			return all.isDone() && genuineStatus.get() == 200;
		});
		assertThat(outcomes).as("the flood's answers").doesNotContainKeys("200", "500");
		assertThat(outcomes.get("401")).as("unsigned requests refused").isNotNull();
		assertThat(peak.get()).as("heap growth under the flood (bytes, live after GC)").isLessThan(256L * 1024 * 1024);
		// at least once: a 503 answered after Kafka took the event (the publish timeout
		// ran
		// out under the flood) makes HubSpot, and this test, send it again; the worker
		// applies an event identity once
		List<ConsumerRecord<String, byte[]>> landed = this.topics.await(Topics.HUBSPOT_EVENTS,
				(record) -> record.key() != null && record.key().endsWith(":880001"), 1);
		assertThat(landed).isNotEmpty()
			.allSatisfy((record) -> assertThat(new HubSpotEventCodec().decode(record.value()).event().eventId())
				.isEqualTo(1L));
	}

	@Test
	void eventsOfAnotherPortalAreSetAsideWhileTheConfiguredPortalsFlow() {
		String ours = "{\"eventId\":2,\"subscriptionId\":1,\"portalId\":" + PORTAL
				+ ",\"appId\":4242,\"occurredAt\":1700000000000,\"subscriptionType\":\"company.creation\","
				+ "\"attemptNumber\":0,\"objectId\":880002}";
		String foreign = ours.replace(String.valueOf(PORTAL), "9900001").replace("880002", "880003");
		HttpResponse<String> response = this.hubspot.postSigned("[" + ours + "," + foreign + "]");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"events\":1").contains("\"deadLettered\":1");
		assertThat(this.topics.await(Topics.HUBSPOT_EVENTS, (r) -> r.key() != null && r.key().endsWith(":880002"), 1))
			.hasSize(1);
		ConsumerRecord<String, byte[]> set = this.topics
			.await(Topics.HUBSPOT_EVENTS_DLT,
					(r) -> new String(r.value(), StandardCharsets.UTF_8).contains("\"objectId\":880003"), 1)
			.get(0);
		assertThat(TopicReader.header(set, EventHeaders.DLT_REASON)).contains("portal 9900001")
			.contains("hubsync.ingress.portal-ids");
	}

	@Test
	void moreEventsThanHubSpotSendsInOneRequestAreRefused() {
		StringBuilder body = new StringBuilder("[");
		for (int i = 0; i < 101; i++) {
			body.append((i > 0) ? "," : "")
				.append("{\"eventId\":")
				.append(i)
				.append(",\"subscriptionId\":1,\"portalId\":")
				.append(PORTAL)
				.append(",\"appId\":4242,\"occurredAt\":1700000000000,\"subscriptionType\":\"deal.creation\",")
				.append("\"attemptNumber\":0,\"objectId\":")
				.append(990000 + i)
				.append('}');
		}
		HttpResponse<String> response = this.hubspot.postSigned(body.append(']').toString());
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("too_many_events").contains("at most 100");
	}

	@Test
	void aRefusalNeverRepeatsTheRequestsOwnText() {
		HttpResponse<String> response = this.hubspot.send(HttpRequest.newBuilder(URI.create(url()))
			.header("Content-Type", "application/json")
			.header(WebhookSignatures.SIGNATURE_HEADER, "x")
			.header(WebhookSignatures.VERSION_HEADER, "<script>alert(1)</script>")
			.POST(HttpRequest.BodyPublishers.ofString("[]")));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("script");
		HttpResponse<String> media = this.hubspot.send(HttpRequest.newBuilder(URI.create(url()))
			.header("Content-Type", "text/evil-<b>")
			.POST(HttpRequest.BodyPublishers.ofString("[]")));
		assertThat(media.statusCode()).isEqualTo(415);
		assertThat(media.body()).doesNotContain("evil");
	}

	private String url() {
		return "http://127.0.0.1:" + this.port + "/webhooks/hubspot";
	}

	/** A JSON array of {@code length} bytes, blanks inside, made while it is sent. */
	private static HttpRequest.BodyPublisher blanks(long length) {
		return HttpRequest.BodyPublishers
			.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {

				private long sent;

				@Override
				public int read() {
					if (this.sent >= length) {
						return -1;
					}
					long at = this.sent++;
					return (at == 0) ? '[' : (at == length - 1) ? ']' : ' ';
				}

				@Override
				public int read(byte[] buffer, int offset, int count) {
					if (this.sent >= length) {
						return -1;
					}
					int n = (int) Math.min(count, length - this.sent);
					for (int i = 0; i < n; i++) {
						buffer[offset + i] = (byte) read();
					}
					return n;
				}

			}), length);
	}

	private HttpRequest unsigned(long length) {
		return HttpRequest.newBuilder(URI.create(url()))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofMinutes(2))
			.POST(blanks(length))
			.build();
	}

	private HttpRequest forged(long length) {
		return HttpRequest.newBuilder(URI.create(url()))
			.header("Content-Type", "application/json")
			.header(WebhookSignatures.V3_HEADER, "bm90IGEgc2lnbmF0dXJl")
			.header(WebhookSignatures.TIMESTAMP_HEADER, String.valueOf(System.currentTimeMillis()))
			.timeout(Duration.ofMinutes(2))
			.POST(blanks(length))
			.build();
	}

	private static CompletableFuture<?> send(HttpClient client, HttpRequest request,
			Map<String, AtomicInteger> outcomes) {
		return client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
			.handle((response, failure) -> outcomes
				.computeIfAbsent((response != null) ? String.valueOf(response.statusCode()) : "connection closed",
						(key) -> new AtomicInteger())
				.incrementAndGet());
	}

}
