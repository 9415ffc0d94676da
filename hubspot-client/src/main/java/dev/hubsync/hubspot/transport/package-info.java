/**
 * One HTTP call to HubSpot, done right: rate budget first, then the request, then the
 * response classified into a result or a typed exception, retried with jittered
 * exponential backoff honouring {@code Retry-After} (Resilience4j), every retry logged as
 * "attempt n of m".
 */
@NullMarked
package dev.hubsync.hubspot.transport;

import org.jspecify.annotations.NullMarked;
