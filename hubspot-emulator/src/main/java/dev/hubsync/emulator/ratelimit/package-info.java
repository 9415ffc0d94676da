/**
 * HubSpot's rate limits: a rolling window per token, a daily count per portal and a
 * per-second search limit per portal, with the {@code X-HubSpot-RateLimit-*} headers on
 * non-search answers and HubSpot's exact 429 bodies, which official clients key their
 * retries on.
 */
@NullMarked
package dev.hubsync.emulator.ratelimit;

import org.jspecify.annotations.NullMarked;
