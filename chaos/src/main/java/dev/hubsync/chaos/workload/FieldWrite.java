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
 * @param earliest the earliest time the sync may see for it
 * @param latest the latest time the sync may see for it
 */
public record FieldWrite(Side side, @Nullable String value, Instant at, boolean certain, boolean poison,
		Instant earliest, Instant latest) {

	/**
	 * A write whose time the sync sees exactly.
	 * @param side where it wrote
	 * @param value the value
	 * @param at its change time
	 * @param certain whether acknowledged
	 * @param poison whether HubSpot must refuse it
	 */
	public FieldWrite(Side side, @Nullable String value, Instant at, boolean certain, boolean poison) {
		this(side, value, at, certain, poison, at, at);
	}

	/**
	 * Returns a copy with the bounds of the time the sync sees for it: a platform write's
	 * is its commit time, between its transaction's start ({@code at}) and its
	 * acknowledgement; a HubSpot association's is its webhook's {@code occurredAt},
	 * between the call and its answer ({@code at}).
	 * @param from the earliest
	 * @param until the latest
	 * @return the copy
	 */
	public FieldWrite within(Instant from, Instant until) {
		return new FieldWrite(this.side, this.value, this.at, this.certain, this.poison, from, until);
	}

}
