package dev.hubsync.emulator.webhooksjournal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One journal entry: the events one write produced for the journal's subscriptions.
 *
 * @param sequence its position in the journal
 * @param offset its offset (what readers pass back)
 * @param publishedAt when it was written
 * @param events its events, as the entry file shows them (times as instants)
 */
record JournalEntry(long sequence, UUID offset, Instant publishedAt, List<Map<String, Object>> events) {
}
