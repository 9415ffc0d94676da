package dev.hubsync.events.local;

import dev.hubsync.events.EventFormatException;

/**
 * The Kafka key of a platform row: {@code {table}:{primaryKey}}, e.g.
 * {@code leads:6f1c…}. A composite primary key is its values joined with {@code ,} in key
 * column order.
 *
 * @param table the table's name
 * @param primaryKey the row's primary key as text
 */
public record LocalRecordKey(String table, String primaryKey) {

	private static final String PUBLIC = "public.";

	/**
	 * Validates the parts.
	 * @param table the table's name, without {@code :}
	 * @param primaryKey the key, not empty
	 */
	public LocalRecordKey {
		table = eventTable(table);
		if (table.isEmpty() || table.indexOf(':') >= 0) {
			throw new EventFormatException("table", "not a table name: '" + table + "'");
		}
		if (primaryKey.isEmpty()) {
			throw new EventFormatException("key", "empty primary key");
		}
	}

	/**
	 * Returns the name change events carry for a table (ARCHITECTURE §2 keys:
	 * {@code leads:…}): unqualified in the {@code public} schema, {@code schema.table}
	 * otherwise. Every key of a row is built with it, whoever publishes the event (the
	 * publisher from the database, the worker's triggers from a mapping's
	 * {@code platformTable}, which may be qualified): one row, one Kafka key, one
	 * partition, so its events are processed in order by one replica.
	 * @param table the table, qualified or not
	 * @return the name
	 */
	public static String eventTable(String table) {
		return table.startsWith(PUBLIC) ? table.substring(PUBLIC.length()) : table;
	}

	/**
	 * Parses a key.
	 * @param key the key's text
	 * @return the key
	 * @throws EventFormatException when the text is not a row key
	 */
	public static LocalRecordKey parse(String key) {
		int colon = key.indexOf(':');
		if (colon <= 0) {
			throw new EventFormatException("key", "not a platform row key: '" + key + "'");
		}
		return new LocalRecordKey(key.substring(0, colon), key.substring(colon + 1));
	}

	/**
	 * Returns the key's text.
	 * @return {@code {table}:{primaryKey}}
	 */
	@Override
	public String toString() {
		return this.table + ":" + this.primaryKey;
	}

}
