package dev.hubsync.worker.review;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One open review item.
 *
 * @param id its id
 * @param kind what it is ({@code duplicate_email}, {@code manual}, {@code fuzzy},
 * {@code merge}, {@code deletion})
 * @param objectTypeId the object type
 * @param platformKey the product row, if any
 * @param hubspotId the HubSpot record, if any
 * @param field the field, if any
 * @param platformValue the product's value
 * @param hubspotValue HubSpot's value
 * @param detail what to decide
 * @param createdAt when it was opened
 */
public record Review(long id, String kind, String objectTypeId, @Nullable String platformKey, @Nullable Long hubspotId,
		@Nullable String field, @Nullable String platformValue, @Nullable String hubspotValue, @Nullable String detail,
		Instant createdAt) {
}
