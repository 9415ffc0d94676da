/**
 * A JUnit 5 extension sharing one Kafka broker and one PostgreSQL server per test JVM, so
 * a suite pays their start-up once. Tests isolate themselves by unique topics, consumer
 * groups and databases ({@link dev.hubsync.infra.junit.SharedInfra#uniqueName(String)}).
 */
@NullMarked
package dev.hubsync.infra.junit;

import org.jspecify.annotations.NullMarked;
