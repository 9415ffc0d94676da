package dev.hubsync.hubspot.objects;

import java.util.List;

/**
 * What to read of records.
 *
 * @param properties the properties to return; empty for HubSpot's default set
 * @param propertiesWithHistory the properties whose history to return
 * @param archived whether to read archived records (only archived ones, as HubSpot does)
 */
public record ReadOptions(List<String> properties, List<String> propertiesWithHistory, boolean archived) {

	/**
	 * Freezes the lists.
	 * @param properties the properties
	 * @param propertiesWithHistory the history properties
	 * @param archived the archived flag
	 */
	public ReadOptions {
		properties = List.copyOf(properties);
		propertiesWithHistory = List.copyOf(propertiesWithHistory);
	}

	/**
	 * Reads some properties of live records.
	 * @param properties the properties
	 * @return the options
	 */
	public static ReadOptions properties(List<String> properties) {
		return new ReadOptions(properties, List.of(), false);
	}

	/**
	 * Reads HubSpot's default properties of live records.
	 * @return the options
	 */
	public static ReadOptions defaults() {
		return new ReadOptions(List.of(), List.of(), false);
	}

}
