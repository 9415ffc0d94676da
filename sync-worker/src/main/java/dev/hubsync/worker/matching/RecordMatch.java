package dev.hubsync.worker.matching;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What matching found for an unlinked HubSpot record.
 *
 * @param platformKey the row that stands for it; null to create one (or when parked)
 * @param by what matched, or why it is parked
 * @param duplicates rows that share its match key and stay unlinked, for review
 * @param parked whether it is left unlinked for a person (rows with its key belong to
 * another pair)
 */
public record RecordMatch(@Nullable String platformKey, String by, List<String> duplicates, boolean parked) {

	static RecordMatch row(String platformKey, String by) {
		return new RecordMatch(platformKey, by, List.of(), false);
	}

	static RecordMatch row(String platformKey, String by, List<String> duplicates, String why) {
		return new RecordMatch(platformKey, duplicates.isEmpty() ? by : by + " (" + why + ")", duplicates, false);
	}

	static RecordMatch create(String why) {
		return new RecordMatch(null, why, List.of(), false);
	}

	static RecordMatch parked(List<String> duplicates, String why) {
		return new RecordMatch(null, why, duplicates, true);
	}

	/**
	 * Returns whether a row is to be created for the record.
	 * @return whether nothing matched
	 */
	public boolean create() {
		return this.platformKey == null && !this.parked;
	}

}
