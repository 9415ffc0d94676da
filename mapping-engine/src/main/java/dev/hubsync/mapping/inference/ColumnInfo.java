package dev.hubsync.mapping.inference;

import dev.hubsync.events.local.ColumnType;

/**
 * A platform column as the database describes it.
 *
 * @param name the column's name
 * @param type its type as HubSync sees it
 * @param sqlType the database's own type name, for messages (e.g. {@code numeric})
 * @param nullable whether it takes nulls
 */
public record ColumnInfo(String name, ColumnType type, String sqlType, boolean nullable) {

	/**
	 * Describes a column from {@code information_schema.columns}.
	 * @param name the column name
	 * @param dataType {@code data_type}
	 * @param udtName {@code udt_name}
	 * @param nullable {@code is_nullable = 'YES'}
	 * @return the column
	 */
	public static ColumnInfo of(String name, String dataType, String udtName, boolean nullable) {
		return new ColumnInfo(name, SqlTypes.columnType(dataType, udtName), dataType, nullable);
	}

}
