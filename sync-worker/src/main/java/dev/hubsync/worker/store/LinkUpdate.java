package dev.hubsync.worker.store;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A merge's effect on a link ({@link LinkStore#update}), field by field.
 *
 * @param objectTypeId the object type
 * @param hubspotId the HubSpot record
 * @param ancestors the new last-synced values of the fields decided
 * @param settled properties whose pending product change time is consumed
 * @param productTimes product change times to keep for undecided fields
 * @param hubspotSeen the newest HubSpot history entries accounted for
 * @param hubspotModifiedAt HubSpot's modification time now applied, if any
 * @param platformLsn the LSN of the product change now applied, if any
 * @param platformHash the hash of the product's mapped values, if known
 * @param hubspotHash the hash of HubSpot's mapped values, if known
 */
public record LinkUpdate(String objectTypeId, long hubspotId, Map<String, String> ancestors, Set<String> settled,
		Map<String, Instant> productTimes, Map<String, Instant> hubspotSeen, @Nullable Instant hubspotModifiedAt,
		@Nullable Long platformLsn, @Nullable String platformHash, @Nullable String hubspotHash) {
}
