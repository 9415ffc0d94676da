package dev.hubsync.worker.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hubsync.worker.support.Events;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the emulator delivers a model run's webhooks: each event is published to the
 * HubSpot events topic as the ingress publishes it, or lost, or published twice, or held
 * back and published after later ones, as the history's faults say. The events include
 * those of the sync's own writes (HubSpot sends them, marked as the app's), so echo
 * suppression is exercised as deployed. Signatures are the ingress's business and are
 * tested there.
 */
final class WebhookReceiver implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final Events events = new Events();

	private final History.Faults faults;

	private final Random random;

	private final List<String> held = new ArrayList<>();

	private final List<String> paused = new ArrayList<>();

	private boolean pausing;

	private int received;

	private int dropped;

	WebhookReceiver(History.Faults faults, long seed) throws IOException {
		this.faults = faults;
		this.random = new Random(seed);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/webhooks", this::receive);
		this.server.start();
	}

	URI url() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/webhooks");
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (InputStream in = exchange.getRequestBody()) {
			JsonNode batch = JSON.readTree(in);
			List<String> publish = new ArrayList<>();
			synchronized (this) {
				List<String> release = new ArrayList<>(this.held);
				this.held.clear();
				for (JsonNode event : batch) {
					String text = JSON.writeValueAsString(event);
					this.received++;
					double draw = this.random.nextDouble();
					if (draw < this.faults.webhookDrop()) {
						this.dropped++;
					}
					else if (draw < this.faults.webhookDrop() + this.faults.webhookDelay()) {
						this.held.add(text);
					}
					else {
						publish.add(text);
						if (this.random.nextDouble() < this.faults.webhookDuplicate()) {
							publish.add(text);
						}
					}
				}
				// what was held back goes after this batch's events
				publish.addAll(release);
				if (this.pausing) {
					this.paused.addAll(publish);
					publish.clear();
				}
			}
			this.events.send(publish);
			exchange.sendResponseHeaders(204, -1);
		}
		catch (RuntimeException ex) {
			exchange.sendResponseHeaders(500, -1);
		}
		finally {
			exchange.close();
		}
	}

	/**
	 * Publishes what is held back: HubSpot delivers late, not never.
	 * @return how many were held
	 */
	int release() {
		List<String> release;
		synchronized (this) {
			release = new ArrayList<>(this.held);
			this.held.clear();
		}
		this.events.send(release);
		return release.size();
	}

	/**
	 * Holds every event back until {@link #resume()}, as a slow network would: a person
	 * born on both sides at once is born on both before the sync hears of either.
	 */
	synchronized void pause() {
		this.pausing = true;
	}

	/** Publishes what came while paused, in order, and stops holding events back. */
	void resume() {
		List<String> release;
		synchronized (this) {
			this.pausing = false;
			release = new ArrayList<>(this.paused);
			this.paused.clear();
		}
		this.events.send(release);
	}

	synchronized String counts() {
		return this.received + " webhook events received, " + this.dropped + " dropped";
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.events.close();
	}

}
