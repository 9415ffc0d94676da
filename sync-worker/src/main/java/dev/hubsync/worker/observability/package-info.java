/**
 * Metrics.
 */
@NullMarked
package dev.hubsync.worker.observability;

import org.jspecify.annotations.NullMarked;
