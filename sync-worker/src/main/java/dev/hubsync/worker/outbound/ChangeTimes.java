package dev.hubsync.worker.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.worker.merge.FieldMerge;
import dev.hubsync.worker.merge.LinkValues;
import dev.hubsync.worker.merge.ProductTime;
import dev.hubsync.worker.store.PlatformRows;
import org.jspecify.annotations.Nullable;

/**
 * The product's change time of each field of one row, from the change events of the
 * batch: the commit time of the last change that touched the column, when the row still
 * holds that change's value. A row that holds a newer value than its last event in the
 * batch has changed again: that change's own event brings its time, so a conflict that
 * needs it waits for it. Without an event for the column (a snapshot of a bulk sync,
 * reconcile or the inbound direction), the time the link kept, else the mapping's
 * change-time column on first link. A reconcile run's snapshot of a field changed since
 * the last sync, with no event of that change, also takes the change-time column: the run
 * found the change made behind the sync's back (its event lost, or never published), so
 * no event will bring its time.
 */
final class ChangeTimes implements ProductTime.Source {

	private final CompiledMapping mapping;

	private final String key;

	private final Row row;

	private final List<Outgoing> changes;

	private final LinkValues kept;

	ChangeTimes(CompiledMapping mapping, String key, Row row, List<Outgoing> changes, LinkValues kept) {
		this.mapping = mapping;
		this.key = key;
		this.row = row;
		this.changes = changes;
		this.kept = kept;
	}

	@Override
	public ProductTime of(String property, String platform, @Nullable String ancestor) {
		CompiledField field = this.mapping.byProperty(property).orElseThrow();
		LocalChange last = null;
		for (Outgoing outgoing : this.changes) {
			LocalChange change = outgoing.change();
			if (change.syncOrigin() || change.op() == ChangeOp.SNAPSHOT || change.op() == ChangeOp.DELETE) {
				continue;
			}
			if (change.op() == ChangeOp.CREATE || touches(change, field.column())) {
				last = change;
			}
		}
		if (last != null) {
			if (holds(field, last.current())) {
				return ProductTime.touched(last.commitTime());
			}
			// changed again since: with the old row the change event is known to have
			// changed this field; without it (no replica identity FULL) every column
			// counts as touched, and nothing is known
			return (last.before() != null) ? ProductTime.pending() : ProductTime.unknown();
		}
		Instant time = this.kept.keptTime(property, platform);
		if (time != null) {
			return ProductTime.at(time);
		}
		if (ancestor == null) {
			return ProductTime.at(PlatformRows.changeTime(this.mapping.config(), this.row));
		}
		if (platform.equals(FieldMerge.normalise(ancestor))) {
			return ProductTime.at(null);
		}
		if (this.changes.stream().anyMatch(Outgoing::fromReconcile)) {
			return ProductTime.at(PlatformRows.changeTime(this.mapping.config(), this.row));
		}
		// changed since the last sync by a change not in this batch (a snapshot was taken
		// before its event arrived): that event brings the time
		return ProductTime.unknown();
	}

	/**
	 * Tells whether an update changed a column: without an old row, it may have; a column
	 * missing from the old row was null there (a decoder may leave nulls out of it, as
	 * PostgreSQL's {@code test_decoding} does).
	 */
	private static boolean touches(LocalChange change, String column) {
		Row before = change.before();
		Row after = change.current();
		if (before == null || after == null) {
			return true;
		}
		if (!before.has(column)) {
			return after.has(column) && after.get(column) != null;
		}
		return before.differs(after, column);
	}

	private boolean holds(CompiledField field, @Nullable Row after) {
		if (after == null || !after.has(field.column())) {
			return false;
		}
		try {
			return Objects.equals(FieldMerge.normalise(field.toHubSpot(this.key, after.get(field.column()))),
					FieldMerge.normalise(field.toHubSpot(this.key, this.row.get(field.column()))));
		}
		catch (ValueConversionException ex) {
			return false;
		}
	}

}
