package dev.hubsync.worker.store;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.local.SyncOrigin;
import dev.hubsync.events.mapping.MappingConfig;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The product's rows, as the sync reads and writes them. Every identifier comes from a
 * validated mapping and the table's own metadata and is quoted; every value is a bound
 * parameter cast to the column's type.
 * <p>
 * Over 300 lines on purpose: every statement on the product's tables is here, so what the
 * sync may do to a product's data is read in one file.
 */
@Repository
public class PlatformRows {

	/** The column the identity rule orders rows by, when a table has it. */
	public static final String CREATED_AT = "created_at";

	private final JdbcTemplate jdbc;

	private final PlatformTables tables;

	PlatformRows(JdbcTemplate jdbc, PlatformTables tables) {
		this.jdbc = jdbc;
		this.tables = tables;
	}

	/**
	 * Starts the current transaction as the sync's own (ARCHITECTURE §5): the publisher
	 * flags every change of it as sync-origin.
	 * @param correlationId the correlation id carried to the change events
	 */
	public void markSyncOrigin(String correlationId) {
		this.jdbc.query(SyncOrigin.MARKER_SQL, (rs) -> null, correlationId);
	}

	/**
	 * Reads rows by key.
	 * @param config the mapping
	 * @param keys the keys
	 * @return the rows by key (as text)
	 */
	public Map<String, Row> read(MappingConfig config, Collection<String> keys) {
		return read(config, keys, false);
	}

	/**
	 * Reads rows by key and locks them for this transaction ({@code FOR UPDATE}), in key
	 * order so two transactions locking overlapping rows cannot deadlock.
	 * @param config the mapping
	 * @param keys the keys
	 * @return the rows by key (as text)
	 */
	public Map<String, Row> lock(MappingConfig config, Collection<String> keys) {
		return read(config, keys.stream().sorted().toList(), true);
	}

	private Map<String, Row> read(MappingConfig config, Collection<String> keys, boolean forUpdate) {
		Map<String, Row> rows = new LinkedHashMap<>();
		if (keys.isEmpty()) {
			return rows;
		}
		PlatformTable table = this.tables.of(config);
		String key = PlatformTables.quote(config.keyColumn());
		String sql = "SELECT * FROM " + table.qualified() + " WHERE " + key + " = ANY("
				+ arrayParameter(table, config.keyColumn()) + ")"
				+ (forUpdate ? " ORDER BY " + key + " FOR UPDATE" : "");
		this.jdbc.query((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
			return statement;
		}, (ResultSet rs) -> {
			Row row = row(rs, table);
			rows.put(String.valueOf(row.get(config.keyColumn())), row);
		});
		return rows;
	}

