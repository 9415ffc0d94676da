/**
 * The webhook ingress: HubSpot's front door. Verifies each request's signature over its
 * exact bytes and the URL HubSpot called, publishes every event to Kafka, and answers 200
 * only when every record is acknowledged (503 otherwise, so HubSpot retries). Stateless;
 * no database.
 */
@NullMarked
package dev.hubsync.ingress;

import org.jspecify.annotations.NullMarked;
