/**
 * Which URL HubSpot signed (the public base URL, or forwarded headers behind a trusted
 * proxy, plus the request's path and query as received) and the check of the request's
 * signature.
 */
@NullMarked
package dev.hubsync.ingress.signature;

import org.jspecify.annotations.NullMarked;
