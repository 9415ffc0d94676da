/**
 * The HubSpot rate budget (ARCHITECTURE §9): burst (per window), daily and search (per
 * second) token buckets per portal, on Bucket4j, kept in memory for one process or shared
 * through PostgreSQL by every process calling HubSpot with the same app, adjusted from
 * HubSpot's {@code X-HubSpot-RateLimit-*} headers, with a live lane and a background lane
 * that only uses what live traffic leaves idle.
 */
@NullMarked
package dev.hubsync.hubspot.ratelimit;

import org.jspecify.annotations.NullMarked;
