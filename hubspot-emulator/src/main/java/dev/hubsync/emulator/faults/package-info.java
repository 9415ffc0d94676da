/**
 * Injected faults: error rates and latency per path, 429 storms, and (through the webhook
 * settings) dropped, duplicated and reordered deliveries, set with
 * {@code PUT /_emulator/faults}.
 */
@NullMarked
package dev.hubsync.emulator.faults;

import org.jspecify.annotations.NullMarked;
