/**
 * Change capture: the Debezium engine's lifecycle under a leadership lock, the conversion
 * of its records into {@code LocalChange}s (types preserved, sync-origin transactions
 * flagged), and their publication with offsets committed only after Kafka acknowledged.
 */
@NullMarked
package dev.hubsync.publisher.capture;

import org.jspecify.annotations.NullMarked;
