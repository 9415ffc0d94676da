/**
 * The endpoint: content type, size, signature, and the body as a JSON array of events,
 * each kept as its exact bytes; one malformed event is split off for the dead-letter
 * topic instead of failing the request.
 */
@NullMarked
package dev.hubsync.ingress.webhook;

import org.jspecify.annotations.NullMarked;
