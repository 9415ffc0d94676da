/**
 * HubSpot's webhooks journal (reference {@code hubspot-2026.md} §3), unrelated to the
 * emulator's own persistence ({@code storage.Journal}): the changes that produce webhooks
 * also become journal entries for the journal's own subscriptions, read by offset with a
 * client-credentials token, each entry a file behind an expiring pre-signed URL, kept for
 * a configurable retention; snapshots write records' current values into it.
 */
@NullMarked
package dev.hubsync.emulator.webhooksjournal;

import org.jspecify.annotations.NullMarked;
