package dev.hubsync.mapping.inference;

import dev.hubsync.events.local.ColumnType;

/** PostgreSQL's type names ({@code information_schema}) as {@link ColumnType}s. */
public final class SqlTypes {

	private SqlTypes() {
	}

	/**
	 * Returns the column type of a PostgreSQL type.
	 * @param dataType {@code information_schema.columns.data_type}
	 * @param udtName {@code udt_name} (tells array element types, e.g. {@code _text})
	 * @return the type; enumerations and other user-defined types are text
	 */
	public static ColumnType columnType(String dataType, String udtName) {
		return switch (dataType) {
			case "smallint", "integer", "bigint" -> ColumnType.INTEGER;
			case "numeric", "money" -> ColumnType.DECIMAL;
			case "real", "double precision" -> ColumnType.FLOAT;
			case "boolean" -> ColumnType.BOOLEAN;
			case "uuid" -> ColumnType.UUID;
			case "timestamp with time zone" -> ColumnType.TIMESTAMPTZ;
			case "timestamp without time zone" -> ColumnType.TIMESTAMP;
			case "date" -> ColumnType.DATE;
			case "time without time zone", "time with time zone" -> ColumnType.TIME;
			case "json", "jsonb" -> ColumnType.JSON;
			case "bytea" -> ColumnType.BYTES;
			case "ARRAY" -> ColumnType.TEXT_ARRAY;
			default -> ColumnType.TEXT;
		};
	}

}
