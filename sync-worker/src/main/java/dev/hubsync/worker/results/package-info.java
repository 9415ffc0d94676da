/**
 * Outcomes on the results topic and dead letters.
 */
@NullMarked
package dev.hubsync.worker.results;

import org.jspecify.annotations.NullMarked;
