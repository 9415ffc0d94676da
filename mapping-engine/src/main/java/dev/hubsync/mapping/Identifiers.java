package dev.hubsync.mapping;

import java.util.regex.Pattern;

/**
 * Names a mapping may use. They end up in SQL (quoted, but still only from this alphabet)
 * and in HubSpot requests, so they are checked, never trusted.
 */
public final class Identifiers {

	private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_$]{0,62}");

	private static final Pattern TABLE = Pattern.compile("([a-z_][a-z0-9_$]{0,62}\\.)?[a-z_][a-z0-9_$]{0,62}");

	private static final Pattern PROPERTY = Pattern.compile("[a-z][a-z0-9_]{0,99}");

	private Identifiers() {
	}

	/**
	 * Tells whether a name is a plain (unquoted, lower-case) column name.
	 * @param name the name
	 * @return whether it is
	 */
	public static boolean isColumn(String name) {
		return COLUMN.matcher(name).matches();
	}

	/**
	 * Tells whether a name is a table name, optionally schema-qualified.
	 * @param name the name
	 * @return whether it is
	 */
	public static boolean isTable(String name) {
		return TABLE.matcher(name).matches();
	}

	/**
	 * Tells whether a name is a HubSpot property's internal name.
	 * @param name the name
	 * @return whether it is
	 */
	public static boolean isProperty(String name) {
		return PROPERTY.matcher(name).matches();
	}

	/**
	 * Returns the schema a table name is in: its qualifier, or {@code public}.
	 * @param table a table name, optionally schema-qualified
	 * @return the schema
	 */
	public static String schemaOf(String table) {
		int dot = table.indexOf('.');
		return (dot > 0) ? table.substring(0, dot) : "public";
	}

	/**
	 * Tells whether a schema is one no mapping may name: HubSync's own ({@code hubsync}:
	 * links, sync log, reviews) and PostgreSQL's catalogs.
	 * @param schema the schema
	 * @return whether it is reserved
	 */
	public static boolean isReservedSchema(String schema) {
		return "hubsync".equals(schema) || "information_schema".equals(schema) || schema.startsWith("pg_");
	}

}
