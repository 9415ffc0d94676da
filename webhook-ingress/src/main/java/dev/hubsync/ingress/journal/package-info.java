/**
 * The webhooks-journal reader, the ingress's second way in (modes {@code journal} and
 * {@code both}): it reads HubSpot's journal forward from a durable offset with a
 * client-credentials token, downloads each entry's file, turns its events into the same
 * events the webhook path publishes, publishes them to the same topic and stores the
 * offset only once Kafka acknowledged them. Falling behind HubSpot's retention requests a
 * resynchronisation by search.
 */
@NullMarked
package dev.hubsync.ingress.journal;

import org.jspecify.annotations.NullMarked;
