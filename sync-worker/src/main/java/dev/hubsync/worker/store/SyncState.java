package dev.hubsync.worker.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Processed event identities, the sync log and the review table. */
@Repository
public class SyncState {

	/**
	 * The review kind of a row that shares its match key with the row that has the link.
	 */
	public static final String DUPLICATE_EMAIL = "duplicate_email";

	/** The review kind of a HubSpot deletion the mass-deletion guard parked. */
	public static final String DELETION = "deletion";

	/** The review kind of a privacy deletion (erasure) the mass-deletion guard parked. */
	public static final String ERASURE = "erasure";

	/** The review kind of a product-side deletion the mass-deletion guard parked. */
	public static final String PRODUCT_DELETION = "product_deletion";

	/**
	 * Review kind: a field whose value does not convert to the other side (the record's
	 * other fields synced).
	 */
	public static final String FIELD_REFUSED = "field_refused";

	/** The resolution of a duplicate review that keeps the row and the record apart. */
	public static final String KEPT_APART = "kept_apart";

	/**
	 * The kinds of review that wait for a person: rows sharing an email, MANUAL
	 * conflicts, fuzzy proposals, values refused by the other side.
	 */
	public static final List<String> FOR_A_PERSON = List.of(DUPLICATE_EMAIL, "manual", "fuzzy", FIELD_REFUSED);

	private final JdbcClient jdbc;

	private final JdbcTemplate template;

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private final String flywayHistory;

	private volatile @Nullable Instant installedAt;

	SyncState(JdbcClient jdbc, JdbcTemplate template,
			@Value("${spring.flyway.table:flyway_schema_history}") String flywayTable) {
		this.jdbc = jdbc;
		this.template = template;
		if (!IDENTIFIER.matcher(flywayTable).matches()) {
			throw new IllegalStateException(
					"spring.flyway.table must be a plain table name (letters, digits, _), not '" + flywayTable + "'");
		}
		this.flywayHistory = flywayTable;
	}

	/**
	 * When HubSync was installed in this database: its first migration's time (kept by
	 * Flyway as a timestamp without zone, written in the session's zone, which is this
	 * JVM's, as is the reading session's).
	 * @return the installation time
	 */
	public Instant installedAt() {
		Instant at = this.installedAt;
		if (at == null) {
			at = this.jdbc
				.sql("SELECT coalesce(min(installed_on) AT TIME ZONE current_setting('TimeZone'), 'epoch')"
						+ " FROM hubsync." + this.flywayHistory)
				.query(java.time.OffsetDateTime.class)
				.single()
				.toInstant();
			this.installedAt = at;
		}
		return at;
	}

	/**
	 * Returns which identities were applied already.
	 * @param identities the identities
	 * @return those already processed
	 */
	public Set<String> processed(Collection<String> identities) {
		if (identities.isEmpty()) {
			return Set.of();
		}
		return new HashSet<>(this.jdbc.sql("SELECT identity FROM hubsync.processed_event WHERE identity = ANY(?)")
			.param(identities.toArray(String[]::new))
			.query(String.class)
			.list());
	}

	/**
	 * Records identities as applied (in the transaction of their effect).
	 * @param identities the identities
	 */
	public void markProcessed(Collection<String> identities) {
		if (identities.isEmpty()) {
			return;
		}
		this.jdbc.sql("INSERT INTO hubsync.processed_event (identity) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING")
			.param(identities.toArray(String[]::new))
			.update();
	}

