/**
 * The publisher's metrics ({@code hubsync.publisher.*}: changes by table and operation,
 * commit-to-acknowledgement latency, engine state, slot lag in bytes) and health (engine
 * state, last event, slot lag).
 */
@NullMarked
package dev.hubsync.publisher.observability;

import org.jspecify.annotations.NullMarked;
