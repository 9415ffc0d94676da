package dev.hubsync.worker.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.mapping.Identifiers;
import dev.hubsync.mapping.inference.ColumnInfo;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The platform tables' metadata from {@code information_schema}, cached per table. */
@Component
public class PlatformTables {

	private static final Pattern TYPE_NAME = Pattern.compile("_?[a-z][a-z0-9_]{0,62}");

	private final JdbcClient jdbc;

	private final Map<String, PlatformTable> tables = new ConcurrentHashMap<>();

	PlatformTables(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Returns a mapping's table.
	 * @param config the mapping
	 * @return the table
	 * @throws IllegalStateException when the table does not exist
	 */
	public PlatformTable of(MappingConfig config) {
		return this.tables.computeIfAbsent(config.platformTable(), this::load);
	}

	/**
	 * Returns the column types of a mapping's table, for compiling it.
	 * @param config the mapping
	 * @return the types by column
	 */
	public Map<String, ColumnType> columnTypes(MappingConfig config) {
		Map<String, ColumnType> types = new LinkedHashMap<>();
		of(config).columns().forEach((name, column) -> types.put(name, column.type()));
		return types;
	}

	/** Forgets cached metadata (after a schema change). */
	public void refresh() {
		this.tables.clear();
	}

	private PlatformTable load(String table) {
		if (!Identifiers.isTable(table)) {
			throw new IllegalStateException("'" + table + "' is not a table name");
		}
		int dot = table.indexOf('.');
		String schema = (dot > 0) ? table.substring(0, dot) : "public";
		String name = (dot > 0) ? table.substring(dot + 1) : table;
		Map<String, ColumnInfo> columns = new LinkedHashMap<>();
		Map<String, String> udts = new LinkedHashMap<>();
		List<String[]> rows = this.jdbc
			.sql("SELECT column_name, data_type, udt_name, is_nullable FROM information_schema.columns"
					+ " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")
			.params(schema, name)
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4) })
			.list();
		if (rows.isEmpty()) {
			throw new IllegalStateException("table " + table + " does not exist or is not visible to the worker");
		}
		for (String[] row : rows) {
			columns.put(row[0], ColumnInfo.of(row[0], row[1], row[2], "YES".equals(row[3])));
			udts.put(row[0], TYPE_NAME.matcher(row[2]).matches() ? row[2] : "text");
		}
		return new PlatformTable(quote(schema) + "." + quote(name), Map.copyOf(columns), Map.copyOf(udts));
	}

	/**
	 * Quotes an identifier already checked against {@link Identifiers}.
	 * @param identifier the identifier
	 * @return it, double-quoted
	 */
	public static String quote(String identifier) {
		if (!Identifiers.isColumn(identifier)) {
			throw new IllegalArgumentException("'" + identifier + "' is not an identifier");
		}
		return "\"" + identifier + "\"";
	}

}
