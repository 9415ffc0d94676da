package dev.hubsync.worker.console;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The worker's dead letters for the console: listed from {@code hubsync.dead_letter}
 * (what the worker recorded when it set a record aside) with their re-drive from
 * {@code hubsync.dlt_redrive}; shown and re-driven from the dead-letter topic itself, as
 * {@code hubsync-ops dlt redrive} does it: the re-drive row is claimed first, in a
 * transaction committed only once Kafka has the copy, so a letter is re-driven at most
 * once whoever asks (the CLI or the console).
 */
@Component
class DeadLetters {

	static final List<String> TOPICS = List.of(Topics.HUBSPOT_EVENTS_DLT, Topics.LOCAL_CHANGES_DLT);

	private static final Set<String> REPLAYABLE = Set.of(Topics.HUBSPOT_EVENTS, Topics.LOCAL_CHANGES);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, byte[]> kafka;

	private final KafkaProperties kafkaProperties;

	DeadLetters(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
			KafkaProperties kafkaProperties) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.kafkaProperties = kafkaProperties;
	}

	/**
	 * One dead letter as the worker recorded it.
	 *
	 * @param topic the dead-letter topic
	 * @param partition its partition
	 * @param offset its offset
	 * @param key the record key
	 * @param reasonClass the exception's class
	 * @param reason the reason
	 * @param at when it was dead-lettered
	 * @param redrivenAt when it was re-driven, if it was
	 * @param redrivenBy by whom
	 */
	record Letter(String topic, int partition, long offset, @Nullable String key, String reasonClass,
			@Nullable String reason, Instant at, @Nullable Instant redrivenAt, @Nullable String redrivenBy) {

		/**
		 * Returns the letter's id, {@code topic/partition/offset}.
		 * @return the id
		 */
		public String id() {
			return this.topic + "/" + this.partition + "/" + this.offset;
		}

		/**
		 * Returns the exception's simple class name.
		 * @return the reason's class without its package
		 */
		public String simpleReason() {
			return this.reasonClass.substring(this.reasonClass.lastIndexOf('.') + 1);
		}

	}

	/**
	 * A dead letter read back from its topic.
	 *
	 * @param letter as recorded
	 * @param headers its headers but the stack trace
	 * @param payload its payload as text
	 */
	record Shown(Letter letter, Map<String, String> headers, @Nullable String payload) {
	}

	List<Letter> list(@Nullable String topic, @Nullable String reason, int limit) {
		return this.jdbc
			.sql("SELECT d.*, r.redriven_at, r.redriven_by FROM hubsync.dead_letter d"
					+ " LEFT JOIN hubsync.dlt_redrive r USING (dlt_topic, dlt_partition, dlt_offset)"
					+ " WHERE (?::text IS NULL OR d.dlt_topic = ?) AND (?::text IS NULL OR d.reason_class = ?"
					+ " OR d.reason_class LIKE '%.' || ?) ORDER BY d.dead_lettered_at DESC LIMIT ?")
			.params(topic, topic, reason, reason, reason, limit)
			.query(DeadLetters::letter)
			.list();
	}

	/** Reasons (exception classes) of the letters not re-driven, with their counts. */
	Map<String, Long> reasons() {
		Map<String, Long> reasons = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT d.reason_class, count(*) FROM hubsync.dead_letter d LEFT JOIN hubsync.dlt_redrive r"
					+ " USING (dlt_topic, dlt_partition, dlt_offset) WHERE r.dlt_topic IS NULL GROUP BY 1 ORDER BY 1")
			.query((rs, n) -> reasons.put(rs.getString(1), rs.getLong(2)))
			.list();
		return reasons;
	}

	/** Letters not re-driven by topic. */
	Map<String, Long> waitingByTopic() {
		Map<String, Long> topics = new LinkedHashMap<>();
		TOPICS.forEach((topic) -> topics.put(topic, 0L));
		this.jdbc
			.sql("SELECT d.dlt_topic, count(*) FROM hubsync.dead_letter d LEFT JOIN hubsync.dlt_redrive r"
					+ " USING (dlt_topic, dlt_partition, dlt_offset) WHERE r.dlt_topic IS NULL GROUP BY 1")
			.query((rs, n) -> topics.put(rs.getString(1), rs.getLong(2)))
			.list();
		return topics;
	}

	Optional<Letter> find(String topic, int partition, long offset) {
		return this.jdbc
			.sql("SELECT d.*, r.redriven_at, r.redriven_by FROM hubsync.dead_letter d"
					+ " LEFT JOIN hubsync.dlt_redrive r USING (dlt_topic, dlt_partition, dlt_offset)"
					+ " WHERE d.dlt_topic = ? AND d.dlt_partition = ? AND d.dlt_offset = ?")
			.params(topic, partition, offset)
			.query(DeadLetters::letter)
			.optional();
	}

	Optional<Shown> show(Letter letter) {
		return read(letter).map((record) -> {
			Map<String, String> headers = new LinkedHashMap<>();
			for (Header header : record.headers()) {
				if (!header.key().equals(EventHeaders.DLT_EXCEPTION_STACKTRACE)) {
					headers.put(header.key(), EventHeaders.display(header.key(), header.value()));
				}
			}
			return new Shown(letter, headers,
					(record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : null);
		});
	}

	/**
	 * Re-drives a dead letter to the topic it came from, unless it was re-driven before.
	 * @param letter the letter
	 * @param by who re-drives it (an admin key's name)
	 * @return what was done
	 */
	String redrive(Letter letter, String by) {
		if (letter.redrivenAt() != null) {
			return "skipped " + letter.id() + ": re-driven at " + letter.redrivenAt() + " already";
		}
		ConsumerRecord<String, byte[]> record = read(letter).orElse(null);
		if (record == null) {
			return "skipped " + letter.id() + ": it is no longer in its topic";
		}
		Header original = record.headers().lastHeader(EventHeaders.DLT_ORIGINAL_TOPIC);
		String target = (original != null) ? new String(original.value(), StandardCharsets.UTF_8) : null;
		if (target == null || !REPLAYABLE.contains(target)) {
			return "skipped " + letter.id() + ": no original topic to send it back to";
		}
		String done = this.transactions.execute((status) -> {
			int claimed = this.jdbc
				.sql("INSERT INTO hubsync.dlt_redrive (dlt_topic, dlt_partition, dlt_offset,"
						+ " record_key, target_topic, redriven_by) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
				.params(letter.topic(), letter.partition(), letter.offset(), letter.key(), target, by)
				.update();
			if (claimed != 1) {
				return "skipped " + letter.id() + ": re-driven meanwhile by someone else";
			}
			RecordMetadata metadata = send(copy(record, target));
			this.jdbc
				.sql("UPDATE hubsync.dlt_redrive SET target_offset = ? WHERE dlt_topic = ? AND dlt_partition = ?"
						+ " AND dlt_offset = ?")
				.params(metadata.offset(), letter.topic(), letter.partition(), letter.offset())
				.update();
			return "re-drove " + letter.id() + " to " + target + "-" + metadata.partition() + "@" + metadata.offset();
		});
		return (done != null) ? done : "skipped " + letter.id();
	}

	private RecordMetadata send(ProducerRecord<String, byte[]> record) {
		try {
			return this.kafka.send(record).get(60, TimeUnit.SECONDS).getRecordMetadata();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not take the re-driven record: " + ex, ex);
		}
	}

	/** The dead-letter headers stay out: the event goes back as it first came. */
	private static ProducerRecord<String, byte[]> copy(ConsumerRecord<String, byte[]> record, String target) {
		ProducerRecord<String, byte[]> copy = new ProducerRecord<>(target, record.key(), record.value());
		Set<String> dropped = Set.of(EventHeaders.SOURCE, EventHeaders.REPLAYED_AT, EventHeaders.DLT_REASON);
		for (Header header : record.headers()) {
			if (!header.key().startsWith("kafka_dlt-") && !dropped.contains(header.key())) {
				copy.headers().add(header);
			}
		}
		copy.headers()
			.add(EventHeaders.SOURCE, EventSource.REPLAY.wireValue().getBytes(StandardCharsets.UTF_8))
			.add(EventHeaders.REPLAYED_AT, Instant.now().toString().getBytes(StandardCharsets.UTF_8));
		return copy;
	}

	private Optional<ConsumerRecord<String, byte[]>> read(Letter letter) {
		Map<String, Object> config = new HashMap<>(this.kafkaProperties.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		TopicPartition partition = new TopicPartition(letter.topic(), letter.partition());
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seek(partition, letter.offset());
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() == letter.offset()) {
						return Optional.of(record);
					}
					if (record.offset() > letter.offset()) {
						return Optional.empty();
					}
				}
			}
			return Optional.empty();
		}
	}

	private static Letter letter(ResultSet rs, int n) throws SQLException {
		java.sql.Timestamp redriven = rs.getTimestamp("redriven_at");
		return new Letter(rs.getString("dlt_topic"), rs.getInt("dlt_partition"), rs.getLong("dlt_offset"),
				rs.getString("record_key"), rs.getString("reason_class"), rs.getString("reason"),
				rs.getTimestamp("dead_lettered_at").toInstant(), (redriven != null) ? redriven.toInstant() : null,
				rs.getString("redriven_by"));
	}

}
