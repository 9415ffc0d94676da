/**
 * The sync's own tables (schema {@code hubsync}) and the platform rows it reads and
 * writes.
 */
@NullMarked
package dev.hubsync.worker.store;

import org.jspecify.annotations.NullMarked;
