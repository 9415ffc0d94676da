package dev.hubsync.worker.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.hubsync.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class StallsTests {

	private static final Instant START = Instant.parse("2026-12-04T12:00:00Z");

	private final AtomicReference<Instant> now = new AtomicReference<>(START);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final Stalls stalls = new Stalls(new Clock() {

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return StallsTests.this.now.get();
		}

	}, this.meters, Duration.ofMinutes(2));

	private final SyncHealthIndicator health = new SyncHealthIndicator(this.stalls);

	@Test
	void aBatchDoneLeavesNothingInHand() {
		List<ConsumerRecord<String, byte[]>> batch = List.of(record(Topics.LOCAL_CHANGES, 2, 10, "leads:a", 30),
				record(Topics.LOCAL_CHANGES, 2, 11, "leads:b", 20));
		this.stalls.started(batch);
		advance(Duration.ofSeconds(5));
		assertThat(gauge("hubsync.worker.oldest.unprocessed.age", "outbound", "2")).isEqualTo(35.0);
		this.stalls.succeeded(batch);
		assertThat(gauge("hubsync.worker.oldest.unprocessed.age", "outbound", "2")).isZero();
		assertThat(this.stalls.current()).isEmpty();
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aBatchFailingPastTheThresholdDegradesHealthWithItsPartitionKeyAndCause() {
		List<ConsumerRecord<String, byte[]>> batch = List.of(record(Topics.HUBSPOT_EVENTS, 4, 7, "0-2:900", 1),
				record(Topics.HUBSPOT_EVENTS, 1, 3, "0-1:12", 1));
		this.stalls.started(batch);
		this.stalls.failed(batch, new IllegalStateException("null value in column \"name\""));
		advance(Duration.ofMinutes(1));
		// a retry of the same batch keeps the first failure's time
		this.stalls.started(batch);
		this.stalls.failed(batch, new IllegalStateException("null value in column \"name\""));
		assertThat(this.stalls.current()).hasSize(2);
		assertThat(this.stalls.degrading()).isEmpty();
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(gauge("hubsync.worker.retrying", "inbound", "4")).isEqualTo(60.0);

		advance(Duration.ofMinutes(1));
		assertThat(this.stalls.degrading()).extracting(Stalls.Stall::partition).containsExactlyInAnyOrder(4, 1);
		Stalls.Stall stall = this.stalls.degrading()
			.stream()
			.filter((s) -> s.partition() == 4)
			.findFirst()
			.orElseThrow();
		assertThat(stall.direction()).isEqualTo("inbound");
		assertThat(stall.key()).isEqualTo("0-2:900");
		assertThat(stall.offset()).isEqualTo(7);
		assertThat(stall.failures()).isEqualTo(2);
		assertThat(stall.failingFor()).isEqualTo(Duration.ofMinutes(2));
		assertThat(stall.cause()).contains("null value in column");
		assertThat(this.health.health().getStatus()).isEqualTo(SyncHealthIndicator.DEGRADED);
		assertThat(this.health.health().getDetails().get("stalled").toString()).contains("inbound partition 4")
			.contains("0-2:900");

		this.stalls.succeeded(batch);
		assertThat(this.health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(gauge("hubsync.worker.retrying", "inbound", "4")).isZero();
	}

	@Test
	void aBatchInHandTooLongWithoutFailingIsAStallToo() {
		List<ConsumerRecord<String, byte[]>> batch = List.of(record(Topics.LOCAL_CHANGES, 0, 1, "leads:x", 0));
		this.stalls.started(batch);
		advance(Duration.ofMinutes(3));
		assertThat(this.stalls.degrading()).singleElement()
			.satisfies((stall) -> assertThat(stall.cause()).contains("has not finished"));
	}

	@Test
	void partitionsGivenUpInARebalanceAreNotReportedAndKeepTheirFailuresWhenTheyComeBack() {
		List<ConsumerRecord<String, byte[]>> batch = List.of(record(Topics.LOCAL_CHANGES, 3, 1, "leads:x", 0));
		TopicPartition partition = new TopicPartition(Topics.LOCAL_CHANGES, 3);
		this.stalls.started(batch);
		this.stalls.failed(batch, new IllegalStateException("database away"));
		advance(Duration.ofMinutes(1));
		this.stalls.revoked(List.of(partition));
		assertThat(this.stalls.current()).isEmpty();
		assertThat(gauge("hubsync.worker.oldest.unprocessed.age", "outbound", "3")).isZero();
		assertThat(gauge("hubsync.worker.retrying", "outbound", "3")).isZero();
		// an eager rebalance gives it back: the retry goes on, its history with it
		this.stalls.assigned(List.of(partition));
		advance(Duration.ofMinutes(1));
		this.stalls.started(batch);
		this.stalls.failed(batch, new IllegalStateException("database away"));
		assertThat(this.stalls.degrading()).singleElement().satisfies((stall) -> {
			assertThat(stall.failures()).isEqualTo(2);
			assertThat(stall.failingFor()).isEqualTo(Duration.ofMinutes(2));
		});
	}

	private double gauge(String name, String direction, String partition) {
		return this.meters.get(name).tag("direction", direction).tag("partition", partition).gauge().value();
	}

	private void advance(Duration by) {
		this.now.updateAndGet((at) -> at.plus(by));
	}

	private ConsumerRecord<String, byte[]> record(String topic, int partition, long offset, String key,
			long secondsOld) {
		return new ConsumerRecord<>(topic, partition, offset, this.now.get().minusSeconds(secondsOld).toEpochMilli(),
				TimestampType.CREATE_TIME, 0, 0, key, new byte[0], new RecordHeaders(), java.util.Optional.empty());
	}

}
