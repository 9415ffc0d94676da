/**
 * The pipelines API (read-only): the default pipelines of deals and tickets with their
 * stages, seeded from a data file.
 */
@NullMarked
package dev.hubsync.emulator.pipelines;

import org.jspecify.annotations.NullMarked;
