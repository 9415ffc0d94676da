/**
 * The merge (ARCHITECTURE §7), written once and used by every path that compares a
 * product row with its HubSpot record — live inbound and outbound, poller, bulk sync,
 * reconcile, re-drive: {@link dev.hubsync.worker.merge.FieldMerge} decides one field from
 * the two current values, their change times and the last value both sides held;
 * {@link dev.hubsync.worker.merge.RecordMerge} applies it to every mapped field of a
 * record and says what each side must be given. Pure functions: no I/O, no clock.
 */
@NullMarked
package dev.hubsync.worker.merge;

import org.jspecify.annotations.NullMarked;
