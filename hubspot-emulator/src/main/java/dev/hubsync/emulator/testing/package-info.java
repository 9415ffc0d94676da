/**
 * Running the emulator inside a test's JVM:
 * {@link dev.hubsync.emulator.testing.HubSpotEmulator} starts it on a free port,
 * {@link dev.hubsync.emulator.testing.EmulatorAdmin} drives its admin API, and
 * {@link dev.hubsync.emulator.testing.HubSpotEmulatorExtension} gives one to a test
 * class.
 */
@NullMarked
package dev.hubsync.emulator.testing;

import org.jspecify.annotations.NullMarked;
