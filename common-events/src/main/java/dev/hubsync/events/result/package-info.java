/**
 * The value of {@link dev.hubsync.events.Topics#SYNC_RESULTS}: the outcome of every sync
 * decision, as a sealed family ({@link dev.hubsync.events.result.SyncOutcome}). With the
 * sync log table it is the audit trail.
 */
@NullMarked
package dev.hubsync.events.result;

import org.jspecify.annotations.NullMarked;
