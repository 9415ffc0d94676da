package dev.hubsync.emulator.crm;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One value a property had.
 *
 * @param value the value
 * @param timestamp when it was set
 * @param sourceType what set it ({@code CRM_UI}, {@code INTEGRATION}, {@code IMPORT})
 * @param sourceId the source's detail
 */
public record HistoryEntry(String value, Instant timestamp, String sourceType, @Nullable String sourceId) {
}
