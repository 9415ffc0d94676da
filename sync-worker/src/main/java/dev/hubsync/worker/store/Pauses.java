package dev.hubsync.worker.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operator pauses per direction and object type (ARCHITECTURE §9), shared by every
 * replica through the database and cached for a short time, and the events parked while
 * paused.
 */
@Repository
public class Pauses {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration CACHE = Duration.ofSeconds(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Set<String> cached = Set.of();

	private volatile Instant cachedAt = Instant.EPOCH;

	private final TransactionTemplate transactions;

	Pauses(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = transactions;
	}

	/**
	 * Tells whether a direction is paused for an object type.
	 * @param direction {@code inbound} or {@code outbound}
	 * @param objectTypeId the object type
	 * @return whether it is
	 */
	public boolean paused(String direction, String objectTypeId) {
		Instant now = this.clock.instant();
		if (now.isAfter(this.cachedAt.plus(CACHE))) {
			this.cached = Set.copyOf(this.jdbc.sql("SELECT direction || '/' || object_type_id FROM hubsync.pause")
				.query(String.class)
				.list());
			this.cachedAt = now;
		}
		return this.cached.contains(direction + "/" + objectTypeId);
	}

	/**
	 * Pauses.
	 * @param direction the direction
	 * @param objectTypeId the object type
	 * @param by who
	 */
	public void pause(String direction, String objectTypeId, String by) {
		this.jdbc
			.sql("INSERT INTO hubsync.pause (direction, object_type_id, paused_by) VALUES (?, ?, ?)"
					+ " ON CONFLICT DO NOTHING")
			.params(direction, objectTypeId, by)
			.update();
		this.cachedAt = Instant.EPOCH;
	}

	/**
	 * Resumes. The {@code DELETE} waits for parkings under way ({@link #park}), so the
	 * parked events read after it are all there are.
	 * @param direction the direction
	 * @param objectTypeId the object type
	 * @return whether it was paused
	 */
	public boolean resume(String direction, String objectTypeId) {
		int removed = this.jdbc.sql("DELETE FROM hubsync.pause WHERE direction = ? AND object_type_id = ?")
			.params(direction, objectTypeId)
			.update();
		this.cachedAt = Instant.EPOCH;
		return removed > 0;
	}

	/**
	 * Lists the pauses.
	 * @return {@code direction} to object types
	 */
	public Map<String, List<String>> all() {
		return this.jdbc.sql("SELECT direction, object_type_id FROM hubsync.pause ORDER BY 1, 2")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2) })
			.list()
			.stream()
			.collect(Collectors.groupingBy((pair) -> pair[0], LinkedHashMap::new,
					Collectors.mapping((pair) -> pair[1], Collectors.toList())));
	}

	/**
	 * Parks an event whole, if its direction is still paused. The pause row is read
	 * {@code FOR SHARE} in the parking transaction: a resume's {@code DELETE} waits for
	 * parkings under way and reads the parked events after them, and a parking after the
	 * resume finds no pause, so no event is left parked after a resume on any replica.
	 * @param direction the direction
	 * @param objectTypeId the object type
	 * @param record the record
	 * @return whether it was parked (false: resumed meanwhile, process it)
	 */
	public boolean park(String direction, String objectTypeId, ConsumerRecord<String, byte[]> record) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Header header : record.headers()) {
			headers.put(header.key(), Base64.getEncoder().encodeToString(header.value()));
		}
		Boolean parked = this.transactions.execute((status) -> {
			boolean paused = !this.jdbc
				.sql("SELECT 1 FROM hubsync.pause WHERE direction = ? AND object_type_id = ? FOR SHARE")
				.params(direction, objectTypeId)
				.query(Integer.class)
				.list()
				.isEmpty();
			if (!paused) {
				return false;
			}
			this.jdbc
				.sql("INSERT INTO hubsync.parked_event (direction, object_type_id, topic, record_key,"
						+ " record_value, headers) VALUES (?, ?, ?, ?, ?, ?::jsonb)")
				.params(direction, objectTypeId, record.topic(), record.key(), record.value(),
						JSON.writeValueAsString(headers))
				.update();
			return true;
		});
		if (!Boolean.TRUE.equals(parked)) {
			this.cachedAt = Instant.EPOCH;
			return false;
		}
		return true;
	}

	/**
	 * Returns parked events, oldest first.
	 * @param direction the direction
	 * @param objectTypeId the object type
	 * @return the events
	 */
	public List<Parked> parked(String direction, String objectTypeId) {
		return this.jdbc
			.sql("SELECT id, topic, record_key, record_value, headers::text FROM hubsync.parked_event"
					+ " WHERE direction = ? AND object_type_id = ? ORDER BY id")
			.params(direction, objectTypeId)
			.query((rs, n) -> {
				Map<String, String> encoded = JSON.readValue(rs.getString(5), new TypeReference<Map<String, String>>() {
				});
				Map<String, byte[]> headers = new LinkedHashMap<>();
				encoded.forEach((key, value) -> headers.put(key, Base64.getDecoder().decode(value)));
				return new Parked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), headers);
			})
			.list();
	}

	/**
	 * Forgets parked events once published again.
	 * @param ids the events
	 */
	public void unpark(List<Long> ids) {
		if (!ids.isEmpty()) {
			this.jdbc.sql("DELETE FROM hubsync.parked_event WHERE id = ANY(?)")
				.param(ids.toArray(Long[]::new))
				.update();
		}
	}

	/**
	 * Counts parked events per direction and object type.
	 * @return counts by {@code direction/objectTypeId}
	 */
	public Map<String, Long> parkedCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc
			.sql("SELECT direction || '/' || object_type_id, count(*) FROM hubsync.parked_event GROUP BY 1 ORDER BY 1")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/**
	 * An event parked while paused.
	 *
	 * @param id its id
	 * @param topic where it came from
	 * @param key its key
	 * @param value its value
	 * @param headers its headers
	 */
	public record Parked(long id, String topic, String key, byte[] value, Map<String, byte[]> headers) {

		/**
		 * Returns a header as text.
		 * @param name the header
		 * @return its value, or null
		 */
		public String header(String name) {
			byte[] value = this.headers.get(name);
			return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
		}

	}

}
