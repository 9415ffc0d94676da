package dev.hubsync.hubspot.objects;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One value a property had.
 *
 * @param value the value
 * @param timestamp when it was set
 * @param sourceType what set it, e.g. {@code CRM_UI}, {@code INTEGRATION}
 * @param sourceId the source's detail (a user, an app id)
 * @param sourceLabel a label
 * @param updatedByUserId the user, for UI changes
 */
public record PropertyHistory(@Nullable String value, Instant timestamp, @Nullable String sourceType,
		@Nullable String sourceId, @Nullable String sourceLabel, @Nullable Long updatedByUserId) {
}
