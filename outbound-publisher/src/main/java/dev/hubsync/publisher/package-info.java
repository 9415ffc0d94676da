/**
 * The outbound publisher: Debezium's embedded PostgreSQL connector (pgoutput) captures
 * the platform tables, whoever changes them, and publishes each row change as a
 * {@code LocalChange} on {@code hubsync.local.changes.v1}. Offsets are committed only
 * after Kafka acknowledged; one engine per slot runs, behind a PostgreSQL advisory lock,
 * with standbys waiting to take over.
 */
@NullMarked
package dev.hubsync.publisher;

import org.jspecify.annotations.NullMarked;
