/** The emulator's configuration, bound from {@code emulator.*} properties. */
@NullMarked
package dev.hubsync.emulator.config;

import org.jspecify.annotations.NullMarked;
