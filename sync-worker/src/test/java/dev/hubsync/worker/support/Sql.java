package dev.hubsync.worker.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.infra.demo.DemoDatabase;
import org.jspecify.annotations.Nullable;

/**
 * Plain SQL against a test's demo database: what the product (or an operator) does and
 * sees.
 *
 * @param database the database
 */
public record Sql(DemoDatabase database) {

	/**
	 * Runs a statement.
	 * @param sql the statement
	 * @param params its parameters
	 * @throws SQLException when it fails
	 */
	public void execute(String sql, Object... params) throws SQLException {
		try (Connection connection = this.database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			bind(connection, statement, params);
			statement.execute();
		}
	}

	/**
	 * Returns the first row of a query.
	 * @param sql the query
	 * @param params its parameters (a {@link List} binds as a text array)
	 * @return the row by column label, or null when there is none
	 * @throws SQLException when it fails
	 */
	public @Nullable Map<String, Object> row(String sql, Object... params) throws SQLException {
		List<Map<String, Object>> rows = rows(sql, params);
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * Returns every row of a query.
	 * @param sql the query
	 * @param params its parameters
	 * @return the rows
	 * @throws SQLException when it fails
	 */
	public List<Map<String, Object>> rows(String sql, Object... params) throws SQLException {
		try (Connection connection = this.database.connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			bind(connection, statement, params);
			try (ResultSet rs = statement.executeQuery()) {
				List<Map<String, Object>> rows = new java.util.ArrayList<>();
				while (rs.next()) {
					Map<String, Object> row = new LinkedHashMap<>();
					for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
						row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
					}
					rows.add(row);
				}
				return rows;
			}
		}
	}

	/**
	 * Returns a count.
	 * @param sql a query whose first column of its first row is a number
	 * @param params its parameters
	 * @return the number
	 * @throws SQLException when it fails
	 */
	public long count(String sql, Object... params) throws SQLException {
		Map<String, Object> row = row(sql, params);
		return (row != null) ? ((Number) row.values().iterator().next()).longValue() : 0;
	}

	private static void bind(Connection connection, PreparedStatement statement, Object... params) throws SQLException {
		for (int i = 0; i < params.length; i++) {
			if (params[i] instanceof List<?> list) {
				statement.setArray(i + 1, connection.createArrayOf("text", list.toArray()));
			}
			else {
				statement.setObject(i + 1, params[i]);
			}
		}
	}

}
