package dev.hubsync.publisher.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import dev.hubsync.events.local.LocalChange;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * {@code hubsync.publisher.changes{table,op}}, {@code hubsync.publisher.commit.to.ack}
 * (from the transaction's commit to Kafka's acknowledgement),
 * {@code hubsync.publisher.engine.running} (1 while this publisher streams),
 * {@code hubsync.publisher.slot.lag.bytes}.
 */
public final class PublisherMetrics {

	private final MeterRegistry registry;

	private final Timer commitToAck;

	private final AtomicLong slotLag = new AtomicLong(-1);

	private final AtomicReference<@Nullable Instant> lastEventAt = new AtomicReference<>();

	/**
	 * Counters by table and operation, cached: registering a meter per change costs more
	 * than the change.
	 */
	private final Map<String, Counter> changes = new ConcurrentHashMap<>();

	/**
	 * Registers the meters.
	 * @param registry the registry
	 */
	public PublisherMetrics(MeterRegistry registry) {
		this.registry = registry;
		this.commitToAck = Timer.builder("hubsync.publisher.commit.to.ack")
			.description("From a platform transaction's commit to Kafka's acknowledgement of its change")
			.publishPercentileHistogram()
			.register(registry);
		Gauge.builder("hubsync.publisher.slot.lag.bytes", this.slotLag, AtomicLong::get)
			.description("WAL the replication slot holds back, in bytes (-1 before the first measurement)")
			.register(registry);
	}

	/**
	 * Watches whether this publisher streams.
	 * @param streaming whether it streams changes now (false on standby)
	 */
	public void watch(BooleanSupplier streaming) {
		Gauge.builder("hubsync.publisher.engine.running", streaming, (s) -> s.getAsBoolean() ? 1 : 0)
			.description("1 while this publisher streams changes, 0 on standby")
			.register(this.registry);
	}

	/**
	 * Counts the changes of a batch Kafka acknowledged.
	 * @param changes the changes
	 * @param ackedAt when the batch was acknowledged
	 */
	public void published(List<LocalChange> changes, Instant ackedAt) {
		for (LocalChange change : changes) {
			published(change, ackedAt);
		}
	}

	/**
	 * Counts a change Kafka acknowledged.
	 * @param change the change
	 * @param ackedAt when it was acknowledged
	 */
	public void published(LocalChange change, Instant ackedAt) {
		this.changes
			.computeIfAbsent(change.table() + "/" + change.op(),
					(key) -> Counter.builder("hubsync.publisher.changes")
						.description("Row changes published")
						.tag("table", change.table())
						.tag("op", change.op().name().toLowerCase(java.util.Locale.ROOT))
						.register(this.registry))
			.increment();
		Duration latency = Duration.between(change.commitTime(), ackedAt);
		if (!latency.isNegative()) {
			this.commitToAck.record(latency);
		}
		this.lastEventAt.set(ackedAt);
	}

	/**
	 * Records the slot's lag.
	 * @param bytes WAL held back
	 */
	public void slotLag(long bytes) {
		this.slotLag.set(bytes);
	}

	/**
	 * Returns the slot's last measured lag.
	 * @return bytes, -1 before the first measurement
	 */
	public long slotLag() {
		return this.slotLag.get();
	}

	/**
	 * Returns when the last change was acknowledged.
	 * @return the instant, or {@code null} before the first
	 */
	public @Nullable Instant lastEventAt() {
		return this.lastEventAt.get();
	}

}
