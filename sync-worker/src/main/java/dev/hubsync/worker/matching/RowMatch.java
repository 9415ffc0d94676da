package dev.hubsync.worker.matching;

import dev.hubsync.hubspot.objects.HubSpotObject;
import org.jspecify.annotations.Nullable;

/**
 * What matching found for an unlinked product row.
 *
 * @param kind found, create, or duplicate
 * @param object the HubSpot record found (as read, without history)
 * @param hubspotId the HubSpot record the key belongs to, if any (for a duplicate's
 * review)
 * @param by what matched ({@code hubsync_record_id}, {@code email}), or why a duplicate
 * stays apart
 * @param value the row's match key value, for review
 * @param otherValue the record's match key value, for review
 */
public record RowMatch(Kind kind, @Nullable HubSpotObject object, @Nullable Long hubspotId, String by,
		@Nullable String value, @Nullable String otherValue) {

	/**
	 * A record found.
	 * @param object the record
	 * @param by what matched
	 * @return the match
	 */
	static RowMatch found(HubSpotObject object, String by) {
		return new RowMatch(Kind.FOUND, object, Long.parseLong(object.id()), by, null, null);
	}

	/**
	 * No record: the row's record is to be created.
	 * @return the match
	 */
	static RowMatch create() {
		return new RowMatch(Kind.CREATE, null, null, "no match", null, null);
	}

	/**
	 * A duplicate: another row stands for the key.
	 * @param hubspotId the record with the key, if it exists
	 * @param why why this row stays apart
	 * @param value the row's key value
	 * @param otherValue the record's key value
	 * @return the match
	 */
	static RowMatch duplicate(@Nullable Long hubspotId, String why, @Nullable String value,
			@Nullable String otherValue) {
		return new RowMatch(Kind.DUPLICATE, null, hubspotId, why, value, otherValue);
	}

	/** What was found. */
	public enum Kind {

		/** A HubSpot record that stands for the row. */
		FOUND,
		/** Nothing: the row's record is created. */
		CREATE,
		/**
		 * Another row stands for the row's match key: this one stays unlinked, for
		 * review.
		 */
		DUPLICATE

	}

}
