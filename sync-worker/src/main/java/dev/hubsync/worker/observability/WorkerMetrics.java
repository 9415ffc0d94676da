package dev.hubsync.worker.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.events.hubspot.ObjectTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * The worker's meters: outcomes by direction, object type and outcome; HubSpot reads; the
 * latency from a change (HubSpot's {@code occurredAt}, the platform's commit) to the
 * sync's commit on the other side.
 */
@Component
public class WorkerMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> timers = new ConcurrentHashMap<>();

	WorkerMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Counts an outcome.
	 * @param direction {@code inbound} or {@code outbound}
	 * @param objectTypeId the object type
	 * @param outcome the outcome's name
	 */
	public void outcome(String direction, String objectTypeId, String outcome) {
		outcome(direction, objectTypeId, outcome, 1);
	}

	/**
	 * Counts an outcome for several events at once (the echoes of one record in a batch
	 * share one result, and each counts).
	 * @param direction {@code inbound} or {@code outbound}
	 * @param objectTypeId the object type
	 * @param outcome the outcome's name
	 * @param events how many
	 */
	public void outcome(String direction, String objectTypeId, String outcome, int events) {
		this.counters
			.computeIfAbsent("o/" + direction + "/" + objectTypeId + "/" + outcome,
					(key) -> Counter.builder("hubsync.worker.outcomes")
						.description("Sync decisions")
						.tag("direction", direction)
						.tag("object_type", ObjectTypes.pathName(objectTypeId))
						.tag("outcome", outcome.toLowerCase(Locale.ROOT))
						.register(this.registry))
			.increment(events);
	}

	/**
	 * Counts HubSpot read calls.
	 * @param objectTypeId the object type
	 * @param events how many events the call served
	 */
	public void hubspotRead(String objectTypeId, int events) {
		this.counters
			.computeIfAbsent("r/" + objectTypeId,
					(key) -> Counter.builder("hubsync.worker.hubspot.reads")
						.description("HubSpot batch read calls")
						.tag("object_type", ObjectTypes.pathName(objectTypeId))
						.register(this.registry))
			.increment();
	}

	/**
	 * Records a change's latency to commit.
	 * @param direction the direction
	 * @param changedAt when the change happened on its side
	 * @param committedAt when the sync committed it on the other side
	 */
	public void latency(String direction, Instant changedAt, Instant committedAt) {
		Duration latency = Duration.between(changedAt, committedAt);
		if (latency.isNegative()) {
			return;
		}
		this.timers
			.computeIfAbsent(direction,
					(key) -> Timer.builder("hubsync.worker.latency")
						.description("From a change on one side to the sync's commit on the other")
						.tag("direction", direction)
						.publishPercentileHistogram()
						.register(this.registry))
			.record(latency);
	}

}
