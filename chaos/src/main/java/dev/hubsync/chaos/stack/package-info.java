/**
 * The deployment shape on one machine: embedded Kafka and PostgreSQL, every service a
 * child JVM started from its own runnable jar and configured through its environment as
 * docker-compose configures it, and the round-robin forwarder in front of the ingresses.
 */
@NullMarked
package dev.hubsync.chaos.stack;

import org.jspecify.annotations.NullMarked;
