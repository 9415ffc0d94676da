/**
 * Record matching (ARCHITECTURE §6), shared by every path that pairs a product row with a
 * HubSpot record — inbound, outbound, bulk sync, reconcile relink: by
 * {@code hubsync_record_id}, then by normalised match key (email), then by the fuzzy
 * rule; and the identity rule that keeps one HubSpot record linked to at most one row.
 */
@NullMarked
package dev.hubsync.worker.matching;

import org.jspecify.annotations.NullMarked;
