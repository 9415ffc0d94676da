package dev.hubsync.chaos.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.infra.demo.DemoDatabase;
import org.jspecify.annotations.Nullable;

/**
 * Writes the platform's rows as the product's own code would: plain SQL, one
 * auto-committed statement per change, each returning the change time
 * ({@code updated_at}, which the demo's trigger sets).
 */
public final class PlatformWriter {

	private final DemoDatabase platform;

	private final String url;

	/**
	 * Creates a writer.
	 * @param platform the demo platform database
	 */
	public PlatformWriter(DemoDatabase platform) {
		this.platform = platform;
		String base = platform.jdbcUrl();
		this.url = base + (base.contains("?") ? "&" : "?") + "connectTimeout=5&socketTimeout=15";
	}

	/**
	 * Opens a connection with timeouts, so a restarting database fails fast.
	 * @return the connection
	 * @throws SQLException when it cannot connect
	 */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(this.url, this.platform.user(), this.platform.password());
	}

	/**
	 * Inserts a row with a key chosen here (so it is known even when the answer is lost).
	 * @param kind the object type
	 * @param key the new key
	 * @param values HubSpot property → value
	 * @return its change time
	 * @throws SQLException when the statement fails
	 */
	public Instant insert(ObjectKind kind, UUID key, Map<String, String> values) throws SQLException {
		List<String> columns = new ArrayList<>(List.of("id"));
		List<Object> parameters = new ArrayList<>(List.of(key));
		values.forEach((property, value) -> {
			columns.add(kind.columns().get(property));
			parameters.add(value);
		});
		String sql = "INSERT INTO " + kind.table() + " (" + String.join(", ", columns) + ") VALUES ("
				+ String.join(", ", columns.stream().map((c) -> "?").toList()) + ") RETURNING updated_at";
		return changeTime(sql, parameters);
	}

	/**
	 * Sets one mapped column (or clears it with {@code null}).
	 * @param kind the object type
	 * @param key the row
	 * @param property the HubSpot property whose column to set
	 * @param value the value, or {@code null}
	 * @return its change time, or {@code null} when the column held the value already
	 * (the change event shows no change of it: not a change)
	 * @throws SQLException when the statement fails or the row is gone
	 */
	public @Nullable Instant update(ObjectKind kind, String key, String property, @Nullable String value)
			throws SQLException {
		boolean company = property.equals(ObjectKind.COMPANY_FIELD);
		String column = company ? "company_id" : kind.columns().get(property);
		String sql = "WITH old AS (SELECT id, " + column + " AS before FROM " + kind.table()
				+ " WHERE id = ?::uuid FOR UPDATE) UPDATE " + kind.table() + " t SET " + column + " = ?"
				+ (company ? "::uuid" : "") + " FROM old WHERE t.id = old.id RETURNING t.updated_at,"
				+ " old.before IS NOT DISTINCT FROM t." + column;
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, key);
			if (value != null) {
				statement.setString(2, value);
			}
			else {
				statement.setNull(2, java.sql.Types.VARCHAR);
			}
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new SQLException("no row changed: " + sql);
				}
				return rs.getBoolean(2) ? null : rs.getTimestamp(1).toInstant();
			}
		}
	}

	/**
	 * Soft-deletes a row ({@code deleted_at = now()}) or restores it.
	 * @param kind the object type
	 * @param key the row
	 * @param deleted whether to delete (else restore)
	 * @return its change time
	 * @throws SQLException when the statement fails
	 */
	public Instant archive(ObjectKind kind, String key, boolean deleted) throws SQLException {
		return changeTime("UPDATE " + kind.table() + " SET deleted_at = " + (deleted ? "now()" : "NULL")
				+ " WHERE id = ?::uuid RETURNING updated_at", List.of(key));
	}

	/**
	 * Looks up the other side's id of a linked record, as the sync's link table has it.
	 * @param kind the object type
	 * @param key the platform key
	 * @return the HubSpot id, or {@code null} when not linked
	 * @throws SQLException when the query fails
	 */
	public @Nullable String linkedHubSpotId(ObjectKind kind, String key) throws SQLException {
		return single("SELECT hubspot_id::text FROM hubsync.link WHERE object_type_id = ? AND platform_key = ?"
				+ " AND NOT archived", kind.objectTypeId(), key);
	}

	/**
	 * Looks up the platform key of a linked HubSpot record.
	 * @param kind the object type
	 * @param hubspotId the HubSpot id
	 * @return the key, or {@code null} when not linked
	 * @throws SQLException when the query fails
	 */
	public @Nullable String linkedPlatformKey(ObjectKind kind, String hubspotId) throws SQLException {
		return single("SELECT platform_key FROM hubsync.link WHERE object_type_id = ? AND hubspot_id = ?::bigint"
				+ " AND NOT archived", kind.objectTypeId(), hubspotId);
	}

	private @Nullable String single(String sql, String... parameters) throws SQLException {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setString(i + 1, parameters[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private Instant changeTime(String sql, List<Object> parameters) throws SQLException {
		try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.size(); i++) {
				Object parameter = parameters.get(i);
				if (parameter == NULL) {
					statement.setNull(i + 1, java.sql.Types.VARCHAR);
				}
				else {
					statement.setObject(i + 1, parameter);
				}
			}
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new SQLException("no row changed: " + sql);
				}
				return rs.getTimestamp(1).toInstant();
			}
		}
	}

	private static final Object NULL = new Object();

}
