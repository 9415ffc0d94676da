package dev.hubsync.worker.results;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.LogContext;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.events.serde.RecordCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends outcomes to {@code hubsync.sync.results.v1} and poison records to their topic's
 * dead-letter topic, with the reason and where they came from (spring-kafka's header
 * names, so operators' tools read both alike).
 */
@Component
public class ResultPublisher {

	private static final Logger logger = LoggerFactory.getLogger(ResultPublisher.class);

	private final KafkaTemplate<String, byte[]> kafka;

	private final RecordCodec<SyncResult> codec = new RecordCodec<>(SyncResult.class);

	private final MeterRegistry meters;

	private final JdbcClient jdbc;

	ResultPublisher(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters, JdbcClient jdbc) {
		this.kafka = kafka;
		this.meters = meters;
		this.jdbc = jdbc;
		// registered at zero, so an alert on their increase sees the first dead letter
		deadLetters(Topics.HUBSPOT_EVENTS_DLT);
		deadLetters(Topics.LOCAL_CHANGES_DLT);
	}

	private Counter deadLetters(String topic) {
		return Counter.builder("hubsync.worker.dead.letters")
			.description("Records the worker dead-lettered, by dead-letter topic")
			.tag("topic", topic)
			.register(this.meters);
	}

	/**
	 * Publishes outcomes and waits for Kafka (the results are the audit trail).
	 * @param results the outcomes
	 */
	public void publish(List<SyncResult> results) {
		List<CompletableFuture<?>> sends = new ArrayList<>(results.size());
		for (SyncResult result : results) {
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.SYNC_RESULTS, result.key(),
					this.codec.encode(result));
			if (result.correlationId() != null) {
				record.headers()
					.add(EventHeaders.CORRELATION_ID, result.correlationId().getBytes(StandardCharsets.UTF_8));
			}
			sends.add(this.kafka.send(record));
		}
		await(sends, "sync results");
	}

	/**
	 * Dead-letters a record: the same key, value and headers on the topic's {@code .dlt},
	 * with the reason.
	 * @param record the poison record
	 * @param groupId the consumer group that failed on it
	 * @param failure why
	 */
	public void deadLetter(ConsumerRecord<String, byte[]> record, String groupId, Throwable failure) {
		ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetterOf(record.topic()), null,
				record.key(), record.value());
		deadLetters(dead.topic()).increment();
		for (Header header : record.headers()) {
			dead.headers().add(header);
		}
		String reason = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		dead.headers()
			.add(EventHeaders.DLT_REASON, utf8(reason))
			.add(EventHeaders.DLT_ORIGINAL_TOPIC, utf8(record.topic()))
			.add(EventHeaders.DLT_ORIGINAL_PARTITION, EventHeaders.int32(record.partition()))
			.add(EventHeaders.DLT_ORIGINAL_OFFSET, EventHeaders.int64(record.offset()))
			.add(EventHeaders.DLT_ORIGINAL_TIMESTAMP, EventHeaders.int64(record.timestamp()))
			.add(EventHeaders.DLT_ORIGINAL_TIMESTAMP_TYPE, utf8(record.timestampType().toString()))
			.add(EventHeaders.DLT_ORIGINAL_CONSUMER_GROUP, utf8(groupId))
			.add(EventHeaders.DLT_EXCEPTION_FQCN, utf8(failure.getClass().getName()))
			.add(EventHeaders.DLT_EXCEPTION_MESSAGE, utf8(reason));
		Header correlation = record.headers().lastHeader(EventHeaders.CORRELATION_ID);
		try (LogContext context = LogContext
			.of((correlation != null) ? new String(correlation.value(), StandardCharsets.UTF_8) : null, record.key())) {
			logger.warn("Dead-lettered {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
					record.key(), reason);
		}
		SendResult<String, byte[]> sent = awaitOne(this.kafka.send(dead), "a dead letter");
		remember(sent, record.key(), failure.getClass().getSimpleName(), reason);
	}

	/**
	 * Records a dead letter for {@code /api/status}'s count by reason. The dead letter is
	 * in Kafka already: a database that cannot take the row now only makes the count
	 * short (hubsync-ops status counts from the topic).
	 */
	private void remember(SendResult<String, byte[]> sent, @Nullable String key, String reasonClass, String reason) {
		try {
			this.jdbc
				.sql("INSERT INTO hubsync.dead_letter (dlt_topic, dlt_partition, dlt_offset, record_key, reason_class,"
						+ " reason) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
				.params(sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition(),
						sent.getRecordMetadata().offset(), key, reasonClass,
						(reason.length() > 2000) ? reason.substring(0, 2000) : reason)
				.update();
		}
		catch (org.springframework.dao.DataAccessException ex) {
			logger.warn("Dead letter {}-{}@{} not counted in the status: {}", sent.getRecordMetadata().topic(),
					sent.getRecordMetadata().partition(), sent.getRecordMetadata().offset(), ex.getMessage());
		}
	}

	private static <T> T awaitOne(CompletableFuture<T> send, String what) {
		try {
			return send.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while sending " + what, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge " + what + ": " + ex.getMessage(), ex);
		}
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static void await(List<CompletableFuture<?>> sends, String what) {
		awaitOne(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)), what);
	}

}
