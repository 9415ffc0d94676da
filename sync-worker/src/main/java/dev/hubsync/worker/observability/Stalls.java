package dev.hubsync.worker.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.events.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;

/**
 * What each partition the worker consumes is waiting on: the batch in hand, since when
 * its oldest event waits, and — while the batch fails and is retried — since when, how
 * often and why. Nothing stalls silently: the oldest unprocessed event's age is a gauge
 * per direction and partition ({@code hubsync_worker_oldest_unprocessed_age_seconds}), so
 * is how long a partition has been retrying ({@code hubsync_worker_retrying_seconds}); a
 * partition still retrying is logged at WARN with its cause once per
 * {@code hubsync.worker.retry.report-interval}, whatever the back-off; the worker's
 * health turns DEGRADED past {@code hubsync.worker.retry.degraded-after};
 * {@code /api/status} names each stalled partition, its first record's key and the cause.
 * <p>
 * The age is that of the oldest event of the batch in hand (Kafka's record timestamp);
 * between batches a partition has none in hand and its age is 0. A partition behind its
 * log shows, batch after batch, how far behind it is in time.
 */
public class Stalls {

	private static final Logger logger = LoggerFactory.getLogger(Stalls.class);

	private final Clock clock;

	private final MeterRegistry meters;

	private final Duration degradedAfter;

	private final Map<TopicPartition, InHand> inHand = new ConcurrentHashMap<>();

	private final Set<TopicPartition> metered = ConcurrentHashMap.newKeySet();

	private final Set<TopicPartition> revoked = ConcurrentHashMap.newKeySet();

	/**
	 * Creates the record of stalls.
	 * @param clock the clock
	 * @param meters where the gauges go
	 * @param degradedAfter how long a batch may fail, or stay in hand, before it is a
	 * stall that degrades the worker's health
	 */
	public Stalls(Clock clock, MeterRegistry meters, Duration degradedAfter) {
		this.clock = clock;
		this.meters = meters;
		this.degradedAfter = degradedAfter;
	}

	/**
	 * Notes a batch taken in hand (again, when it is a retry: its failures are kept).
	 * @param records the batch
	 */
	public void started(List<ConsumerRecord<String, byte[]>> records) {
		for (Map.Entry<TopicPartition, ConsumerRecord<String, byte[]>> first : firsts(records).entrySet()) {
			TopicPartition partition = first.getKey();
			ConsumerRecord<String, byte[]> record = first.getValue();
			this.revoked.remove(partition);
			meter(partition);
			Instant timestamp = (record.timestamp() >= 0) ? Instant.ofEpochMilli(record.timestamp())
					: this.clock.instant();
			Instant now = this.clock.instant();
			this.inHand.compute(partition, (p, held) -> (held != null && held.offset == record.offset()) ? held
					: new InHand(record.offset(), record.key(), timestamp, now));
		}
	}

	/**
	 * Notes a batch done: its partitions have nothing in hand.
	 * @param records the batch
	 */
	public void succeeded(List<ConsumerRecord<String, byte[]>> records) {
		for (Map.Entry<TopicPartition, ConsumerRecord<String, byte[]>> first : firsts(records).entrySet()) {
			InHand held = this.inHand.get(first.getKey());
			if (held != null && held.failures > 0) {
				logger.info("{} {}: the batch that failed {} time(s) since {} is done", direction(first.getKey()),
						first.getKey(), held.failures, held.failingSince);
			}
			this.inHand.remove(first.getKey());
		}
	}

	/**
	 * Notes a batch that failed and is retried.
	 * @param records the batch
	 * @param cause why
	 */
	public void failed(List<ConsumerRecord<String, byte[]>> records, Throwable cause) {
		Instant now = this.clock.instant();
		for (TopicPartition partition : firsts(records).keySet()) {
			InHand held = this.inHand.get(partition);
			if (held != null) {
				held.failed(now, describe(cause));
			}
		}
	}

	/**
	 * Sets aside what a replica held of partitions it gives up in a rebalance: they are
	 * not reported here any more (another replica reports them), but their failures are
	 * kept in case the partition comes back, as it does after an eager rebalance that
	 * revokes every partition and assigns most of them again.
	 * @param partitions the partitions revoked or lost
	 */
	public void revoked(Collection<TopicPartition> partitions) {
		partitions.forEach((partition) -> this.revoked.add(partition));
	}

	/**
	 * Reports again partitions assigned to this replica.
	 * @param partitions the partitions assigned
	 */
	public void assigned(Collection<TopicPartition> partitions) {
		partitions.forEach(this.revoked::remove);
	}

	/**
	 * Returns the partitions whose batch is failing, and those whose batch has been in
	 * hand for longer than {@code degraded-after} without finishing, longest first.
	 * @return the stalls now
	 */
	public List<Stall> current() {
		Instant now = this.clock.instant();
		List<Stall> stalls = new ArrayList<>();
		this.inHand.forEach((partition, held) -> {
			if (this.revoked.contains(partition)) {
				return;
			}
			if (held.failures > 0 || Duration.between(held.takenAt, now).compareTo(this.degradedAfter) >= 0) {
				stalls.add(held.stall(partition, now));
			}
		});
		stalls.sort(Comparator.comparing(Stall::failingSince));
		return stalls;
	}

