/**
 * The webhooks journal (reference {@code hubspot-2026.md} §3): reads entries forward by
 * offset, in batches, on the global or the local journal, and downloads each entry's file
 * by its pre-signed URL. Calls need a client-credentials token
 * ({@link dev.hubsync.hubspot.oauth.ClientCredentialsTokenProvider}).
 */
@NullMarked
package dev.hubsync.hubspot.journal;

import org.jspecify.annotations.NullMarked;
