/**
 * The HubSpot emulator: a local HubSpot serving the API paths HubSync uses with HubSpot's
 * JSON shapes, status codes, rate limits and webhooks (ARCHITECTURE §11), in memory or
 * durable. Runs on its own ({@link dev.hubsync.emulator.HubSpotEmulatorApplication}) or
 * in a test's JVM ({@code testing}).
 */
@NullMarked
package dev.hubsync.emulator;

import org.jspecify.annotations.NullMarked;
