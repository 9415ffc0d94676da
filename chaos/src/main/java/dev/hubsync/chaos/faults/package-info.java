/**
 * Seeded faults on a schedule: SIGKILL and restart of service instances, broker and
 * database restarts, and HubSpot faults injected through the emulator's admin API.
 */
@NullMarked
package dev.hubsync.chaos.faults;

import org.jspecify.annotations.NullMarked;
