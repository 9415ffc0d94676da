/**
 * The invariant checker: once the faults stop and the system is quiet, both sides are
 * read and held to the workload's ledger.
 */
@NullMarked
package dev.hubsync.chaos.check;

import org.jspecify.annotations.NullMarked;
