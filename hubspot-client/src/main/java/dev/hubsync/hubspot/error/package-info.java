/**
 * The client's exceptions, which say whether a failure is retryable where the failure is
 * understood (STYLE §4.6): {@link dev.hubsync.hubspot.error.HubSpotRetryableException}
 * (429 ten-secondly and secondly limits, 5xx, connection errors),
 * {@link dev.hubsync.hubspot.error.HubSpotPauseException} (daily limit, 423, 477: stop
 * consuming until a time), and {@link dev.hubsync.hubspot.error.HubSpotClientException}
 * for every other 4xx, carrying HubSpot's error body.
 */
@NullMarked
package dev.hubsync.hubspot.error;

import org.jspecify.annotations.NullMarked;
