package dev.hubsync.emulator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP endpoint receiving the emulator's webhooks, recording each request and
 * answering with a status tests choose.
 */
public final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final JsonMapper json = JsonMapper.builder().build();

	private volatile IntSupplier status = () -> 200;

	private final AtomicInteger calls = new AtomicInteger();

	private WebhookReceiver(String path) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(Executors.newFixedThreadPool(8));
		this.server.createContext(path, (exchange) -> {
			byte[] body = exchange.getRequestBody().readAllBytes();
			Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
			this.calls.incrementAndGet();
			int answer = this.status.getAsInt();
			this.received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers,
					body, answer));
			exchange.sendResponseHeaders(answer, -1);
			exchange.close();
		});
		this.server.start();
	}

	/**
	 * Starts a receiver on a free loopback port.
	 * @param path the path it serves
	 * @return the receiver
	 */
	public static WebhookReceiver start(String path) {
		return new WebhookReceiver(path);
	}

	public String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	public void answer(IntSupplier status) {
		this.status = status;
	}

	public List<Received> received() {
		return List.copyOf(this.received);
	}

	/** Every event received in 2xx-answered requests. */
	public List<JsonNode> acceptedEvents() {
		List<JsonNode> events = new ArrayList<>();
		for (Received request : this.received) {
			if (request.status() < 300) {
				this.json.readTree(request.body()).forEach(events::add);
			}
		}
		return events;
	}

	public JsonNode events(Received request) {
		return this.json.readTree(request.body());
	}

	public void clear() {
		this.received.clear();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * One request received.
	 *
	 * @param method the method
	 * @param uri the path and query
	 * @param headers the headers, case-insensitive
	 * @param body the raw body
	 * @param status the status answered
	 */
	public record Received(String method, String uri, Map<String, String> headers, byte[] body, int status) {
	}

}
