/**
 * The review queue through the admin API: what the sync set aside for a person (rows that
 * share a match key with a linked row, MANUAL conflicts, fuzzy proposals, merges of two
 * linked records, parked deletions) listed and resolved, each resolution written to the
 * sync log.
 */
@NullMarked
package dev.hubsync.worker.review;

import org.jspecify.annotations.NullMarked;