	/**
	 * Appends a decision to the sync log.
	 * @param entry the decision
	 */
	public void log(LogEntry entry) {
		this.jdbc
			.sql("INSERT INTO hubsync.sync_log (direction, object_type_id, platform_key, hubspot_id, correlation_id,"
					+ " outcome, field, platform_value, hubspot_value, rule, winner, detail)"
					+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			.params(entry.direction(), entry.objectTypeId(), entry.platformKey(), entry.hubspotId(),
					entry.correlationId(), entry.outcome(), entry.field(), entry.platformValue(), entry.hubspotValue(),
					entry.rule(), entry.winner(), entry.detail())
			.update();
	}

	/**
	 * Appends decisions to the sync log in one JDBC batch.
	 * @param entries the decisions
	 */
	public void logAll(List<LogEntry> entries) {
		if (entries.isEmpty()) {
			return;
		}
		this.template.batchUpdate(
				"INSERT INTO hubsync.sync_log (direction, object_type_id, platform_key, hubspot_id,"
						+ " correlation_id, outcome, field, platform_value, hubspot_value, rule, winner, detail)"
						+ " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
				entries, entries.size(), (statement, entry) -> {
					statement.setString(1, entry.direction());
					statement.setString(2, entry.objectTypeId());
					statement.setString(3, entry.platformKey());
					statement.setObject(4, entry.hubspotId(), java.sql.Types.BIGINT);
					statement.setString(5, entry.correlationId());
					statement.setString(6, entry.outcome());
					statement.setString(7, entry.field());
					statement.setString(8, entry.platformValue());
					statement.setString(9, entry.hubspotValue());
					statement.setString(10, entry.rule());
					statement.setString(11, entry.winner());
					statement.setString(12, entry.detail());
				});
	}

	/**
	 * Parks something for a person.
	 * @param kind what ({@code manual}, {@code duplicate_email}, {@code merge},
	 * {@code deletion}, {@code fuzzy})
	 * @param objectTypeId the object type
	 * @param platformKey the platform row, if any
	 * @param hubspotId the HubSpot record, if any
	 * @param field the field, if any
	 * @param platformValue the platform's value
	 * @param hubspotValue HubSpot's value
	 * @param detail what to decide
	 */
	public void review(String kind, String objectTypeId, @Nullable String platformKey, @Nullable Long hubspotId,
			@Nullable String field, @Nullable String platformValue, @Nullable String hubspotValue, String detail) {
		this.jdbc
			.sql("INSERT INTO hubsync.review (kind, object_type_id, platform_key, hubspot_id, field, platform_value,"
					+ " hubspot_value, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
			.params(kind, objectTypeId, platformKey, hubspotId, field, platformValue, hubspotValue, detail)
			.update();
	}

	/**
	 * Parks something for a person once: an open item of the same kind for the same row,
	 * record and field is brought up to date instead of repeated, so a record seen again
	 * and again (every change of a duplicate row) makes one item.
	 * @param kind what ({@code manual}, {@code duplicate_email}, …)
	 * @param objectTypeId the object type
	 * @param platformKey the platform row, if any
	 * @param hubspotId the HubSpot record, if any
	 * @param field the field, if any
	 * @param platformValue the platform's value
	 * @param hubspotValue HubSpot's value
	 * @param detail what to decide
	 * @return whether a new item was opened
	 */
	public boolean openReview(String kind, String objectTypeId, @Nullable String platformKey, @Nullable Long hubspotId,
			@Nullable String field, @Nullable String platformValue, @Nullable String hubspotValue, String detail) {
		int updated = this.jdbc
			.sql("UPDATE hubsync.review SET platform_value = ?, hubspot_value = ?, detail = ?,"
					+ " hubspot_id = coalesce(?::bigint, hubspot_id) WHERE id = (SELECT id FROM hubsync.review"
					+ " WHERE resolved_at IS NULL AND kind = ? AND object_type_id = ?"
					+ " AND platform_key IS NOT DISTINCT FROM ? AND field IS NOT DISTINCT FROM ?"
					+ " AND (?::bigint IS NULL OR hubspot_id IS NULL OR hubspot_id = ?) ORDER BY id LIMIT 1)")
			.params(platformValue, hubspotValue, detail, hubspotId, kind, objectTypeId, platformKey, field, hubspotId,
					hubspotId)
			.update();
		if (updated > 0) {
			return false;
		}
		review(kind, objectTypeId, platformKey, hubspotId, field, platformValue, hubspotValue, detail);
		return true;
	}

	/**
	 * Records a field whose value does not convert to the other side: a sync log line
	 * ({@code refused}) and one open review per row and field, brought up to date while
	 * the value stays unconvertible.
	 * @param direction the direction
	 * @param objectTypeId the object type
	 * @param platformKey the row
	 * @param hubspotId the record
	 * @param correlationId the event's correlation id
	 * @param property the HubSpot property
	 * @param refusal the values and the reason
	 */
	public void refused(String direction, String objectTypeId, @Nullable String platformKey, @Nullable Long hubspotId,
			@Nullable String correlationId, String property, dev.hubsync.worker.merge.MergePlan.Refusal refusal) {
		String detail = refusal.column() + " <-> " + property + " does not convert: " + refusal.reason()
				+ "; the record's other fields synced";
		log(new LogEntry(direction, objectTypeId, platformKey, hubspotId, correlationId, "refused", property,
				refusal.platform(), refusal.hubspot(), null, null, detail));
		openReview(FIELD_REFUSED, objectTypeId, platformKey, hubspotId, property, refusal.platform(), refusal.hubspot(),
				detail);
	}

	/**
	 * Closes the open {@code field_refused} reviews of fields that are synced now (their
	 * value converted, or was fixed on one side): what was set aside is resolved.
	 * @param objectTypeId the object type
	 * @param fields the fields synced now, by row
	 */
	public void settleRefusals(String objectTypeId, Map<String, ? extends Collection<String>> fields) {
		List<String> keys = new java.util.ArrayList<>();
		List<String> properties = new java.util.ArrayList<>();
		fields.forEach((key, synced) -> synced.forEach((property) -> {
			keys.add(key);
			properties.add(property);
		}));
		if (keys.isEmpty()) {
			return;
		}
		this.template.update(connection -> {
			java.sql.PreparedStatement statement = connection.prepareStatement(
					"UPDATE hubsync.review SET resolved_at = now(), resolution = 'synced', resolved_by = 'sync'"
							+ " WHERE kind = '" + FIELD_REFUSED + "' AND resolved_at IS NULL AND object_type_id = ?"
							+ " AND (platform_key, field) IN (SELECT * FROM unnest(?::text[], ?::text[]))");
			statement.setString(1, objectTypeId);
			statement.setArray(2, connection.createArrayOf("text", keys.toArray()));
			statement.setArray(3, connection.createArrayOf("text", properties.toArray()));
			return statement;
		});
	}

	/**
	 * Closes the open {@code field_refused} reviews of a row whose record is archived
	 * (the product deleted the row): nothing is left for a person to fix. A row restored
	 * with a value still refused is reviewed again.
	 * @param objectTypeId the object type
	 * @param platformKey the row
	 */
	public void closeRefusalsOfDeleted(String objectTypeId, String platformKey) {
		this.template
			.update("UPDATE hubsync.review SET resolved_at = now(), resolution = 'deleted', resolved_by = 'sync'"
					+ " WHERE kind = '" + FIELD_REFUSED + "' AND resolved_at IS NULL AND object_type_id = ?"
					+ " AND platform_key = ?", objectTypeId, platformKey);
	}

	/**
	 * Tells whether a person decided that a row and a HubSpot record are not one (a
	 * duplicate review resolved "keep apart").
	 * @param objectTypeId the object type
	 * @param platformKey the row
	 * @param hubspotId the record
	 * @return whether they are kept apart
	 */
	public boolean keptApart(String objectTypeId, String platformKey, long hubspotId) {
		return this.jdbc
			.sql("SELECT count(*) FROM hubsync.review WHERE kind = ? AND object_type_id = ? AND platform_key = ?"
					+ " AND hubspot_id = ? AND resolution = ?")
			.params(DUPLICATE_EMAIL, objectTypeId, platformKey, hubspotId, KEPT_APART)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Tells whether a row has an unresolved review of a kind.
	 * @param kind the review's kind
	 * @param objectTypeId the object type
	 * @param platformKey the row
	 * @return whether it has
	 */
	public boolean hasOpenReview(String kind, String objectTypeId, String platformKey) {
		return this.jdbc
			.sql("SELECT count(*) FROM hubsync.review WHERE kind = ? AND object_type_id = ? AND platform_key = ?"
					+ " AND resolved_at IS NULL")
			.params(kind, objectTypeId, platformKey)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Returns the HubSpot records whose deletion or erasure the guard parked, unresolved,
	 * by kind ({@link #DELETION}, {@link #ERASURE}, {@link #PRODUCT_DELETION}).
	 * @param objectTypeId the object type
	 * @return the records of each kind, with their platform rows
	 */
	public Map<String, Map<Long, String>> openDeletionsByKind(String objectTypeId) {
		Map<String, Map<Long, String>> open = new java.util.LinkedHashMap<>();
		this.jdbc
			.sql("SELECT kind, hubspot_id, platform_key FROM hubsync.review WHERE kind = ANY(?) AND object_type_id = ?"
					+ " AND resolved_at IS NULL AND hubspot_id IS NOT NULL ORDER BY id")
			.params(new String[] { DELETION, ERASURE, PRODUCT_DELETION }, objectTypeId)
			.query((rs, n) -> open.computeIfAbsent(rs.getString(1), (k) -> new java.util.LinkedHashMap<>())
				.putIfAbsent(rs.getLong(2), rs.getString(3)))
			.list();
		return open;
	}

	/**
	 * Returns the HubSpot records whose deletion (either way) or erasure the guard
	 * parked, unresolved.
	 * @param objectTypeId the object type
	 * @return the records
	 */
	public List<Long> openDeletions(String objectTypeId) {
		return this.jdbc
			.sql("SELECT DISTINCT hubspot_id FROM hubsync.review WHERE kind = ANY(?) AND object_type_id = ?"
					+ " AND resolved_at IS NULL AND hubspot_id IS NOT NULL ORDER BY 1")
			.params(new String[] { DELETION, ERASURE, PRODUCT_DELETION }, objectTypeId)
			.query(Long.class)
			.list();
	}

	/**
	 * Marks the guard's parked deletions of an object type resolved.
	 * @param objectTypeId the object type
	 * @param kind the kind ({@link #DELETION}, {@link #ERASURE},
	 * {@link #PRODUCT_DELETION})
	 * @param by who released them (the admin key's name)
	 */
	public void resolveDeletions(String objectTypeId, String kind, String by) {
		this.jdbc
			.sql("UPDATE hubsync.review SET resolved_at = now(), resolution = 'released', resolved_by = ?"
					+ " WHERE kind = ? AND object_type_id = ? AND resolved_at IS NULL")
			.params(by, kind, objectTypeId)
			.update();
	}

	/**
	 * Counts the records the worker dead-lettered and nobody re-drove yet, by the kind of
	 * reason (the exception's class).
	 * @return the counts by reason
	 */
	public Map<String, Long> deadLettersWaiting() {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		this.jdbc
			.sql("SELECT d.reason_class, count(*) FROM hubsync.dead_letter d WHERE NOT EXISTS (SELECT 1 FROM"
					+ " hubsync.dlt_redrive r WHERE r.dlt_topic = d.dlt_topic AND r.dlt_partition = d.dlt_partition"
					+ " AND r.dlt_offset = d.dlt_offset) GROUP BY d.reason_class ORDER BY d.reason_class")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/**
	 * Counts open review items by kind.
	 * @return counts by kind
	 */
	public Map<String, Long> openReviews() {
		Map<String, Long> counts = new java.util.LinkedHashMap<>();
		this.jdbc.sql("SELECT kind, count(*) FROM hubsync.review WHERE resolved_at IS NULL GROUP BY kind ORDER BY kind")
			.query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2)))
			.list();
		return counts;
	}

	/**
	 * Erases a person from the sync log, the reviews, the parked events and the set-aside
	 * records (privacy deletion). Kafka's topics keep what they carry until their
	 * retention ends (docs/security.md).
	 * @param objectTypeId the object type
	 * @param hubspotId the HubSpot record
	 * @param platformKey the platform row, if known
	 */
	public void erase(String objectTypeId, long hubspotId, @Nullable String platformKey) {
		this.jdbc.sql("DELETE FROM hubsync.sync_log WHERE object_type_id = ? AND (hubspot_id = ? OR platform_key = ?)")
			.params(objectTypeId, hubspotId, platformKey)
			.update();
		this.jdbc.sql("DELETE FROM hubsync.review WHERE object_type_id = ? AND (hubspot_id = ? OR platform_key = ?)")
			.params(objectTypeId, hubspotId, platformKey)
			.update();
		// events parked for a paused direction and set-aside records carry the person's
		// values too: keyed {portal}:{type}:{id} (HubSpot) or {table}:{key} (product)
		String hubspotKey = "%:" + literal(objectTypeId) + ":" + hubspotId;
		String productKey = (platformKey != null) ? "%:" + literal(platformKey) : null;
		this.jdbc.sql("DELETE FROM hubsync.parked_event WHERE record_key LIKE ? OR record_key LIKE ?")
			.params(hubspotKey, productKey)
			.update();
		this.jdbc.sql("DELETE FROM hubsync.dead_letter WHERE record_key LIKE ? OR record_key LIKE ?")
			.params(hubspotKey, productKey)
			.update();
	}

	/**
	 * Removes expired identities and log rows.
	 * @param processedBefore identities processed before this are forgotten
	 * @param logBefore log rows before this are removed
	 * @return rows removed
	 */
	public int expire(Instant processedBefore, Instant logBefore) {
		int removed = this.jdbc.sql("DELETE FROM hubsync.processed_event WHERE processed_at < ?")
			.param(Timestamp.from(processedBefore))
			.update();
		return removed
				+ this.jdbc.sql("DELETE FROM hubsync.sync_log WHERE at < ?").param(Timestamp.from(logBefore)).update();
	}

	/**
	 * Forgets dead letters their topic no longer keeps (and their re-drives).
	 * @param before the topic's retention start
	 * @return how many were forgotten
	 */
	public int expireDeadLetters(Instant before) {
		return this.jdbc.sql("DELETE FROM hubsync.dead_letter WHERE dead_lettered_at < ?")
			.param(Timestamp.from(before))
			.update();
	}

	/**
	 * A sync log row.
	 *
	 * @param direction {@code inbound} or {@code outbound}
	 * @param objectTypeId the object type
	 * @param platformKey the platform row
	 * @param hubspotId the HubSpot record
	 * @param correlationId the input's correlation id
	 * @param outcome what was decided
	 * @param field the field, for field decisions
	 * @param platformValue the platform's value
	 * @param hubspotValue HubSpot's value
	 * @param rule the field's rule
	 * @param winner {@code platform}, {@code hubspot} or {@code none}
	 * @param detail more
	 */
	public record LogEntry(String direction, String objectTypeId, @Nullable String platformKey,
			@Nullable Long hubspotId, @Nullable String correlationId, String outcome, @Nullable String field,
			@Nullable String platformValue, @Nullable String hubspotValue, @Nullable String rule,
			@Nullable String winner, @Nullable String detail) {
	}

	/** A text matched literally by {@code LIKE} (its default escape is the backslash). */
	private static String literal(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
