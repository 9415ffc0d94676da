/**
 * The ingress's metrics ({@code hubsync.ingress.*}) and its Kafka health, which its
 * readiness includes so a load balancer stops sending webhooks while Kafka is
 * unreachable.
 */
@NullMarked
package dev.hubsync.ingress.observability;

import org.jspecify.annotations.NullMarked;
