/**
 * Events the worker publishes into its own pipeline as triggers: a snapshot of a product
 * row for the outbound direction, a polled record for the inbound one. Bulk sync,
 * reconcile, the poller and the merge itself use them, so every write goes through the
 * direction that owns it (matching, the merge, the rate budget, dead letters).
 */
@NullMarked
package dev.hubsync.worker.triggers;

import org.jspecify.annotations.NullMarked;
