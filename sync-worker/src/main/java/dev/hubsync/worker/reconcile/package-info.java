/**
 * Reconcile: both sides compared record by record through the mapping, drift reported,
 * healed through the normal pipeline on request, lost links rebuilt.
 */
@NullMarked
package dev.hubsync.worker.reconcile;

import org.jspecify.annotations.NullMarked;
