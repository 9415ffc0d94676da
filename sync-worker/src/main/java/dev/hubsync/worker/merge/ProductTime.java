package dev.hubsync.worker.merge;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.MappingConfig;
import org.jspecify.annotations.Nullable;

/**
 * When the product last changed a field outside the sync, as far as a path knows.
 *
 * @param at the commit time; null for "older than any HubSpot change"
 * @param touched whether the time is that of a change event that wrote the field (so the
 * product changed it then, even to the value it held before)
 * @param known false when the product changed the field and the change's time is not
 * known yet: a later change event carries it, so a conflict that needs it is left to that
 * event
 */
public record ProductTime(@Nullable Instant at, boolean known, boolean touched) {

	private static final ProductTime OLDER = new ProductTime(null, true, false);

	private static final ProductTime UNKNOWN = new ProductTime(null, false, false);

	private static final ProductTime PENDING = new ProductTime(null, false, true);

	/**
	 * Returns a row's change time: its mapping's change-time column, when it has one.
	 * @param config the mapping
	 * @param row the row
	 * @return the time, or null
	 */
	public static @Nullable Instant ofRow(MappingConfig config, Row row) {
		if (config.changeTimeColumn() == null) {
			return null;
		}
		Object value = row.get(config.changeTimeColumn());
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof LocalDateTime local) {
			return local.toInstant(ZoneOffset.UTC);
		}
		return null;
	}

	/**
	 * A time not read from a change event of the field.
	 * @param at the time, or null
	 * @param known whether it is known
	 */
	public ProductTime(@Nullable Instant at, boolean known) {
		this(at, known, false);
	}

	/**
	 * The commit time of the product's own change event that wrote the field's current
	 * value: the product changed it then, even if it holds the last-synced value again.
	 * @param at the commit time
	 * @return the time
	 */
	public static ProductTime touched(Instant at) {
		return new ProductTime(at, true, true);
	}

	/**
	 * A known time.
	 * @param at the time, or null for older than any HubSpot change
	 * @return the time
	 */
	public static ProductTime at(@Nullable Instant at) {
		return (at != null) ? new ProductTime(at, true) : OLDER;
	}

	/**
	 * A change whose time a later change event brings.
	 * @return the unknown time
	 */
	public static ProductTime unknown() {
		return UNKNOWN;
	}

	/**
	 * A field the batch's change event changed (its old row says so) whose newer value's
	 * event is still on its way: the time is unknown, and the product did change the
	 * field (a set-back may be under way).
	 * @return the pending time
	 */
	public static ProductTime pending() {
		return PENDING;
	}

	/** Where a path's merge gets the product's change time of a field. */
	@FunctionalInterface
	public interface Source {

		/**
		 * Returns the product's change time of a field.
		 * @param property the field's HubSpot property
		 * @param platform the product's value, canonical
		 * @param ancestor the link's last-synced value, null when none
		 * @return the time
		 */
		ProductTime of(String property, String platform, @Nullable String ancestor);

	}

}
