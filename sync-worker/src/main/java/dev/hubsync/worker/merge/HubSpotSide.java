package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * HubSpot's side of one field as the merge sees it, read from the property's current
 * value and, when read with it, its history.
 * <p>
 * HubSpot has no conditional write: a HubSpot user's edit that lands between the sync's
 * read and its write is overwritten by the write. The history still holds it. So the link
 * keeps, per property, the time of the newest history entry the sync has accounted for
 * ("seen"); entries after it that the sync's own app made are its writes, and a newer
 * entry made by anyone else that the sync's write then covered is an overwritten edit:
 * the merge takes that edit as HubSpot's value and treats the field as changed on both
 * sides, so the field's rule decides — instead of losing the edit.
 *
 * @param current the current value (canonical; {@code ""} when empty)
 * @param value the value HubSpot's side stands for (the current one, or an overwritten
 * edit)
 * @param changedAt when HubSpot's side last changed it: the newest history entry, never
 * the record's modification time (our own writes move that); null without history
 * @param overwritten whether both sides changed the field though the ancestor does not
 * tell: {@code value} is an edit our own later write covered, or a change made after a
 * write of ours that never became the last-synced value
 * @param newestEntry the newest history entry's time (what the link records as seen);
 * null without history
 * @param touched whether someone other than the sync changed the field since the sync
 * last looked, its newest entry theirs: HubSpot changed it at {@code changedAt} even when
 * it holds the value it held then (set away and back)
 */
public record HubSpotSide(String current, String value, @Nullable Instant changedAt, boolean overwritten,
		@Nullable Instant newestEntry, boolean touched) {

	/**
	 * A side not known to be touched since the sync last looked.
	 * @param current the current value
	 * @param value the value HubSpot's side stands for
	 * @param changedAt when HubSpot's side last changed it
	 * @param overwritten whether both sides changed the field though the ancestor does
	 * not tell
	 * @param newestEntry the newest history entry's time
	 */
	public HubSpotSide(String current, String value, @Nullable Instant changedAt, boolean overwritten,
			@Nullable Instant newestEntry) {
		this(current, value, changedAt, overwritten, newestEntry, false);
	}

	/**
	 * Reads HubSpot's side of a field.
	 * @param current the current value, canonical
	 * @param history the property's history, newest first, canonical; null when not read
	 * @param seen the newest entry the sync accounted for before (from the link); null
	 * when unknown
	 * @param ancestor the last value both sides held, null on first link
	 * @return the side
	 */
	public static HubSpotSide of(String current, @Nullable List<Entry> history, @Nullable Instant seen,
			@Nullable String ancestor) {
		return of(current, history, seen, ancestor, null);
	}

	/**
	 * Reads HubSpot's side of a field, knowing when the product changed the value of the
	 * sync's newest write (the link keeps it): HubSpot edits since the sync last looked
	 * that end where they began are no change for that write to have covered only when
	 * they came before the product's change; made after it, they are HubSpot's later
	 * change (a user's value set and cleared after the product's, chaos seed 2026).
	 * @param current the current value, canonical
	 * @param history the property's history, newest first, canonical; null when not read
	 * @param seen the newest entry the sync accounted for before (from the link); null
	 * when unknown
	 * @param ancestor the last value both sides held, null on first link
	 * @param writtenChangeAt the product's change time of the value the newest write of
	 * ours carried; null when unknown
	 * @return the side
	 */
	public static HubSpotSide of(String current, @Nullable List<Entry> history, @Nullable Instant seen,
			@Nullable String ancestor, @Nullable Instant writtenChangeAt) {
		String now = FieldMerge.normalise(current);
		if (history == null || history.isEmpty()) {
			return new HubSpotSide(now, now, null, false, null);
		}
		Entry newest = history.get(0);
		if (!newest.own()) {
			// a change by someone else after a write of ours that never became the
			// last-synced value: HubSpot changed the field even if it set it back to that
			// value, so both sides count as changed and the rule decides
			boolean unrecorded = seen != null && ancestor != null
					&& history.stream()
						.filter((entry) -> entry.at().isAfter(seen))
						.anyMatch((entry) -> entry.own()
								&& !FieldMerge.normalise(entry.value()).equals(FieldMerge.normalise(ancestor)));
			// the newest entry, someone else's, is after what the sync last looked at:
			// HubSpot changed the field then, whatever value it ended on (a set-back to
			// the last-synced value made after the product's change is HubSpot's later
			// change, chaos seed 42)
			boolean touched = seen != null && newest.at().isAfter(seen);
			return new HubSpotSide(now, now, newest.at(), unrecorded, newest.at(), touched);
		}
		String ours = FieldMerge.normalise(newest.value());
		// the newest entry is our own write: did it cover a newer edit we had not seen?
		if (seen != null) {
			for (Entry entry : history) {
				if (!entry.at().isAfter(seen)) {
					break;
				}
				if (!entry.own()) {
					String edit = FieldMerge.normalise(entry.value());
					// at millisecond precision, as the rule compares the two sides' times
					// (an edit in the product's millisecond is HubSpot's, as ties are)
					boolean beforeTheProducts = writtenChangeAt == null || entry.at()
						.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
						.isBefore(writtenChangeAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
					if (edit.equals(ours) || (beforeTheProducts && edit.equals(valueAt(history, seen).orElse(null))
							&& noOwnEntryBetween(history, seen, entry.at()))) {
						// the edits since the sync last looked end where they began, with
						// no write of ours among them: no change of HubSpot's for our
						// write
						// to have covered (the write's merge may well have read them)
						break;
					}
					return new HubSpotSide(now, edit, entry.at(), true, newest.at());
				}
			}
		}
		// a write of ours that never became the last-synced value (its merge was
		// superseded, or the sync stopped before recording it; on a first link, where
		// nothing was recorded yet, any write of ours) is not HubSpot's change: HubSpot's
		// side is the newest value anyone else set, and empty when nobody else set one
		if (ancestor == null || !ours.equals(FieldMerge.normalise(ancestor))) {
			for (Entry entry : history) {
				if (!entry.own()) {
					return new HubSpotSide(now, FieldMerge.normalise(entry.value()), entry.at(), false, newest.at());
				}
			}
			if (ancestor == null) {
				return new HubSpotSide(now, "", null, false, newest.at());
			}
		}
		return new HubSpotSide(now, now, newest.at(), false, newest.at());
	}

	/**
	 * The value a property held at a time: its newest entry at or before it; empty when
	 * it had none, unless the history may be cut short (HubSpot returns a property's
	 * newest entries only: {@value #SHORT_HISTORY} or more may hide older ones).
	 */
	private static java.util.Optional<String> valueAt(List<Entry> history, Instant at) {
		for (Entry entry : history) {
			if (!entry.at().isAfter(at)) {
				return java.util.Optional.of(FieldMerge.normalise(entry.value()));
			}
		}
		return (history.size() < SHORT_HISTORY) ? java.util.Optional.of("") : java.util.Optional.empty();
	}

	/** Tells whether no write of ours lies after one time and before another. */
	private static boolean noOwnEntryBetween(List<Entry> history, Instant after, Instant before) {
		return history.stream().noneMatch((e) -> e.own() && e.at().isAfter(after) && e.at().isBefore(before));
	}

	/** The fewest history entries HubSpot may have cut older ones from. */
	static final int SHORT_HISTORY = 20;

	/**
	 * One history entry.
	 *
	 * @param value the value, canonical
	 * @param at when it was set
	 * @param own whether the sync's own app set it
	 */
	public record Entry(@Nullable String value, Instant at, boolean own) {
	}

}
