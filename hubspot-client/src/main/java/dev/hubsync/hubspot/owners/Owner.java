package dev.hubsync.hubspot.owners;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An owner. Its {@code id} (not its {@code userId}) is what {@code hubspot_owner_id}
 * holds.
 *
 * @param id the owner id
 * @param email the email
 * @param type {@code PERSON} or {@code QUEUE}
 * @param firstName the first name
 * @param lastName the last name
 * @param userId the user id
 * @param createdAt when created
 * @param updatedAt when last changed
 * @param archived whether deactivated
 */
public record Owner(String id, @Nullable String email, @Nullable String type, @Nullable String firstName,
		@Nullable String lastName, @Nullable Long userId, @Nullable Instant createdAt, @Nullable Instant updatedAt,
		boolean archived) {
}
