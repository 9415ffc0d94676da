package dev.hubsync.hubspot.objects;

import java.util.List;

import dev.hubsync.hubspot.Paging;
import org.jspecify.annotations.Nullable;

/**
 * One page of search results.
 *
 * @param total how many records match
 * @param results the records (never with associations)
 * @param paging the next offset, absent on the last page
 */
public record SearchPage(long total, List<HubSpotObject> results, @Nullable Paging paging) {

	/**
	 * Defaults the results.
	 * @param total the total
	 * @param results the results
	 * @param paging the paging
	 */
	public SearchPage {
		results = (results != null) ? results : List.of();
	}

}
