package dev.hubsync.worker.store;

import java.time.Instant;
import java.util.Map;

import dev.hubsync.worker.merge.LinkValues;
import org.jspecify.annotations.Nullable;

/**
 * A linked pair.
 *
 * @param objectTypeId the object type
 * @param hubspotId the HubSpot record
 * @param platformKey the platform row's key
 * @param version bumped on every write through the link
 * @param platformHash hash of the mapped values last written to or read from the platform
 * @param hubspotHash hash of the mapped values last written to or read from HubSpot
 * @param syncedValues each property's canonical value as last synced (the merge's
 * ancestor), and each association's target key ({@code assoc:<column>})
 * @param hubspotModifiedAt HubSpot's last-modified time last applied (high-water mark)
 * @param archived whether the pair is archived (deleted on either side)
 * @param platformChangedAt per property, the time of a product change seen but not
 * settled
 * @param hubspotSeen per property, the newest HubSpot history entry accounted for
 */
public record Link(String objectTypeId, long hubspotId, String platformKey, long version, @Nullable String platformHash,
		@Nullable String hubspotHash, Map<String, String> syncedValues, @Nullable Instant hubspotModifiedAt,
		boolean archived, Map<String, Instant> platformChangedAt, Map<String, Instant> hubspotSeen) {

	/**
	 * A link as most writers make it: without per-field merge state.
	 * @param objectTypeId the object type
	 * @param hubspotId the HubSpot record
	 * @param platformKey the platform row
	 * @param version the version
	 * @param platformHash the platform hash
	 * @param hubspotHash the HubSpot hash
	 * @param syncedValues the synced values
	 * @param hubspotModifiedAt the HubSpot high-water mark
	 * @param archived whether archived
	 */
	public Link(String objectTypeId, long hubspotId, String platformKey, long version, @Nullable String platformHash,
			@Nullable String hubspotHash, Map<String, String> syncedValues, @Nullable Instant hubspotModifiedAt,
			boolean archived) {
		this(objectTypeId, hubspotId, platformKey, version, platformHash, hubspotHash, syncedValues, hubspotModifiedAt,
				archived, Map.of(), Map.of());
	}

	/**
	 * Returns what the merge needs of the link.
	 * @return the per-field values
	 */
	public LinkValues values() {
		return new LinkValues(this.syncedValues, this.platformChangedAt, this.hubspotSeen);
	}

}
