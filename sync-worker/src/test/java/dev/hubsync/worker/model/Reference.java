package dev.hubsync.worker.model;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import dev.hubsync.worker.model.History.Field;
import dev.hubsync.worker.model.History.Side;
import org.jspecify.annotations.Nullable;

/**
 * The reference model: what each field of each person, task and ticket must hold once the
 * sync is quiet (values as the product names them: a status, an owner's name), from the
 * changes users made alone (ARCHITECTURE §7). Per field, the latest change wins,
 * whichever side made it; a tie goes to HubSpot; a value at birth is a change at the
 * birth's time, an empty field at birth is no change (a value on one side only survives);
 * a clear is a change. Times are compared in milliseconds, as the sync does. Two changes
 * on different sides less than {@link #CONCURRENT} apart are concurrent: the product's
 * time of a change is its commit time on one path and its row's {@code updated_at} on
 * another (the transaction's start), so either value is accepted (both sides must still
 * agree).
 */
final class Reference {

	/** Changes on different sides closer than this are concurrent. */
	static final Duration CONCURRENT = Duration.ofMillis(3);

	/**
	 * A change by a user.
	 *
	 * @param at when, resolved once the run is over (a product change's commit time is
	 * known only from the change capture)
	 * @param side the side
	 * @param value the value; null when cleared
	 * @param what what made it, for reports
	 */
	record Change(Supplier<@Nullable Instant> at, Side side, @Nullable String value, String what) {

		Instant time() {
			Instant time = this.at.get();
			if (time == null) {
				throw new IllegalStateException("the time of " + this.what + " is unknown");
			}
			return time.truncatedTo(ChronoUnit.MILLIS);
		}

		@Override
		public String toString() {
			return this.what + " " + this.side + "=" + this.value + " at " + this.at.get();
		}

	}

	private final Map<String, Map<Field, List<Change>>> changes = new HashMap<>();

	/**
	 * Records a user's change.
	 * @param who the person or item, e.g. {@code person 0}, {@code item 2}
	 * @param field the field
	 * @param change the change
	 */
	void changed(String who, Field field, Change change) {
		this.changes.computeIfAbsent(who, (p) -> new HashMap<>())
			.computeIfAbsent(field, (f) -> new ArrayList<>())
			.add(change);
	}

	/**
	 * Returns the values a field may hold at the end: the latest change's, and any
	 * concurrent one's on the other side.
	 * @param who the person or item
	 * @param field the field
	 * @return the acceptable values (null for empty)
	 */
	Set<@Nullable String> expected(String who, Field field) {
		List<Change> list = this.changes.getOrDefault(who, Map.of()).getOrDefault(field, List.of());
		Set<@Nullable String> values = new LinkedHashSet<>();
		if (list.isEmpty()) {
			values.add(null);
			return values;
		}
		Change latest = null;
		for (Change change : list) {
			if (latest == null || later(change, latest)) {
				latest = change;
			}
		}
		values.add(latest.value());
		for (Change change : list) {
			if (change.side() != latest.side()
					&& Duration.between(change.time(), latest.time()).abs().compareTo(CONCURRENT) < 0
					&& isLatestOfItsSide(change, list)) {
				values.add(change.value());
			}
		}
		return values;
	}

	private static boolean isLatestOfItsSide(Change change, List<Change> list) {
		return list.stream()
			.filter((other) -> other.side() == change.side() && other != change)
			.noneMatch((other) -> later(other, change));
	}

	/** Later in time; at the same millisecond, HubSpot's; on one side, the later made. */
	private static boolean later(Change a, Change b) {
		int byTime = a.time().compareTo(b.time());
		if (byTime != 0) {
			return byTime > 0;
		}
		if (a.side() != b.side()) {
			return a.side() == Side.HUBSPOT;
		}
		return true;
	}

	/**
	 * Explains a field's expectation, for a failure report.
	 * @param who the person or item
	 * @param field the field
	 * @return its changes
	 */
	String explain(String who, Field field) {
		return Objects.toString(this.changes.getOrDefault(who, Map.of()).getOrDefault(field, List.of()));
	}

}
