/**
 * Real infrastructure in process, without Docker, for tests and the dev stack: a Kafka
 * broker in KRaft mode ({@code kafka}), PostgreSQL with logical decoding
 * ({@code postgres}), the demo platform database ({@code demo}) and a JUnit 5 extension
 * sharing one of each per test JVM ({@code junit}). Never part of a service image.
 */
@NullMarked
package dev.hubsync.infra;

import org.jspecify.annotations.NullMarked;
