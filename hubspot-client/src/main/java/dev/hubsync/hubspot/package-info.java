/**
 * The typed HubSpot client: one facade ({@link dev.hubsync.hubspot.HubSpotClient}) with a
 * sub-client per concern, sharing one transport (rate budget, retries, error typing).
 * Request and response shapes are immutable records; failures are the exceptions of
 * {@code error}.
 */
@NullMarked
package dev.hubsync.hubspot;

import org.jspecify.annotations.NullMarked;
