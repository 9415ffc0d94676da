package dev.hubsync.chaos.workload;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One write the workload made to one field of one record.
 *
 * @param side where it wrote
 * @param value the value in HubSpot's form, {@code null} for a clear
 * @param at the change time the sync compares: the row's {@code updated_at}, or HubSpot's
 * property timestamp
 * @param certain whether the side acknowledged it (a write whose answer was lost may or
 * may not have happened)
 * @param poison whether the value is one HubSpot must refuse (an unknown option)
 */
public record FieldWrite(Side side, @Nullable String value, Instant at, boolean certain, boolean poison) {
}
