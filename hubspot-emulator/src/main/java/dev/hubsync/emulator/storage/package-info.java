/**
 * Durable state: every acknowledged write is appended to a journal of JSON lines before
 * the response is sent, so a killed emulator (SIGKILL) restarts with it; the journal is
 * replayed and compacted into a fresh one at start-up. Without a storage directory the
 * journal is a no-op.
 */
@NullMarked
package dev.hubsync.emulator.storage;

import org.jspecify.annotations.NullMarked;
