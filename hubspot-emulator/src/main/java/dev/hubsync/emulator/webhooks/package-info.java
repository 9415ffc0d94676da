/**
 * Webhooks: every change becomes events (filtered by the subscriptions), events are
 * batched (at most 100 per request), signed (v3, and v1/v2 when configured) and delivered
 * with HubSpot's retry behaviour; pending events and deliveries survive a killed emulator
 * when storage is durable.
 */
@NullMarked
package dev.hubsync.emulator.webhooks;

import org.jspecify.annotations.NullMarked;
