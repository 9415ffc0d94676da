package dev.hubsync.worker.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingCompiler;
import dev.hubsync.worker.merge.LinkValues;
import dev.hubsync.worker.merge.ProductTime;
import dev.hubsync.worker.store.ProductVersions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeTimesTests {

	private static final Instant T16 = Instant.parse("2026-12-04T20:58:49.669Z");

	private static final Instant T19 = Instant.parse("2026-12-04T20:58:50.900Z");

	private final CompiledMapping mapping = MappingCompiler.compile(
			new MappingConfig("0-1", 1, "public.leads", "id", "updated_at", null,
					List.of(field("first_name", "firstname"), field("last_name", "lastname")), Map.of(), List.of(),
					null, T16, "test"),
			Map.of("id", ColumnType.TEXT, "first_name", ColumnType.TEXT, "last_name", ColumnType.TEXT, "updated_at",
					ColumnType.TIMESTAMPTZ));

	@Test
	void aBeforeImageWithoutAColumnIsNoChangeOfItWhenAnEarlierImageOfTheBatchHasIt() {
		// the last name cleared at T16, then the first name at T19, by a decoder that
		// leaves null columns out of the old row (test_decoding does)
		Row cleared = row("F1e12", null);
		Row now = row(null, null);
		Outgoing lastNameCleared = outgoing(row("F1e12", "L1e7"), cleared, T16);
		Row beforeWithoutNulls = Row.builder()
			.put("id", ColumnType.TEXT, "k")
			.put("first_name", ColumnType.TEXT, "F1e12")
			.put("updated_at", ColumnType.TIMESTAMPTZ, T16)
			.build();
		Outgoing firstNameCleared = outgoing(beforeWithoutNulls, now, T19);
		ChangeTimes times = new ChangeTimes(this.mapping, "k", now, List.of(lastNameCleared, firstNameCleared),
				LinkValues.NONE, ProductVersions.NONE);
		assertThat(times.of("lastname", "", "L1e7").at()).isEqualTo(T16);
		assertThat(times.of("firstname", "", "F1e12").at()).isEqualTo(T19);
	}

	@Test
	void aColumnMissingFromTheOldRowWasNullThere() {
		// the product sets the last name again after a clear the sync itself made (its
		// event dropped): the old row leaves the null out, and the change counts
		Row set = row("F", "B");
		Outgoing first = outgoing(row("F", "A"), set, T16);
		Row beforeWithoutNulls = Row.builder()
			.put("id", ColumnType.TEXT, "k")
			.put("first_name", ColumnType.TEXT, "F")
			.put("updated_at", ColumnType.TIMESTAMPTZ, T16)
			.build();
		Outgoing again = outgoing(beforeWithoutNulls, set, T19);
		ChangeTimes times = new ChangeTimes(this.mapping, "k", set, List.of(first, again), LinkValues.NONE,
				ProductVersions.NONE);
		assertThat(times.of("lastname", "B", "A").at()).isEqualTo(T19);
	}

	@Test
	void aLastSyncedValueInARowVersionNewerThanTheBatchIsPending() {
		// the batch brings a change of the last name committed at T16; the row was
		// changed again at T19 (its event on its way): the first name, holding its
		// last-synced value there, may have been set back
		Row now = row("F", "B", T19);
		Outgoing lastName = outgoing(row("F", "A"), row("F", "B"), T16);
		ChangeTimes times = new ChangeTimes(this.mapping, "k", now, List.of(lastName), LinkValues.NONE,
				new ProductVersions(T16.minusSeconds(60), 1));
		assertThat(times.of("firstname", "F", "F")).isEqualTo(ProductTime.pending(T19));
		assertThat(times.versions().awaiting()).isEqualTo(1);
		// once an event of that version is in the batch, the value is the product's old
		// one
		Outgoing other = outgoing(row("F", "B"), now, T19.plusMillis(1));
		ChangeTimes covered = new ChangeTimes(this.mapping, "k", now, List.of(lastName, other), LinkValues.NONE,
				new ProductVersions(T16.minusSeconds(60), 1));
		assertThat(covered.of("firstname", "F", "F")).isEqualTo(ProductTime.at(null));
		// and a version the sync accounted (its own write) is no pending one
		ChangeTimes accounted = new ChangeTimes(this.mapping, "k", now, List.of(lastName), LinkValues.NONE,
				new ProductVersions(T19, 0));
		assertThat(accounted.of("firstname", "F", "F")).isEqualTo(ProductTime.at(null));
	}

	@Test
	void aChangeTimeInTheSameMillisecondAsTheNewestCommitIsAccounted() {
		// a change time is its transaction's start, a commit time has milliseconds: a
		// row version whose own event is in the batch is never taken for a newer one
		Instant started = Instant.parse("2026-12-04T20:58:50.900400Z");
		Row now = row("F", "B", started);
		ChangeTimes times = new ChangeTimes(this.mapping, "k", now, List.of(outgoing(row("F", "A"), now, T19)),
				LinkValues.NONE, ProductVersions.NONE);
		assertThat(times.of("firstname", "F", "F")).isEqualTo(ProductTime.at(null));
	}

	private static Outgoing outgoing(Row before, Row after, Instant committed) {
		LocalChange change = new LocalChange("leads", "k", ChangeOp.UPDATE, before, after, 1, 1, committed, false,
				null);
		return new Outgoing(new ConsumerRecord<>("hubsync.local.changes.v1", 0, 0, "leads:k", new byte[0]), change,
				"c");
	}

	private static Row row(String first, String last) {
		return row(first, last, T16);
	}

	private static Row row(String first, String last, Instant changedAt) {
		return Row.builder()
			.put("id", ColumnType.TEXT, "k")
			.put("first_name", ColumnType.TEXT, first)
			.put("last_name", ColumnType.TEXT, last)
			.put("updated_at", ColumnType.TIMESTAMPTZ, changedAt)
			.build();
	}

	private static FieldMapping field(String column, String property) {
		return new FieldMapping(column, property, FieldDirection.BOTH, ConflictRule.LATEST_WINS,
				TransformSpec.of("string"));
	}

}
