package dev.hubsync.mappingservice.mappings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.mapping.inference.ColumnInfo;
import dev.hubsync.mappingservice.MappingServiceProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The platform tables' columns, from {@code information_schema}. */
@Component
public class PlatformSchema {

	private final JdbcClient jdbc;

	private final String defaultSchema;

	PlatformSchema(JdbcClient jdbc, MappingServiceProperties properties) {
		this.jdbc = jdbc;
		this.defaultSchema = properties.defaultSchema();
	}

	/**
	 * Returns a table's columns.
	 * @param table the table, optionally schema-qualified
	 * @return the columns by name, in table order; null when the table does not exist
	 */
	public @Nullable Map<String, ColumnInfo> columns(String table) {
		int dot = table.indexOf('.');
		String schema = (dot > 0) ? table.substring(0, dot) : this.defaultSchema;
		String name = (dot > 0) ? table.substring(dot + 1) : table;
		List<ColumnInfo> columns = this.jdbc
			.sql("SELECT column_name, data_type, udt_name, is_nullable, character_maximum_length,"
					+ " numeric_precision, numeric_scale, CASE WHEN column_default IS NOT NULL OR is_identity = 'YES'"
					+ " OR is_generated = 'ALWAYS' THEN 'yes' END AS has_default FROM information_schema.columns"
					+ " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")
			.params(schema, name)
			.query((rs, n) -> ColumnInfo.of(rs.getString("column_name"), rs.getString("data_type"),
					rs.getString("udt_name"), "YES".equals(rs.getString("is_nullable")),
					rs.getObject("character_maximum_length", Integer.class),
					rs.getObject("numeric_precision", Integer.class), rs.getObject("numeric_scale", Integer.class),
					rs.getString("has_default")))
			.list();
		if (columns.isEmpty()) {
			return null;
		}
		Map<String, ColumnInfo> byName = new LinkedHashMap<>();
		columns.forEach((column) -> byName.put(column.name(), column));
		return byName;
	}

}
