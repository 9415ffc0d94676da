package dev.hubsync.publisher.tables;

import java.util.List;

import dev.hubsync.events.local.LocalRecordKey;

/**
 * A captured table.
 *
 * @param schema its schema
 * @param name its name
 * @param keyColumns its primary key columns, in key order
 */
public record CapturedTable(String schema, String name, List<String> keyColumns) {

	/**
	 * Returns the qualified name Debezium uses.
	 * @return {@code schema.table}
	 */
	public String qualified() {
		return this.schema + "." + this.name;
	}

	/**
	 * Returns the name events carry (ARCHITECTURE §2 keys: {@code leads:…}).
	 * @return the table name for the public schema, {@code schema.table} otherwise
	 */
	public String eventName() {
		return eventName(this.schema, this.name);
	}

	/**
	 * Returns the name events carry for a table.
	 * @param schema the schema
	 * @param name the table
	 * @return the table name for the public schema, {@code schema.table} otherwise
	 */
	public static String eventName(String schema, String name) {
		return LocalRecordKey.eventTable(schema + "." + name);
	}

}
