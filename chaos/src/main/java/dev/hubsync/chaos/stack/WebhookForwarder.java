package dev.hubsync.chaos.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny round-robin load balancer in front of the ingress instances: what HubSpot calls.
 * Each webhook request goes, body and headers unchanged, to the next instance; one that
 * does not answer (killed) is skipped for the next, as a load balancer's health check
 * would; when none answers HubSpot gets 502 and retries later. The ingresses sign-check
 * the URL HubSpot called, so their public base URL is this forwarder's.
 */
public final class WebhookForwarder implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WebhookForwarder.class);

	private static final List<String> FORWARDED = List.of("content-type", "user-agent", "x-hubspot-signature",
			"x-hubspot-signature-v3", "x-hubspot-signature-version", "x-hubspot-request-timestamp",
			"x-hubspot-timeout-millis");

	private final HttpServer server;

	private final ExecutorService executor = Executors.newFixedThreadPool(8, (task) -> {
		Thread thread = new Thread(task, "webhook-forwarder");
		thread.setDaemon(true);
		return thread;
	});

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private final Supplier<List<URI>> targets;

	private final AtomicInteger next = new AtomicInteger();

	private final AtomicLong forwarded = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private WebhookForwarder(HttpServer server, Supplier<List<URI>> targets) {
		this.server = server;
		this.targets = targets;
	}

	/**
	 * Starts a forwarder on a free loopback port.
	 * @param targets the ingress instances' base URLs, asked on every request
	 * @return the running forwarder
	 */
	public static WebhookForwarder start(Supplier<List<URI>> targets) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
			WebhookForwarder forwarder = new WebhookForwarder(server, targets);
			server.createContext("/", forwarder::handle);
			server.setExecutor(forwarder.executor);
			server.start();
			return forwarder;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the webhook forwarder: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Returns the base URL HubSpot calls.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/**
	 * Returns how many requests reached an ingress.
	 * @return the count
	 */
	public long forwarded() {
		return this.forwarded.get();
	}

	/**
	 * Returns how many requests no ingress answered (502 to HubSpot).
	 * @return the count
	 */
	public long refused() {
		return this.refused.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			List<URI> instances = this.targets.get();
			for (int tried = 0; tried < instances.size(); tried++) {
				URI target = instances.get(Math.floorMod(this.next.getAndIncrement(), instances.size()));
				HttpResponse<byte[]> answer = send(exchange, target, body);
				if (answer != null) {
					this.forwarded.incrementAndGet();
					reply(exchange, answer.statusCode(), answer.body());
					return;
				}
			}
			this.refused.incrementAndGet();
			reply(exchange, 502, new byte[0]);
		}
	}

	private HttpResponse<byte[]> send(HttpExchange exchange, URI target, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
			.timeout(Duration.ofSeconds(10))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			logger.debug("{} did not answer: {}", target, ex.toString());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
