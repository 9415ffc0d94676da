package dev.hubsync.worker.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * What the sync has accounted of a product row's versions.
 * <p>
 * A product change that sets a field back to its last-synced value leaves the row looking
 * unchanged; only its change event says the product changed the field, and when. While a
 * row has a version newer than every one the sync accounted (its event on its way), a
 * HubSpot change older than that version is not applied over the field: the event decides
 * ({@code merge.RecordMerge}).
 *
 * @param seen the newest version accounted: the commit time of the newest change event
 * the outbound direction processed, or the change time of the sync's own write to a row
 * it had accounted; null when unknown (a link older than this record, or one the outbound
 * direction has not seen an event of yet)
 * @param awaiting above 0 while a merge left a field to a pending product change event
 */
public record ProductVersions(@Nullable Instant seen, int awaiting) {

	/** Nothing known. */
	public static final ProductVersions NONE = new ProductVersions(null, 0);

	/**
	 * Tells whether a row changed after every version the sync accounted: its change time
	 * (the mapping's change-time column) is later, at millisecond precision (a commit
	 * time has milliseconds; the change time, taken when its transaction started, is
	 * never later than its own commit).
	 * @param changedAt the row's change time
	 * @return whether the row has a version whose event is on its way
	 */
	public boolean unaccounted(@Nullable Instant changedAt) {
		return changedAt != null && this.seen != null
				&& changedAt.truncatedTo(ChronoUnit.MILLIS).isAfter(this.seen.truncatedTo(ChronoUnit.MILLIS));
	}

}
