/**
 * Publishing events to Kafka durably: every event to the events topic keyed by its record
 * (idempotent producer, {@code acks=all}), every malformed one to the dead-letter topic
 * with its reason, and the answer only once all are acknowledged within the bound.
 */
@NullMarked
package dev.hubsync.ingress.publishing;

import org.jspecify.annotations.NullMarked;
