package dev.hubsync.publisher.capture;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.EventJson;
import dev.hubsync.events.serde.LocalChangeCodec;
import dev.hubsync.publisher.observability.PublisherMetrics;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Handles each batch the engine hands over: sends every row change to Kafka, waits
 * (bounded) until all are acknowledged, and only then marks the records processed, so
 * their offsets can be committed. A failure leaves the batch unmarked: the engine stops,
 * and restarts from the last committed offset (at-least-once; duplicates are dropped
 * downstream by identity).
 */
final class ChangeHandler implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {

	private final KafkaTemplate<String, byte[]> kafka;

	private final RecordConverter converter;

	private final SyncOriginTracker origins;

	private final LocalChangeCodec codec = new LocalChangeCodec();

	private final Duration publishTimeout;

	private final PublisherMetrics metrics;

	private final Clock clock;

	ChangeHandler(KafkaTemplate<String, byte[]> kafka, SyncOriginTracker origins, Duration publishTimeout,
			PublisherMetrics metrics, Clock clock) {
		this.kafka = kafka;
		this.origins = origins;
		this.converter = new RecordConverter(origins);
		this.publishTimeout = publishTimeout;
		this.metrics = metrics;
		this.clock = clock;
	}

	@Override
	public void handleBatch(List<RecordChangeEvent<SourceRecord>> records,
			DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) throws InterruptedException {
		List<CompletableFuture<?>> sends = new ArrayList<>(records.size());
		List<LocalChange> published = new ArrayList<>(records.size());
		for (RecordChangeEvent<SourceRecord> record : records) {
			Captured captured = this.converter.convert(record.record());
			if (captured instanceof Captured.Marker marker) {
				this.origins.marked(marker.txId(), marker.correlationId());
			}
			else if (captured instanceof Captured.Change change) {
				LocalChange local = change.change();
				sends.add(this.kafka.send(record(local)));
				published.add(local);
			}
		}
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(this.publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge a batch of " + sends.size()
					+ " changes; the engine restarts from its last committed offset", ex);
		}
		this.metrics.published(published, this.clock.instant());
		for (RecordChangeEvent<SourceRecord> record : records) {
			committer.markProcessed(record);
		}
		committer.markBatchFinished();
	}

	private ProducerRecord<String, byte[]> record(LocalChange change) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOCAL_CHANGES, change.key().toString(),
				this.codec.encode(change));
		String correlation = (change.correlationId() != null) ? change.correlationId() : UUID.randomUUID().toString();
		record.headers().add(EventHeaders.CORRELATION_ID, correlation.getBytes(StandardCharsets.UTF_8));
		record.headers().add(EventHeaders.SOURCE, EventSource.CDC.wireValue().getBytes(StandardCharsets.UTF_8));
		record.headers()
			.add(EventHeaders.SCHEMA_VERSION,
					String.valueOf(EventJson.SCHEMA_VERSION).getBytes(StandardCharsets.UTF_8));
		return record;
	}

}