	/**
	 * Reads the next page of live rows in key order: what a bulk sync walks through. The
	 * caller drops the linked ones ({@link LinkStore#byPlatformKeys}); one anti-join
	 * query would be simpler, but while a bulk sync links thousands of rows a second the
	 * planner's statistics on {@code hubsync.link} trail far behind, and the nested-loop
	 * plan it then picks costs a page times every link (seconds per page at 20,000
	 * links).
	 * @param config the mapping
	 * @param after the last key of the previous page, if any
	 * @param limit the page size
	 * @return the rows, in key order
	 */
	public List<Row> live(MappingConfig config, @Nullable String after, int limit) {
		PlatformTable table = this.tables.of(config);
		String key = "t." + PlatformTables.quote(config.keyColumn());
		List<String> conditions = new ArrayList<>();
		if (config.softDeleteColumn() != null) {
			conditions.add("t." + PlatformTables.quote(config.softDeleteColumn()) + " IS NULL");
		}
		if (after != null) {
			conditions.add(key + " > " + table.parameter(config.keyColumn()));
		}
		String sql = "SELECT t.* FROM " + table.qualified() + " t"
				+ (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions)) + " ORDER BY " + key
				+ " LIMIT ?";
		List<Row> rows = new ArrayList<>();
		this.jdbc.query((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			int index = 1;
			if (after != null) {
				statement.setString(index++, after);
			}
			statement.setInt(index, limit);
			return statement;
		}, (ResultSet rs) -> {
			rows.add(row(rs, table));
		});
		return rows;
	}

	/**
	 * Counts the live rows that have no link: live rows less the links that point at a
	 * live row, two counts whose plans stay linear however stale the statistics are (see
	 * {@link #live}).
	 * @param config the mapping
	 * @param objectTypeId the object type
	 * @return how many
	 */
	public long countUnlinked(MappingConfig config, String objectTypeId) {
		PlatformTable table = this.tables.of(config);
		String key = "t." + PlatformTables.quote(config.keyColumn());
		String live = (config.softDeleteColumn() != null)
				? " AND t." + PlatformTables.quote(config.softDeleteColumn()) + " IS NULL" : "";
		Long count = this.jdbc
			.queryForObject("SELECT (SELECT count(*) FROM " + table.qualified() + " t WHERE true" + live
					+ ") - (SELECT count(*) FROM hubsync.link l WHERE l.object_type_id = ? AND EXISTS (SELECT 1 FROM "
					+ table.qualified() + " t WHERE " + key + " = " + table.cast("l.platform_key", config.keyColumn())
					+ live + "))", Long.class, objectTypeId);
		return (count != null) ? count : 0;
	}

	/**
	 * Counts the live rows.
	 * @param config the mapping
	 * @return how many
	 */
	public long countLive(MappingConfig config) {
		PlatformTable table = this.tables.of(config);
		String live = (config.softDeleteColumn() != null)
				? " WHERE " + PlatformTables.quote(config.softDeleteColumn()) + " IS NULL" : "";
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM " + table.qualified() + live, Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Returns the write-ahead log's current insert position: greater than the LSN of
	 * every change committed before, so a snapshot event carrying it is newer than every
	 * change event the rows it describes already contain.
	 * @return the position as a number, as change events carry LSNs
	 */
	public long currentLsn() {
		Long lsn = this.jdbc.queryForObject("SELECT (pg_current_wal_lsn() - '0/0')::bigint", Long.class);
		return (lsn != null) ? lsn : 0;
	}

	/**
	 * Returns a row holding only a key: the before image of a row deleted with SQL.
	 * @param config the mapping
	 * @param key the key
	 * @return the row
	 */
	public Row keyOnly(MappingConfig config, String key) {
		return Row.builder().put(config.keyColumn(), this.tables.of(config).type(config.keyColumn()), key).build();
	}

	/**
	 * Finds live rows whose email (lower-cased) is one of the given ones.
	 * @param config the mapping
	 * @param emailColumn the email column
	 * @param emails normalised emails
	 * @return the keys found, with their email
	 */
	public List<String> keysByEmail(MappingConfig config, String emailColumn, Collection<String> emails) {
		if (emails.isEmpty()) {
			return List.of();
		}
		PlatformTable table = this.tables.of(config);
		StringBuilder sql = new StringBuilder("SELECT ").append(PlatformTables.quote(config.keyColumn()))
			.append("::text FROM ")
			.append(table.qualified())
			.append(" WHERE lower(")
			.append(PlatformTables.quote(emailColumn))
			.append(") = ANY(?::text[])");
		if (config.softDeleteColumn() != null) {
			sql.append(" AND ").append(PlatformTables.quote(config.softDeleteColumn())).append(" IS NULL");
		}
		sql.append(" ORDER BY 1");
		return this.jdbc.query((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql.toString());
			statement.setArray(1, connection.createArrayOf("text", emails.toArray()));
			return statement;
		}, (rs, n) -> rs.getString(1));
	}

	/**
	 * Finds the live rows whose email (lower-cased: the index a product keeps for its
	 * email lookups is on {@code lower(email)}) is one of the given ones, with their
	 * creation time when the table has a {@code created_at} column: the candidates of the
	 * identity rule.
	 * @param config the mapping
	 * @param emailColumn the email column
	 * @param emails normalised emails
	 * @return the rows found, by normalised email
	 */
	public Map<String, List<KeyedRow>> byEmails(MappingConfig config, String emailColumn, Collection<String> emails) {
		Map<String, List<KeyedRow>> found = new LinkedHashMap<>();
		if (emails.isEmpty()) {
			return found;
		}
		PlatformTable table = this.tables.of(config);
		boolean created = table.columns().containsKey(CREATED_AT) && table.type(CREATED_AT) == ColumnType.TIMESTAMPTZ;
		StringBuilder sql = new StringBuilder("SELECT ").append(PlatformTables.quote(config.keyColumn()))
			.append("::text, lower(")
			.append(PlatformTables.quote(emailColumn))
			.append("), ")
			.append(created ? PlatformTables.quote(CREATED_AT) : "NULL::timestamptz")
			.append(" FROM ")
			.append(table.qualified())
			.append(" WHERE lower(")
			.append(PlatformTables.quote(emailColumn))
			.append(") = ANY(?::text[])");
		if (config.softDeleteColumn() != null) {
			sql.append(" AND ").append(PlatformTables.quote(config.softDeleteColumn())).append(" IS NULL");
		}
		this.jdbc.query((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql.toString());
			statement.setArray(1, connection.createArrayOf("text", emails.toArray()));
			return statement;
		}, (ResultSet rs) -> {
			OffsetDateTime at = rs.getObject(3, OffsetDateTime.class);
			found.computeIfAbsent(rs.getString(2), (e) -> new ArrayList<>())
				.add(new KeyedRow(rs.getString(1), (at != null) ? at.toInstant() : null));
		});
		return found;
	}

	/**
	 * Finds the soft-deleted rows whose email is one of the given ones, each with its
	 * deletion time when the soft-delete column is a timestamp (a boolean flag says
	 * nothing of when): the rows a HubSpot record may be the twin of when no live row has
	 * its email.
	 * @param config the mapping
	 * @param emailColumn the email column
	 * @param emails normalised emails
	 * @return the rows found, most recently deleted first; none without a soft-delete
	 * column
	 */
	public List<DeletedRow> deletedByEmails(MappingConfig config, String emailColumn, Collection<String> emails) {
		String softDelete = config.softDeleteColumn();
		if (emails.isEmpty() || softDelete == null) {
			return List.of();
		}
		PlatformTable table = this.tables.of(config);
		String sql = "SELECT " + PlatformTables.quote(config.keyColumn()) + "::text, "
				+ PlatformTables.quote(softDelete) + " FROM " + table.qualified() + " WHERE lower("
				+ PlatformTables.quote(emailColumn) + ") = ANY(?::text[]) AND " + PlatformTables.quote(softDelete)
				+ " IS NOT NULL LIMIT 100";
		List<DeletedRow> found = new ArrayList<>(this.jdbc.query((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			statement.setArray(1, connection.createArrayOf("text", emails.toArray()));
			return statement;
		}, (rs, n) -> new DeletedRow(rs.getString(1), deletionTime(rs, 2, table.type(softDelete)))));
		found.sort(Comparator.comparing(DeletedRow::deletedAt, Comparator.nullsLast(Comparator.reverseOrder())));
		return found;
	}

	/**
	 * Tells whether a row is soft-deleted, and since when.
	 * @param config the mapping
	 * @param key the row's key
	 * @return the row when it is soft-deleted; empty when it is live, gone, or the table
	 * has no soft-delete column
	 */
	public Optional<DeletedRow> deleted(MappingConfig config, String key) {
		String softDelete = config.softDeleteColumn();
		if (softDelete == null) {
			return Optional.empty();
		}
		PlatformTable table = this.tables.of(config);
		return this.jdbc
			.query("SELECT " + PlatformTables.quote(softDelete) + " FROM " + table.qualified() + " WHERE "
					+ PlatformTables.quote(config.keyColumn()) + " = " + table.parameter(config.keyColumn()) + " AND "
					+ PlatformTables.quote(softDelete) + " IS NOT NULL",
					(rs, n) -> new DeletedRow(key, deletionTime(rs, 1, table.type(softDelete))), key)
			.stream()
			.findFirst();
	}

	/**
	 * The time a soft-delete column's value says, read as {@link #changeTime} reads times
	 * (a timestamp without zone is UTC, a date its midnight); a flag says none.
	 */
	private static @Nullable Instant deletionTime(ResultSet rs, int column, @Nullable ColumnType type)
			throws SQLException {
		if (type == ColumnType.TIMESTAMPTZ) {
			OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
			return (at != null) ? at.toInstant() : null;
		}
		if (type == ColumnType.TIMESTAMP) {
			LocalDateTime at = rs.getObject(column, LocalDateTime.class);
			return (at != null) ? at.toInstant(ZoneOffset.UTC) : null;
		}
		if (type == ColumnType.DATE) {
			LocalDate at = rs.getObject(column, LocalDate.class);
			return (at != null) ? at.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
		}
		return null;
	}

	/**
	 * Finds live rows that share at least one of some columns' values,
	 * case-insensitively: the candidates of a fuzzy match.
	 * @param config the mapping
	 * @param columns the fuzzy columns
	 * @param values the other record's values of those columns
	 * @return candidate keys with their values of the columns, at most 100
	 */
	public Map<String, List<@Nullable String>> candidates(MappingConfig config, List<String> columns,
			List<@Nullable String> values) {
		PlatformTable table = this.tables.of(config);
		List<String> conditions = new ArrayList<>();
		List<Object> parameters = new ArrayList<>();
		for (int i = 0; i < columns.size(); i++) {
			if (values.get(i) != null && !values.get(i).isBlank()) {
				conditions.add("lower(" + PlatformTables.quote(columns.get(i)) + "::text) = lower(?)");
				parameters.add(values.get(i).strip());
			}
		}
		Map<String, List<@Nullable String>> candidates = new LinkedHashMap<>();
		if (conditions.isEmpty()) {
			return candidates;
		}
		StringBuilder sql = new StringBuilder("SELECT ").append(PlatformTables.quote(config.keyColumn()))
			.append("::text");
		for (String column : columns) {
			sql.append(", ").append(PlatformTables.quote(column)).append("::text");
		}
		sql.append(" FROM ")
			.append(table.qualified())
			.append(" WHERE (")
			.append(String.join(" OR ", conditions))
			.append(")");
		if (config.softDeleteColumn() != null) {
			sql.append(" AND ").append(PlatformTables.quote(config.softDeleteColumn())).append(" IS NULL");
		}
		sql.append(" LIMIT 100");
		this.jdbc.query(sql.toString(), (ResultSet rs) -> {
			List<@Nullable String> row = new ArrayList<>();
			for (int i = 0; i < columns.size(); i++) {
				row.add(rs.getString(i + 2));
			}
			candidates.put(rs.getString(1), row);
		}, parameters.toArray());
		return candidates;
	}

	/**
	 * Tells whether a row exists.
	 * @param config the mapping
	 * @param key the key
	 * @return whether it does
	 */
	public boolean exists(MappingConfig config, String key) {
		PlatformTable table = this.tables.of(config);
		List<Integer> found = this.jdbc.query("SELECT 1 FROM " + table.qualified() + " WHERE "
				+ PlatformTables.quote(config.keyColumn()) + " = " + table.parameter(config.keyColumn()), (rs, n) -> 1,
				key);
		return !found.isEmpty();
	}

	/**
	 * Inserts a row.
	 * @param config the mapping
	 * @param values column values
	 * @return the new row's key
	 */
	public String insert(MappingConfig config, Map<String, @Nullable Object> values) {
		PlatformTable table = this.tables.of(config);
		List<String> columns = new ArrayList<>(values.keySet());
		StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.qualified());
		if (columns.isEmpty()) {
			sql.append(" DEFAULT VALUES");
		}
		else {
			sql.append(" (")
				.append(String.join(", ", columns.stream().map(PlatformTables::quote).toList()))
				.append(") VALUES (")
				.append(String.join(", ", columns.stream().map(table::parameter).toList()))
				.append(")");
		}
		sql.append(" RETURNING ").append(PlatformTables.quote(config.keyColumn())).append("::text");
		return this.jdbc.query((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql.toString());
			bind(connection, statement, table, columns, values, 1);
			return statement;
		}, (ResultSet rs) -> rs.next() ? rs.getString(1) : null);
	}

	/**
	 * Updates columns of a row.
	 * @param config the mapping
	 * @param key the row
	 * @param values column values
	 * @return whether the row exists
	 */
	public boolean update(MappingConfig config, String key, Map<String, @Nullable Object> values) {
		if (values.isEmpty()) {
			return exists(config, key);
		}
		PlatformTable table = this.tables.of(config);
		List<String> columns = new ArrayList<>(values.keySet());
		String sql = "UPDATE " + table.qualified() + " SET "
				+ String.join(", ",
						columns.stream().map((c) -> PlatformTables.quote(c) + " = " + table.parameter(c)).toList())
				+ " WHERE " + PlatformTables.quote(config.keyColumn()) + " = " + table.parameter(config.keyColumn());
		return this.jdbc.update((Connection connection) -> {
			PreparedStatement statement = connection.prepareStatement(sql);
			int next = bind(connection, statement, table, columns, values, 1);
			statement.setString(next, key);
			return statement;
		}) > 0;
	}

	/**
	 * Archives a row: sets its soft-delete column, or deletes it when the mapping has
	 * none.
	 * @param config the mapping
	 * @param key the row
	 * @param at the deletion time
	 * @return whether a row changed
	 */
	public boolean archive(MappingConfig config, String key, Instant at) {
		PlatformTable table = this.tables.of(config);
		String where = " WHERE " + PlatformTables.quote(config.keyColumn()) + " = "
				+ table.parameter(config.keyColumn());
		if (config.softDeleteColumn() == null) {
			return this.jdbc.update("DELETE FROM " + table.qualified() + where, key) > 0;
		}
		String softDelete = PlatformTables.quote(config.softDeleteColumn());
		return this.jdbc.update("UPDATE " + table.qualified() + " SET " + softDelete + " = ?" + where + " AND "
				+ softDelete + " IS NULL", OffsetDateTime.ofInstant(at, ZoneOffset.UTC), key) > 0;
	}

	/**
	 * Archives a row as {@link #archive} does, and returns the soft-delete time the row
	 * holds now, as {@link #deleted} reads it (the column's own precision and zone).
	 * @param config the mapping
	 * @param key the row
	 * @param at the deletion time
	 * @return the time the row holds, when this archived a soft-deleted row with a time
	 * column; empty when the row was deleted already, is gone, is deleted for good, or
	 * the column is a flag
	 */
	public Optional<Instant> archiveReturningTime(MappingConfig config, String key, Instant at) {
		boolean changed = archive(config, key, at);
		if (!changed || config.softDeleteColumn() == null) {
			return Optional.empty();
		}
		return deleted(config, key).map(DeletedRow::deletedAt);
	}

	/**
	 * Un-archives a row (clears its soft-delete column).
	 * @param config the mapping
	 * @param key the row
	 * @return whether a row changed
	 */
	public boolean restore(MappingConfig config, String key) {
		if (config.softDeleteColumn() == null) {
			return false;
		}
		PlatformTable table = this.tables.of(config);
		return this.jdbc.update("UPDATE " + table.qualified() + " SET "
				+ PlatformTables.quote(config.softDeleteColumn()) + " = NULL WHERE "
				+ PlatformTables.quote(config.keyColumn()) + " = " + table.parameter(config.keyColumn()), key) > 0;
	}

	/**
	 * Erases a row for good (privacy deletion).
	 * @param config the mapping
	 * @param key the row
	 * @return whether a row was deleted
	 */
	public boolean erase(MappingConfig config, String key) {
		PlatformTable table = this.tables.of(config);
		return this.jdbc.update("DELETE FROM " + table.qualified() + " WHERE "
				+ PlatformTables.quote(config.keyColumn()) + " = " + table.parameter(config.keyColumn()), key) > 0;
	}

	/**
	 * Returns when a row last changed, by the mapping's change-time column.
	 * @param config the mapping
	 * @param row the row
	 * @return the time, or {@code null} without a change-time column or value
	 */
	public static @Nullable Instant changeTime(MappingConfig config, Row row) {
		return dev.hubsync.worker.merge.ProductTime.ofRow(config, row);
	}

	/**
	 * Returns whether a row is archived.
	 * @param config the mapping
	 * @param row the row
	 * @return whether its soft-delete column is set
	 */
	public static boolean archived(MappingConfig config, Row row) {
		return config.softDeleteColumn() != null && row.get(config.softDeleteColumn()) != null;
	}

	private static String arrayParameter(PlatformTable table, String column) {
		String cast = table.parameter(column);
		return cast + "[]";
	}

	private static int bind(Connection connection, PreparedStatement statement, PlatformTable table,
			List<String> columns, Map<String, @Nullable Object> values, int first) throws SQLException {
		int index = first;
		for (String column : columns) {
			Object value = values.get(column);
			if (value == null) {
				statement.setNull(index++, java.sql.Types.OTHER);
			}
			else if (value instanceof Instant instant) {
				statement.setObject(index++, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
			}
			else if (value instanceof List<?> list) {
				statement.setArray(index++, connection.createArrayOf("text", list.toArray()));
			}
			else if (value instanceof String || value instanceof BigDecimal || value instanceof Long
					|| value instanceof Boolean || value instanceof Double || value instanceof LocalDate
					|| value instanceof LocalDateTime || value instanceof LocalTime) {
				statement.setObject(index++, value);
			}
			else {
				statement.setString(index++, value.toString());
			}
		}
		return index;
	}

	private static Row row(ResultSet rs, PlatformTable table) throws SQLException {
		Row.Builder row = Row.builder();
		for (Map.Entry<String, dev.hubsync.mapping.inference.ColumnInfo> entry : table.columns().entrySet()) {
			String column = entry.getKey();
			ColumnType type = entry.getValue().type();
			row.put(column, type, value(rs, column, type));
		}
		return row.build();
	}

	private static @Nullable Object value(ResultSet rs, String column, ColumnType type) throws SQLException {
		Object raw = rs.getObject(column);
		if (raw == null) {
			return null;
		}
		return switch (type) {
			case TEXT, JSON -> rs.getString(column);
			case INTEGER -> ((Number) raw).longValue();
			case DECIMAL -> rs.getBigDecimal(column);
			case FLOAT -> ((Number) raw).doubleValue();
			case BOOLEAN -> rs.getBoolean(column);
			case UUID -> (raw instanceof java.util.UUID uuid) ? uuid : java.util.UUID.fromString(raw.toString());
			case TIMESTAMPTZ -> rs.getObject(column, OffsetDateTime.class).toInstant();
			case TIMESTAMP -> rs.getObject(column, LocalDateTime.class);
			case DATE -> rs.getObject(column, LocalDate.class);
			case TIME -> rs.getObject(column, LocalTime.class);
			case TEXT_ARRAY -> {
				Array array = rs.getArray(column);
				Object[] elements = (Object[]) array.getArray();
				List<@Nullable String> texts = new ArrayList<>(elements.length);
				Arrays.stream(elements).forEach((e) -> texts.add((e != null) ? e.toString() : null));
				yield texts;
			}
			case BYTES -> rs.getBytes(column);
		};
	}

	/**
	 * A row found by its match key.
	 *
	 * @param key the row's key
	 * @param createdAt when it was created, if the table says
	 */
	public record KeyedRow(String key, @Nullable Instant createdAt) {
	}

	/**
	 * A soft-deleted row.
	 *
	 * @param key the row's key
	 * @param deletedAt when it was deleted, if its soft-delete column says
	 */
	public record DeletedRow(String key, @Nullable Instant deletedAt) {
	}

	/**
	 * Returns one row.
	 * @param config the mapping
	 * @param key the key
	 * @return the row, if it exists
	 */
	public Optional<Row> find(MappingConfig config, String key) {
		return Optional.ofNullable(read(config, List.of(key)).get(key));
	}

}
