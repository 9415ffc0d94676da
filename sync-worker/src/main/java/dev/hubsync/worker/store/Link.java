package dev.hubsync.worker.store;

import java.time.Instant;
import java.util.Map;

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
 * @param syncedValues each property's canonical value as last synced
 * @param hubspotModifiedAt HubSpot's last-modified time last applied (high-water mark)
 * @param archived whether the pair is archived (deleted on either side)
 */
public record Link(String objectTypeId, long hubspotId, String platformKey, long version, @Nullable String platformHash,
		@Nullable String hubspotHash, Map<String, String> syncedValues, @Nullable Instant hubspotModifiedAt,
		boolean archived) {
}
