package dev.hubsync.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.hubspot.signature.WebhookSignatures;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.ingress.WebhookIngressApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The webhook ingress on loopback with a real broker: signed requests of 100 events and
 * of one event, at the maximum rate (closed loop) and at half of it (open loop, latency
 * from when each request was due).
 */
@Command(name = "ingress", description = "Accepted webhook events/s and latency of the ingress with a real broker.")
final class IngressBenchmark implements Runnable {

	private static final String SECRET = "benchmark-secret";

	@Option(names = "--seconds", description = "Duration of each measured phase (default: ${DEFAULT-VALUE}).")
	int seconds = 20;

	@Option(names = "--clients", description = "Concurrent senders (default: ${DEFAULT-VALUE}).")
	int clients = 16;

	private final AtomicLong objectIds = new AtomicLong();

	@Override
	public void run() {
		try (KafkaBroker broker = KafkaBroker.startTemporary();
				ConfigurableApplicationContext ingress = new SpringApplicationBuilder(WebhookIngressApplication.class)
					.properties(Map.of("spring.config.name", WebhookIngressApplication.CONFIG_NAME))
					.run("--server.port=0", "--management.server.port=0",
							"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
							"--hubsync.ingress.client-secrets=" + SECRET, "--logging.level.root=WARN",
							"--spring.main.banner-mode=off")) {
			int port = ((WebServerApplicationContext) ingress).getWebServer().getPort();
			String url = "http://127.0.0.1:" + port + "/webhooks/hubspot";
			String signedUrl = "http://localhost:8080/webhooks/hubspot";
			HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
			Report.header("Webhook ingress with a real broker, " + this.clients + " senders");
			Load.closed(this.clients, 5, () -> send(http, url, signedUrl, 100));
			Load.Result batches = Load.closed(this.clients, this.seconds, () -> send(http, url, signedUrl, 100));
			Report.row("batches of 100, max",
					String.format("%.0f events/s (%.0f requests/s)", batches.rate() * 100, batches.rate()),
					batches.latency());
			Load.Result singles = Load.closed(this.clients, this.seconds, () -> send(http, url, signedUrl, 1));
			Report.row("single events, max", String.format("%.0f requests/s", singles.rate()), singles.latency());
			double half = singles.rate() / 2;
			Load.Result paced = Load.open(this.clients, this.seconds, half, () -> send(http, url, signedUrl, 1));
			Report.row(String.format("single events at half max (%.0f/s)", half),
					String.format("%.0f requests/s", paced.rate()), paced.latency());
			double halfBatches = batches.rate() / 2;
			Load.Result pacedBatches = Load.open(this.clients, this.seconds, halfBatches,
					() -> send(http, url, signedUrl, 100));
			Report.row(String.format("batches of 100 at half max (%.0f/s)", halfBatches),
					String.format("%.0f events/s", pacedBatches.rate() * 100), pacedBatches.latency());
		}
	}

	private void send(HttpClient http, String url, String signedUrl, int events) throws Exception {
		StringJoiner body = new StringJoiner(",", "[", "]");
		long now = System.currentTimeMillis();
		for (int i = 0; i < events; i++) {
			long id = this.objectIds.incrementAndGet();
			body.add("{\"eventId\":" + id + ",\"subscriptionId\":1,\"portalId\":100000,\"appId\":4242,\"occurredAt\":"
					+ now + ",\"subscriptionType\":\"contact.propertyChange\",\"attemptNumber\":0,\"objectId\":"
					+ (id % 50_000) + ",\"propertyName\":\"firstname\",\"propertyValue\":\"Name " + id
					+ "\",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:1\"}");
		}
		byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
		String timestamp = String.valueOf(now);
		HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header(WebhookSignatures.V3_HEADER, WebhookSignatures.v3(SECRET, "POST", signedUrl, bytes, timestamp))
			.header(WebhookSignatures.TIMESTAMP_HEADER, timestamp)
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.build(), HttpResponse.BodyHandlers.discarding());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("ingress answered " + response.statusCode());
		}
	}

}
