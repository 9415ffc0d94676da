/**
 * A real Kafka broker in KRaft mode (combined broker and controller), started with
 * Kafka's own {@code KafkaRaftServer} on storage formatted by Kafka's {@code Formatter}.
 */
@NullMarked
package dev.hubsync.infra.kafka;

import org.jspecify.annotations.NullMarked;
