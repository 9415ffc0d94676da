package dev.hubsync.worker.support;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.infra.junit.SharedInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * Product row changes published as the outbound publisher publishes them: a
 * {@link LocalChange} keyed by table and key, with before and after images read from the
 * database, the change's commit time (the row's {@code updated_at}, which the demo's
 * trigger sets in the changing transaction) and an LSN that grows.
 */
public final class Changes implements AutoCloseable {

	private static final AtomicLong LSN = new AtomicLong(1_000_000);

	private final KafkaProducer<String, byte[]> producer;

	private final Sql sql;

	/**
	 * Creates a publisher on the shared broker.
	 * @param sql the product's database
	 */
	public Changes(Sql sql) {
		this(sql, SharedInfra.kafka().bootstrapServers());
	}

	/**
	 * Creates a publisher on a broker (a test's own, when it publishes its own mappings).
	 * @param sql the product's database
	 * @param bootstrapServers the broker
	 */
	public Changes(Sql sql, String bootstrapServers) {
		this.sql = sql;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
				new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * Reads a lead as the publisher would image it.
	 * @param key the lead's id
	 * @return the row
	 * @throws SQLException when it fails
	 */
	public Row lead(String key) throws SQLException {
		return image("leads", key);
	}

	/**
	 * Reads a row of a demo table as the publisher would image it.
	 * @param table the table
	 * @param key the row's id
	 * @return the row
	 * @throws SQLException when it fails
	 */
	public Row image(String table, String key) throws SQLException {
		Map<String, Object> values = this.sql.row("SELECT * FROM public." + table + " WHERE id = ?::uuid", key);
		Row.Builder builder = Row.builder();
		for (Map.Entry<String, Object> entry : values.entrySet()) {
			Object value = entry.getValue();
			String column = entry.getKey();
			if (column.equals("id") || column.endsWith("_id")) {
				builder.put(column, ColumnType.UUID, value);
			}
			else if (value instanceof Timestamp timestamp) {
				builder.put(column, ColumnType.TIMESTAMPTZ, timestamp.toInstant());
			}
			else if (value instanceof java.sql.Date date) {
				builder.put(column, ColumnType.DATE, date.toLocalDate());
			}
			else if (value instanceof java.math.BigDecimal decimal) {
				builder.put(column, ColumnType.DECIMAL, decimal);
			}
			else if (column.endsWith("_at")) {
				builder.put(column, ColumnType.TIMESTAMPTZ, null);
			}
			else {
				builder.put(column, ColumnType.TEXT, value);
			}
		}
		return builder.build();
	}

	/**
	 * Builds a change event.
	 * @param table the table
	 * @param key the row's key
	 * @param op what happened
	 * @param before the row before, for updates
	 * @param after the row after
	 * @return the record to publish
	 */
	public ProducerRecord<String, byte[]> change(String table, String key, ChangeOp op, @Nullable Row before,
			@Nullable Row after) {
		Instant committed = (after != null && after.get("updated_at") instanceof Instant at) ? at : Instant.now();
		return record(new LocalChange(table, key, op, before, after, 1, LSN.incrementAndGet(), committed, false, null));
	}

	/**
	 * Builds the record the publisher makes of a change.
	 * @param change the change
	 * @return the record to publish
	 */
	public static ProducerRecord<String, byte[]> record(LocalChange change) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOCAL_CHANGES, change.key().toString(),
				EventSerdes.localChanges().serialize(Topics.LOCAL_CHANGES, change));
		record.headers()
			.add(EventHeaders.CORRELATION_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
			.add(EventHeaders.SOURCE, "cdc".getBytes(StandardCharsets.UTF_8));
		return record;
	}

	/**
	 * Runs an update of a lead and returns its change event (not published yet).
	 * @param key the lead
	 * @param set the SQL {@code SET} clause
	 * @return the change
	 * @throws SQLException when it fails
	 */
	public ProducerRecord<String, byte[]> updateLead(String key, String set) throws SQLException {
		Row before = lead(key);
		this.sql.execute("UPDATE public.leads SET " + set + " WHERE id = ?::uuid", key);
		return change("leads", key, ChangeOp.UPDATE, before, lead(key));
	}

	/**
	 * Publishes changes and waits for the acknowledgements.
	 * @param records the changes
	 * @throws Exception when Kafka refuses
	 */
	public void send(List<ProducerRecord<String, byte[]>> records) throws Exception {
		List<Future<?>> sends = new ArrayList<>();
		for (ProducerRecord<String, byte[]> record : records) {
			sends.add(this.producer.send(record));
		}
		this.producer.flush();
		for (Future<?> send : sends) {
			send.get();
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
