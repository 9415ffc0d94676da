package dev.hubsync.ingress.observability;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hubsync.ingress.publishing.PublishResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * {@code hubsync.ingress.requests{outcome}}, {@code hubsync.ingress.events{result}} and
 * {@code hubsync.ingress.publish} (time until Kafka acknowledged a request's events).
 */
@Component
public class IngressMetrics {

	private final Map<Outcome, Counter> requests = new EnumMap<>(Outcome.class);

	private final Counter accepted;

	private final Counter deadLettered;

	private final Timer publish;

	/**
	 * Registers the meters.
	 * @param registry the registry
	 */
	public IngressMetrics(MeterRegistry registry) {
		for (Outcome outcome : Outcome.values()) {
			this.requests.put(outcome,
					Counter.builder("hubsync.ingress.requests")
						.description("Webhook requests by outcome")
						.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
		this.accepted = Counter.builder("hubsync.ingress.events")
			.description("Webhook events published")
			.tag("result", "accepted")
			.register(registry);
		this.deadLettered = Counter.builder("hubsync.ingress.events")
			.description("Webhook events published")
			.tag("result", "dead_lettered")
			.register(registry);
		this.publish = Timer.builder("hubsync.ingress.publish")
			.description("Time until Kafka acknowledged every event of a request")
			.publishPercentileHistogram()
			.register(registry);
	}

	/**
	 * Counts a published request.
	 * @param result what was published
	 * @param nanos how long Kafka took
	 */
	public void published(PublishResult result, long nanos) {
		this.requests.get(Outcome.ACCEPTED).increment();
		this.accepted.increment(result.accepted());
		this.deadLettered.increment(result.deadLettered());
		this.publish.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Counts a refused request.
	 * @param outcome why
	 */
	public void rejected(Outcome outcome) {
		this.requests.get(outcome).increment();
	}

	/** How a request ended. */
	public enum Outcome {

		/** Every event stored. */
		ACCEPTED,

		/** Missing or wrong signature. */
		BAD_SIGNATURE,

		/** Timestamp outside the window. */
		STALE,

		/** Not a JSON array. */
		MALFORMED,

		/** Over the size limit. */
		TOO_LARGE,

		/** Not JSON. */
		UNSUPPORTED_MEDIA_TYPE,

		/** Kafka did not acknowledge in time. */
		UNAVAILABLE

	}

}
