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

	/**
	 * Validates the parts.
	 * @param table the table's name, without {@code :}
	 * @param primaryKey the key, not empty
	 */
	public LocalRecordKey {
		if (table.isEmpty() || table.indexOf(':') >= 0) {
			throw new EventFormatException("table", "not a table name: '" + table + "'");
		}
		if (primaryKey.isEmpty()) {
			throw new EventFormatException("key", "empty primary key");
		}
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
