/**
 * Scale-out figures: inbound and outbound throughput with 1, 2 and 3 worker replicas, at
 * lifted and at Professional rate limits, with the cores and CPU load beside each figure.
 */
@NullMarked
package dev.hubsync.chaos.scaleout;

import org.jspecify.annotations.NullMarked;
