package dev.hubsync.worker.store;

import java.util.Map;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.mapping.inference.ColumnInfo;

/**
 * A platform table as the worker writes it: its columns with their types and PostgreSQL
 * type names (used for casts of bound parameters).
 *
 * @param qualified the schema-qualified name, quoted for SQL
 * @param columns the columns by name
 * @param udtNames PostgreSQL's type name of each column (e.g. {@code uuid},
 * {@code _text})
 */
public record PlatformTable(String qualified, Map<String, ColumnInfo> columns, Map<String, String> udtNames) {

	/**
	 * Returns a column's type.
	 * @param column the column
	 * @return its type, text when unknown
	 */
	public ColumnType type(String column) {
		ColumnInfo info = this.columns.get(column);
		return (info != null) ? info.type() : ColumnType.TEXT;
	}

	/**
	 * Returns the SQL cast of a parameter for a column, e.g. {@code ?::uuid}.
	 * @param column the column
	 * @return the placeholder with its cast
	 */
	public String parameter(String column) {
		return cast("?", column);
	}

	/**
	 * Returns an SQL expression cast to a column's type, e.g.
	 * {@code l.platform_key::uuid}.
	 * @param expression the expression
	 * @param column the column
	 * @return the expression with its cast
	 */
	public String cast(String expression, String column) {
		String udt = this.udtNames.getOrDefault(column, "text");
		String type = udt.startsWith("_") ? udt.substring(1) + "[]" : udt;
		return expression + "::" + type;
	}

}
