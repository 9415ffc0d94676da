/**
 * The seeded, open-loop workload: records born on both sides, edits, clears, deletions,
 * restores, merges and association changes, and the ledger of every write it made, which
 * the checker holds both sides to.
 */
@NullMarked
package dev.hubsync.chaos.workload;

import org.jspecify.annotations.NullMarked;