	/**
	 * Returns the stalls that degrade the worker's health: a batch failing, or in hand,
	 * for longer than {@code degraded-after}.
	 * @return the stalls past the threshold
	 */
	public List<Stall> degrading() {
		return current().stream().filter((stall) -> stall.failingFor().compareTo(this.degradedAfter) >= 0).toList();
	}

	/**
	 * Returns the oldest unprocessed event's age per direction and partition (those with
	 * a batch in hand).
	 * @return the ages, by {@code direction/partition}
	 */
	public Map<String, Duration> ages() {
		Instant now = this.clock.instant();
		Map<String, Duration> ages = new LinkedHashMap<>();
		this.inHand.forEach((partition, held) -> {
			if (!this.revoked.contains(partition)) {
				ages.put(direction(partition) + "/" + partition.partition(), Duration.between(held.oldest, now));
			}
		});
		return ages;
	}

	/**
	 * Logs at WARN every partition still retrying (or in hand for too long), with its
	 * cause.
	 */
	@Scheduled(fixedDelayString = "${hubsync.worker.retry.report-interval:1m}",
			initialDelayString = "${hubsync.worker.retry.report-interval:1m}")
	public void report() {
		for (Stall stall : current()) {
			logger.warn(
					"{} partition {} stalled for {} ({} failed attempt(s), oldest event waiting {}), first record"
							+ " key {} at offset {}: {}",
					stall.direction(), stall.partition(), stall.failingFor(), stall.failures(), stall.oldestAge(),
					stall.key(), stall.offset(), stall.cause());
		}
	}

	private void meter(TopicPartition partition) {
		if (!this.metered.add(partition)) {
			return;
		}
		String direction = direction(partition);
		String number = String.valueOf(partition.partition());
		Gauge.builder("hubsync.worker.oldest.unprocessed.age", this, (stalls) -> stalls.age(partition))
			.description("Age of the oldest event the worker holds unprocessed, by direction and partition")
			.baseUnit("seconds")
			.tag("direction", direction)
			.tag("partition", number)
			.register(this.meters);
		Gauge.builder("hubsync.worker.retrying", this, (stalls) -> stalls.retrying(partition))
			.description("How long a partition's batch has been failing and retried (0 when none is)")
			.baseUnit("seconds")
			.tag("direction", direction)
			.tag("partition", number)
			.register(this.meters);
	}

	private double age(TopicPartition partition) {
		InHand held = this.revoked.contains(partition) ? null : this.inHand.get(partition);
		return (held != null) ? Math.max(0, Duration.between(held.oldest, this.clock.instant()).toMillis() / 1000.0)
				: 0;
	}

	private double retrying(TopicPartition partition) {
		InHand held = this.revoked.contains(partition) ? null : this.inHand.get(partition);
		Instant since = (held != null) ? held.failingSince : null;
		return (since != null) ? Math.max(0, Duration.between(since, this.clock.instant()).toMillis() / 1000.0) : 0;
	}

	/**
	 * Returns the direction a topic's partition feeds.
	 * @param partition the partition
	 * @return {@code inbound}, {@code outbound}, or the topic's name
	 */
	static String direction(TopicPartition partition) {
		return switch (partition.topic()) {
			case Topics.HUBSPOT_EVENTS -> "inbound";
			case Topics.LOCAL_CHANGES -> "outbound";
			default -> partition.topic();
		};
	}

	private static Map<TopicPartition, ConsumerRecord<String, byte[]>> firsts(
			List<ConsumerRecord<String, byte[]>> records) {
		Map<TopicPartition, ConsumerRecord<String, byte[]>> firsts = new LinkedHashMap<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			firsts.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record);
		}
		return firsts;
	}

	private static String describe(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
		if (root != cause) {
			text += " (caused by " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
		}
		return text;
	}

	/**
	 * A partition whose batch keeps failing.
	 *
	 * @param direction {@code inbound} or {@code outbound}
	 * @param partition the partition
	 * @param offset the batch's first offset on it
	 * @param key that record's key (the record, by its HubSpot id or product key)
	 * @param failingSince the first failure (or, for a batch that has not failed, when it
	 * was taken in hand)
	 * @param failingFor how long since then
	 * @param failures how many attempts failed
	 * @param oldestAge how long the batch's oldest event has waited
	 * @param cause the last failure
	 */
	public record Stall(String direction, int partition, long offset, @Nullable String key, Instant failingSince,
			Duration failingFor, int failures, Duration oldestAge, String cause) {
	}

	private static final class InHand {

		final long offset;

		final @Nullable String key;

		final Instant oldest;

		final Instant takenAt;

		volatile @Nullable Instant failingSince;

		volatile int failures;

		volatile String cause = "";

		InHand(long offset, @Nullable String key, Instant oldest, Instant takenAt) {
			this.offset = offset;
			this.key = key;
			this.oldest = oldest;
			this.takenAt = takenAt;
		}

		synchronized void failed(Instant now, String cause) {
			if (this.failingSince == null) {
				this.failingSince = now;
			}
			this.failures++;
			this.cause = cause;
		}

		Stall stall(TopicPartition partition, Instant now) {
			Instant failing = this.failingSince;
			Instant since = (failing != null) ? failing : this.takenAt;
			String why = (failing != null) ? this.cause
					: "a batch in hand since " + this.takenAt + " has not finished (no failure so far)";
			return new Stall(direction(partition), partition.partition(), this.offset, this.key, since,
					Duration.between(since, now).withNanos(0), this.failures,
					Duration.between(this.oldest, now).withNanos(0), why);
		}

	}

}
