/**
 * HubSpot-side events: the envelope published by the ingress and the poller
 * ({@link dev.hubsync.events.hubspot.HubSpotEvent}), the webhook event it keeps whole
 * ({@link dev.hubsync.events.hubspot.WebhookEvent}), record keys and object type ids, and
 * the sealed family of changes the worker dispatches on
 * ({@link dev.hubsync.events.hubspot.HubSpotChange}).
 */
@NullMarked
package dev.hubsync.events.hubspot;

import org.jspecify.annotations.NullMarked;
