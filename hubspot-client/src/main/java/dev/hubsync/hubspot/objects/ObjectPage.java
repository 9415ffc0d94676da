package dev.hubsync.hubspot.objects;

import java.util.List;

import dev.hubsync.hubspot.Paging;
import org.jspecify.annotations.Nullable;

/**
 * One page of a list.
 *
 * @param results the records
 * @param paging the cursor of the next page, absent on the last
 */
public record ObjectPage(List<HubSpotObject> results, @Nullable Paging paging) {

	/**
	 * Defaults the results.
	 * @param results the records
	 * @param paging the paging
	 */
	public ObjectPage {
		results = (results != null) ? results : List.of();
	}

}
