package dev.hubsync.hubspot.journal;

import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * HubSpot's {@code JournalFetchResponse}: an entry's offset and where to download it.
 *
 * @param currentOffset the entry's offset (pass it back to read what follows)
 * @param expiresAt when the URL stops working
 * @param url the pre-signed URL of the entry's JSON file; absent in a "caught up" answer
 */
public record JournalEntryRef(String currentOffset, @Nullable Instant expiresAt, @Nullable URI url) {
}
