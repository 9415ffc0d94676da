package dev.hubsync.events.mapping;

import java.util.List;

import dev.hubsync.events.EventFormatException;

/**
 * How a record without a link finds its counterpart (ARCHITECTURE §6), after the link and
 * {@code hubsync_record_id}: by normalised email (the field whose transform is
 * {@code email}, and HubSpot's {@code hs_additional_emails}), then by a fuzzy comparison
 * of some mapped columns.
 *
 * @param fuzzyColumns mapped columns compared by similarity (e.g. first and last name);
 * empty turns fuzzy matching off
 * @param fuzzyThreshold the similarity, 0 to 1, from which two records are a candidate
 * pair
 * @param fuzzyAutoMerge whether a candidate pair is linked at once; otherwise it is
 * proposed in the review table
 */
public record MatchingSpec(List<String> fuzzyColumns, double fuzzyThreshold, boolean fuzzyAutoMerge) {

	/** The threshold used when none is given. */
	public static final double DEFAULT_THRESHOLD = 0.92;

	/** No fuzzy matching. */
	public static final MatchingSpec EMAIL_ONLY = new MatchingSpec(List.of(), DEFAULT_THRESHOLD, false);

	/**
	 * Checks the threshold and freezes the columns.
	 * @param fuzzyColumns the columns
	 * @param fuzzyThreshold the threshold
	 * @param fuzzyAutoMerge whether to merge at once
	 */
	public MatchingSpec {
		fuzzyColumns = (fuzzyColumns != null) ? List.copyOf(fuzzyColumns) : List.of();
		if (fuzzyThreshold == 0) {
			fuzzyThreshold = DEFAULT_THRESHOLD;
		}
		if (fuzzyThreshold < 0 || fuzzyThreshold > 1) {
			throw new EventFormatException("matching.fuzzyThreshold",
					"the threshold is a similarity from 0 to 1, was " + fuzzyThreshold);
		}
	}

}
