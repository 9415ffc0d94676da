package dev.hubsync.ingress.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.ingress.publishing.Slice;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Deduplicates across the webhook and journal paths (mode {@code both}) by each event's
 * change key, in memory, for a window: a change the other path already delivered is not
 * published again, and a change only one path delivered within the window counts as
 * missed by the other ({@value #MISSED}, tag {@code missed_by}: {@code webhooks} counts
 * the webhooks HubSpot never delivered). In the other modes it passes everything through.
 *
 * <p>
 * A path claims a change before publishing it and gives the claim up when the publish
 * fails, so a failed path never suppresses the other path's copy. The memory is one
 * process's: with several ingress instances a duplicate may still reach the topic, where
 * the worker's processing is idempotent anyway (events are triggers).
 */
public final class PathDeduplicator {

	/** Changes one path delivered and the other missed, tag {@code missed_by}. */
	public static final String MISSED = "hubsync.ingress.missed.events";

	/** Copies not published because the other path delivered them, tag {@code path}. */
	public static final String DEDUPLICATED = "hubsync.ingress.deduplicated.events";

	private final boolean enabled;

	private final Duration window;

	private final Clock clock;

	private final Map<String, Seen> seen = new ConcurrentHashMap<>();

	private final Map<DeliveryPath, Counter> missed = new EnumMap<>(DeliveryPath.class);

	private final Map<DeliveryPath, Counter> deduplicated = new EnumMap<>(DeliveryPath.class);

	/**
	 * Creates the deduplicator.
	 * @param enabled whether both paths run (mode {@code both})
	 * @param window how long a change waits for its twin from the other path
	 * @param clock the clock
	 * @param registry where the counters go
	 */
	public PathDeduplicator(boolean enabled, Duration window, Clock clock, MeterRegistry registry) {
		this.enabled = enabled;
		this.window = window;
		this.clock = clock;
		for (DeliveryPath path : DeliveryPath.values()) {
			this.missed.put(path,
					Counter.builder(MISSED)
						.description("Changes one delivery path delivered and this one missed (mode both)")
						.tag("missed_by", path.tag())
						.register(registry));
			this.deduplicated.put(path,
					Counter.builder(DEDUPLICATED)
						.description("Copies of changes not published because the other path delivered them first")
						.tag("path", path.tag())
						.register(registry));
		}
	}

	/**
	 * Claims the changes of some slices for one path: returns those the other path has
	 * not claimed (malformed slices always), marking them this path's. A claim is atomic
	 * per change, so when both paths bring a change at once exactly one publishes it.
	 * @param slices what one path received
	 * @param path that path
	 * @return what to publish
	 */
	public List<Slice> undelivered(List<Slice> slices, DeliveryPath path) {
		if (!this.enabled) {
			return slices;
		}
		Instant now = this.clock.instant();
		List<Slice> result = new ArrayList<>(slices.size());
		for (Slice slice : slices) {
			if (slice instanceof Slice.Event event) {
				Seen seen = this.seen.computeIfAbsent(event.event().changeKey().value(), (key) -> new Seen(now));
				if (!seen.claim(path)) {
					this.deduplicated.get(path).increment();
					continue;
				}
			}
			result.add(slice);
		}
		return result;
	}

	/**
	 * Gives up the claims of slices whose publication failed, so the other path's copy is
	 * published when it comes (the failed path retries its own: HubSpot resends a webhook
	 * answered 503, the journal reader reads the batch again).
	 * @param slices the slices {@link #undelivered} returned
	 * @param path the path that failed
	 */
	public void failed(List<Slice> slices, DeliveryPath path) {
		if (!this.enabled) {
			return;
		}
		for (Slice slice : slices) {
			if (slice instanceof Slice.Event event) {
				Seen seen = this.seen.get(event.event().changeKey().value());
				if (seen != null) {
					seen.release(path);
				}
			}
		}
	}

	/**
	 * Closes the window of changes older than it: one seen by one path only counts as
	 * missed by the other.
	 */
	public void sweep() {
		Instant horizon = this.clock.instant().minus(this.window);
		this.seen.entrySet().removeIf((entry) -> {
			Seen seen = entry.getValue();
			if (!seen.first().isBefore(horizon)) {
				return false;
			}
			for (DeliveryPath path : DeliveryPath.values()) {
				if (seen.by(path) && !seen.by(path.other())) {
					this.missed.get(path.other()).increment();
				}
			}
			return true;
		});
	}

	/**
	 * Returns the window.
	 * @return how long a change waits for its twin
	 */
	public Duration window() {
		return this.window;
	}

	/**
	 * Tells whether deduplication runs (mode {@code both}).
	 * @return whether it does
	 */
	public boolean enabled() {
		return this.enabled;
	}

	private static final class Seen {

		private final Instant first;

		private volatile int paths;

		Seen(Instant first) {
			this.first = first;
		}

		Instant first() {
			return this.first;
		}

		/** Marks the path; true when the other path had not come first. */
		synchronized boolean claim(DeliveryPath path) {
			boolean first = !by(path.other());
			this.paths |= 1 << path.ordinal();
			return first;
		}

		synchronized void release(DeliveryPath path) {
			this.paths &= ~(1 << path.ordinal());
		}

		boolean by(DeliveryPath path) {
			return (this.paths & (1 << path.ordinal())) != 0;
		}

	}

}
