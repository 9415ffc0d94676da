/**
 * The mapping service (port 8081): mappings stored versioned in PostgreSQL, published to
 * the compacted mapping topic, managed over an admin API.
 */
@NullMarked
package dev.hubsync.mappingservice;

import org.jspecify.annotations.NullMarked;
