package dev.hubsync.emulator.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.hubspot.signature.WebhookSignatures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Batches published events into deliveries of at most {@code batchSize} (waiting up to
 * {@code linger} for company), sends them signed, at most {@code maxConcurrentRequests}
 * at once, and retries failures (non-2xx, timeout, refused connection) on the configured
 * schedule with jitter, incrementing {@code attemptNumber} and re-signing with a fresh
 * timestamp each time. After the last retry the events are lost, as with HubSpot.
 */
public final class WebhookDispatcher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WebhookDispatcher.class);

	private static final int LOG_CAPACITY = 10_000;

	private final WebhookSettings settings;

	private final EmulatorProperties.Webhook config;

	private final Journal journal;

	private final JsonMapper json;

	private final Clock clock;

	private final HttpClient http;

	private final BlockingQueue<Map<String, Object>> pending = new LinkedBlockingQueue<>();

	private final Deque<Delivery> log = new ConcurrentLinkedDeque<>();

	private final AtomicLong deliveryIds = new AtomicLong(1);

	private final ScheduledExecutorService scheduler;

	private final ExecutorService senders;

	private final Thread batcher;

	private volatile boolean running = true;

	/**
	 * Creates the dispatcher; {@link #start()} starts it.
	 * @param settings the settings in force
	 * @param config the configuration
	 * @param journal the journal
	 * @param json the mapper
	 * @param clock the clock
	 */
	public WebhookDispatcher(WebhookSettings settings, EmulatorProperties.Webhook config, Journal journal,
			JsonMapper json, Clock clock) {
		this.settings = settings;
		this.config = config;
		this.journal = journal;
		this.json = json;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(config.timeout())
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		this.scheduler = Executors.newSingleThreadScheduledExecutor((r) -> daemon(r, "webhook-scheduler"));
		this.senders = Executors.newFixedThreadPool(config.maxConcurrentRequests(), (r) -> daemon(r, "webhook-sender"));
		this.batcher = daemon(this::batchLoop, "webhook-batcher");
	}

	/** Starts batching and sending. */
	public void start() {
		this.batcher.start();
	}

	/**
	 * Accepts events for delivery; they are already journaled.
	 * @param events the events
	 */
	public void enqueue(List<Map<String, Object>> events) {
		this.pending.addAll(events);
	}

	/**
	 * Returns the deliveries made, newest first.
	 * @return the deliveries
	 */
	public List<Delivery> deliveries() {
		return new ArrayList<>(this.log);
	}

	/**
	 * Returns how many events wait to be batched.
	 * @return the count
	 */
	public int pendingEvents() {
		return this.pending.size();
	}

	/** Forgets pending events and the delivery log (deliveries in flight finish). */
	public void reset() {
		this.pending.clear();
		this.log.forEach((delivery) -> {
			if (delivery.state() == Delivery.State.PENDING) {
				delivery.state(Delivery.State.DROPPED);
			}
		});
		this.log.clear();
	}

	/**
	 * Restores pending events and unfinished deliveries from a replayed journal.
	 * @param entries the replayed entries
	 */
	public void replay(List<Journal.Entry> entries) {
		Map<Long, Map<String, Object>> events = new LinkedHashMap<>();
		Map<Long, List<Long>> deliveries = new LinkedHashMap<>();
		for (Journal.Entry entry : entries) {
			JsonNode data = (JsonNode) entry.data();
			switch (entry.kind()) {
				case "webhook-event" -> events.put(data.get("eventId").asLong(), toMap(data));
				case "delivery" -> deliveries.put(data.get("id").asLong(), ids(data.get("eventIds")));
				case "delivery-done" -> {
					List<Long> done = deliveries.remove(data.get("id").asLong());
					if (done != null) {
						done.forEach(events::remove);
					}
				}
				default -> {
				}
			}
		}
		deliveries.forEach((id, eventIds) -> {
			List<Map<String, Object>> batch = new ArrayList<>();
			eventIds.forEach((eventId) -> {
				Map<String, Object> event = events.remove(eventId);
				if (event != null) {
					batch.add(event);
				}
			});
			this.deliveryIds.accumulateAndGet(id + 1, Math::max);
			if (!batch.isEmpty()) {
				schedule(new Delivery(id, batch, this.clock.instant()), Duration.ZERO);
			}
		});
		this.pending.addAll(events.values());
		if (!deliveries.isEmpty() || !events.isEmpty()) {
			logger.info("Restored {} pending webhook deliveries and {} pending events", deliveries.size(),
					events.size());
		}
	}

	/**
	 * Describes undelivered events and deliveries, for compaction.
	 * @return journal entries
	 */
	public List<Journal.Entry> snapshot() {
		List<Journal.Entry> entries = new ArrayList<>();
		for (Delivery delivery : this.log) {
			if (delivery.state() == Delivery.State.PENDING) {
				delivery.events().forEach((event) -> entries.add(new Journal.Entry("webhook-event", null, event)));
				entries.add(new Journal.Entry("delivery", null, deliveryEntry(delivery)));
			}
		}
		this.pending.forEach((event) -> entries.add(new Journal.Entry("webhook-event", null, event)));
		return entries;
	}

	@Override
	public void close() {
		this.running = false;
		this.batcher.interrupt();
		this.scheduler.shutdownNow();
		this.senders.shutdownNow();
	}

	private void batchLoop() {
		while (this.running) {
			try {
				Map<String, Object> first = this.pending.poll(200, TimeUnit.MILLISECONDS);
				if (first == null) {
					continue;
				}
				List<Map<String, Object>> batch = new ArrayList<>();
				batch.add(first);
				long deadline = System.nanoTime() + this.config.linger().toNanos();
				while (batch.size() < this.config.batchSize()) {
					Map<String, Object> next = this.pending.poll(Math.max(0, deadline - System.nanoTime()),
							TimeUnit.NANOSECONDS);
					if (next == null) {
						break;
					}
					batch.add(next);
				}
				batch = withoutDropped(batch);
				if (batch.isEmpty()) {
					continue;
				}
				Delivery delivery = new Delivery(this.deliveryIds.getAndIncrement(), batch, this.clock.instant());
				this.journal.append(new Journal.Entry("delivery", null, deliveryEntry(delivery)));
				schedule(delivery, Duration.ZERO);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.error("Webhook batching failed", ex);
			}
		}
	}

	private void schedule(Delivery delivery, Duration delay) {
		if (delivery.attemptCount() == 0) {
			this.log.addFirst(delivery);
			while (this.log.size() > LOG_CAPACITY) {
				this.log.pollLast();
			}
		}
		delivery.dueAt(this.clock.instant().plus(delay));
		try {
			this.scheduler.schedule(() -> this.senders.execute(() -> attempt(delivery)), delay.toMillis(),
					TimeUnit.MILLISECONDS);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			logger.debug("Dispatcher closed; delivery {} stays pending", delivery.id());
		}
	}

	private void attempt(Delivery delivery) {
		if (delivery.state() != Delivery.State.PENDING) {
			return;
		}
		WebhookSettings.State state = this.settings.current();
		if (state.targetUrl() == null) {
			schedule(delivery, Duration.ofSeconds(1));
			return;
		}
		WebhookSettings.DeliveryFaults faults = state.faults();
		if (delivery.attemptCount() == 0 && ThreadLocalRandom.current().nextDouble() < faults.dropRate()) {
			finish(delivery, Delivery.State.DROPPED);
			return;
		}
		int attemptNumber = delivery.attemptCount();
		int status = send(delivery, state, attemptNumber);
		if (status >= 200 && status < 300) {
			finish(delivery, Delivery.State.DELIVERED);
			if (ThreadLocalRandom.current().nextDouble() < faults.duplicateRate()) {
				send(delivery, state, attemptNumber);
			}
			return;
		}
		List<Duration> schedule = this.config.retrySchedule();
		if (attemptNumber >= schedule.size()) {
			logger.warn("Webhook delivery {} failed {} times; its {} events are lost", delivery.id(),
					delivery.attemptCount(), delivery.events().size());
			finish(delivery, Delivery.State.FAILED);
			return;
		}
		Duration wait = schedule.get(attemptNumber);
		long jitter = (long) (wait.toMillis() * this.config.retryJitter() * ThreadLocalRandom.current().nextDouble());
		schedule(delivery, wait.plusMillis(jitter));
	}

	private int send(Delivery delivery, WebhookSettings.State state, int attemptNumber) {
		List<Map<String, Object>> events = new ArrayList<>();
		for (Map<String, Object> event : delivery.events()) {
			Map<String, Object> copy = new LinkedHashMap<>(event);
			copy.put("attemptNumber", attemptNumber);
			events.add(copy);
		}
		if (state.faults().reorder()) {
			Collections.shuffle(events);
		}
		byte[] body = this.json.writeValueAsBytes(events);
		String target = state.targetUrl();
		String timestamp = String.valueOf(this.clock.millis());
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
			.timeout(this.config.timeout())
			.header("Content-Type", "application/json")
			.header("User-Agent", "HubSpot Connect 2.0 (http://dev.hubspot.com/) (HubSync emulator)")
			.header("X-HubSpot-Timeout-Millis", String.valueOf(this.config.timeout().toMillis()))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		sign(request, state, target, body, timestamp);
		Instant at = this.clock.instant();
		long began = System.nanoTime();
		int status = 0;
		String error = null;
		try {
			status = this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (java.io.IOException ex) {
			error = ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			error = "interrupted";
		}
		delivery.record(new Delivery.Attempt(at, attemptNumber, status, error,
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began)));
		return status;
	}

	private static void sign(HttpRequest.Builder request, WebhookSettings.State state, String target, byte[] body,
			String timestamp) {
		List<String> versions = state.signatureVersions();
		if (versions.contains("v3")) {
			request.header(WebhookSignatures.V3_HEADER,
					WebhookSignatures.v3(state.clientSecret(), "POST", target, body, timestamp));
			request.header(WebhookSignatures.TIMESTAMP_HEADER, timestamp);
		}
		if (versions.contains("v2")) {
			request.header(WebhookSignatures.SIGNATURE_HEADER,
					WebhookSignatures.v2(state.clientSecret(), "POST", target, body));
			request.header(WebhookSignatures.VERSION_HEADER, "v2");
		}
		else if (versions.contains("v1")) {
			request.header(WebhookSignatures.SIGNATURE_HEADER, WebhookSignatures.v1(state.clientSecret(), body));
			request.header(WebhookSignatures.VERSION_HEADER, "v1");
		}
	}

	private List<Map<String, Object>> withoutDropped(List<Map<String, Object>> batch) {
		WebhookSettings.DeliveryFaults faults = this.settings.current().faults();
		List<Map<String, Object>> dropped = batch.stream().filter(faults::drops).toList();
		if (dropped.isEmpty()) {
			return batch;
		}
		Delivery lost = new Delivery(this.deliveryIds.getAndIncrement(), dropped, this.clock.instant());
		this.journal.append(new Journal.Entry("delivery", null, deliveryEntry(lost)));
		this.log.addFirst(lost);
		finish(lost, Delivery.State.DROPPED);
		return batch.stream().filter((event) -> !faults.drops(event)).toList();
	}

	private void finish(Delivery delivery, Delivery.State state) {
		delivery.state(state);
		this.journal
			.append(new Journal.Entry("delivery-done", null, Map.of("id", delivery.id(), "state", state.name())));
	}

	private static Map<String, Object> deliveryEntry(Delivery delivery) {
		return Map.of("id", delivery.id(), "eventIds",
				delivery.events().stream().map((event) -> event.get("eventId")).toList());
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> toMap(JsonNode node) {
		return this.json.treeToValue(node, LinkedHashMap.class);
	}

	private static List<Long> ids(JsonNode array) {
		List<Long> ids = new ArrayList<>();
		array.forEach((id) -> ids.add(id.asLong()));
		return ids;
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

}
