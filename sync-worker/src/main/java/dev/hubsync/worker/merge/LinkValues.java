package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a link remembers per field for the merge.
 *
 * @param ancestors per property, the last value both sides held (canonical HubSpot form)
 * @param platformChangedAt per property, the commit time of a product change the sync has
 * seen but not yet settled (a conflict under review, a one-way field kept)
 * @param hubspotSeen per property, the newest HubSpot history entry the sync has
 * accounted for
 */
public record LinkValues(Map<String, String> ancestors, Map<String, Instant> platformChangedAt,
		Map<String, Instant> hubspotSeen) {

	/** A link that has never synced a value (first link). */
	public static final LinkValues NONE = new LinkValues(Map.of(), Map.of(), Map.of());

	/**
	 * Freezes the maps.
	 * @param ancestors the ancestors
	 * @param platformChangedAt the product change times
	 * @param hubspotSeen the HubSpot history positions
	 */
	public LinkValues {
		ancestors = Map.copyOf(ancestors);
		platformChangedAt = Map.copyOf(platformChangedAt);
		hubspotSeen = Map.copyOf(hubspotSeen);
	}

	/**
	 * Returns a field's ancestor.
	 * @param property the field's property
	 * @return the value, or null on first link
	 */
	public @Nullable String ancestor(String property) {
		return this.ancestors.get(property);
	}

}
