package dev.hubsync.mapping.inference;

import dev.hubsync.events.local.ColumnType;
import org.jspecify.annotations.Nullable;

/**
 * A platform column as the database describes it.
 *
 * @param name the column's name
 * @param type its type as HubSync sees it
 * @param sqlType the database's own type name, for messages (e.g. {@code numeric})
 * @param nullable whether it takes nulls
 * @param maxLength the longest text it holds ({@code varchar(n)}, {@code char(n)}), null
 * when unbounded
 * @param precision the digits of a {@code numeric(p,s)}, null when unbounded or not
 * numeric
 * @param scale the decimals of a {@code numeric(p,s)}, null when unbounded or not numeric
 * @param hasDefault whether it has a default (unknown counts as yes)
 */
public record ColumnInfo(String name, ColumnType type, String sqlType, boolean nullable, @Nullable Integer maxLength,
		@Nullable Integer precision, @Nullable Integer scale, boolean hasDefault) {

	/**
	 * Describes a column from {@code information_schema.columns}, its bounds unknown.
	 * @param name the column name
	 * @param dataType {@code data_type}
	 * @param udtName {@code udt_name}
	 * @param nullable {@code is_nullable = 'YES'}
	 * @return the column
	 */
	public static ColumnInfo of(String name, String dataType, String udtName, boolean nullable) {
		return new ColumnInfo(name, SqlTypes.columnType(dataType, udtName), dataType, nullable, null, null, null, true);
	}

	/**
	 * Describes a column from {@code information_schema.columns} with its bounds.
	 * @param name the column name
	 * @param dataType {@code data_type}
	 * @param udtName {@code udt_name}
	 * @param nullable {@code is_nullable = 'YES'}
	 * @param maxLength {@code character_maximum_length}
	 * @param precision {@code numeric_precision} (read for {@code numeric} only)
	 * @param scale {@code numeric_scale} (read for {@code numeric} only)
	 * @param columnDefault {@code column_default}, or an identity/generated marker
	 * @return the column
	 */
	public static ColumnInfo of(String name, String dataType, String udtName, boolean nullable,
			@Nullable Integer maxLength, @Nullable Integer precision, @Nullable Integer scale,
			@Nullable String columnDefault) {
		boolean numeric = "numeric".equals(udtName);
		return new ColumnInfo(name, SqlTypes.columnType(dataType, udtName),
				describe(dataType, maxLength, numeric ? precision : null, numeric ? scale : null), nullable, maxLength,
				numeric ? precision : null, numeric ? scale : null, columnDefault != null);
	}

	private static String describe(String dataType, @Nullable Integer maxLength, @Nullable Integer precision,
			@Nullable Integer scale) {
		if (maxLength != null) {
			return dataType + "(" + maxLength + ")";
		}
		if (precision != null) {
			return dataType + "(" + precision + "," + ((scale != null) ? scale : 0) + ")";
		}
		return dataType;
	}

}
