/**
 * Versioned mapping storage in PostgreSQL (schema {@code hubsync_mapping}).
 */
@NullMarked
package dev.hubsync.mappingservice.store;

import org.jspecify.annotations.NullMarked;
