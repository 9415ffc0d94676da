package dev.hubsync.publisher.tables;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the captured tables before any engine starts. A table that does not exist or has
 * no primary key stops the publisher with its name: its changes could not be keyed, and
 * so could not be ordered per record.
 */
public final class TableInspector {

	private static final Logger logger = LoggerFactory.getLogger(TableInspector.class);

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

	private final DataSource dataSource;

	/**
	 * Creates the inspector.
	 * @param dataSource the platform database
	 */
	public TableInspector(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Checks the tables and prepares their replica identity.
	 * @param names the configured tables
	 * @param replicaIdentity {@code full}, {@code check} or {@code leave}
	 * @return the tables with their keys
	 * @throws IllegalStateException naming a table that is missing or has no primary key
	 */
	public List<CapturedTable> inspect(List<String> names, String replicaIdentity) {
		List<CapturedTable> tables = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection()) {
			for (String configured : names) {
				CapturedTable table = table(connection, configured);
				replicaIdentity(connection, table, replicaIdentity);
				tables.add(table);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot inspect the captured tables: " + ex.getMessage(), ex);
		}
		return tables;
	}

	private static CapturedTable table(Connection connection, String configured) throws SQLException {
		String[] parts = configured.contains(".") ? configured.split("\\.", 2) : new String[] { "public", configured };
		for (String part : parts) {
			if (!IDENTIFIER.matcher(part).matches()) {
				throw new IllegalStateException("hubsync.publisher.tables: '" + configured + "' is not a table name");
			}
		}
		try (PreparedStatement exists = connection
			.prepareStatement("SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
			exists.setString(1, parts[0]);
			exists.setString(2, parts[1]);
			try (ResultSet rows = exists.executeQuery()) {
				if (!rows.next()) {
					throw new IllegalStateException("captured table " + configured + " does not exist");
				}
			}
		}
		List<String> keys = new ArrayList<>();
		try (PreparedStatement key = connection.prepareStatement("SELECT a.attname FROM pg_index i "
				+ "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
				+ "WHERE i.indrelid = (quote_ident(?) || '.' || quote_ident(?))::regclass AND i.indisprimary "
				+ "ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
			key.setString(1, parts[0]);
			key.setString(2, parts[1]);
			try (ResultSet rows = key.executeQuery()) {
				while (rows.next()) {
					keys.add(rows.getString(1));
				}
			}
		}
		if (keys.isEmpty()) {
			throw new IllegalStateException("captured table " + configured
					+ " has no primary key: its changes cannot be keyed per record; add one or remove it from "
					+ "hubsync.publisher.tables");
		}
		return new CapturedTable(parts[0], parts[1], List.copyOf(keys));
	}

	private static void replicaIdentity(Connection connection, CapturedTable table, String mode) throws SQLException {
		if ("leave".equals(mode)) {
			return;
		}
		String identity;
		try (PreparedStatement current = connection.prepareStatement(
				"SELECT relreplident FROM pg_class WHERE oid = (quote_ident(?) || '.' || quote_ident(?))::regclass")) {
			current.setString(1, table.schema());
			current.setString(2, table.name());
			try (ResultSet rows = current.executeQuery()) {
				rows.next();
				identity = rows.getString(1);
			}
		}
		if ("f".equals(identity)) {
			return;
		}
		if ("check".equals(mode)) {
			logger.warn("Table {} has no REPLICA IDENTITY FULL: its updates and deletes carry only the key as the old "
					+ "row, so every update counts as touching mapped columns", table.qualified());
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE " + table.schema() + "." + table.name() + " REPLICA IDENTITY FULL");
			logger.info("Set REPLICA IDENTITY FULL on {}", table.qualified());
		}
	}

}
