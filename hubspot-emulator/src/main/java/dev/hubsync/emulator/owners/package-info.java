/** The owners API (read-only), seeded from the default data file. */
@NullMarked
package dev.hubsync.emulator.owners;

import org.jspecify.annotations.NullMarked;
