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
				LinkValues.NONE);
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
		ChangeTimes times = new ChangeTimes(this.mapping, "k", set, List.of(first, again), LinkValues.NONE);
		assertThat(times.of("lastname", "B", "A").at()).isEqualTo(T19);
	}

	private static Outgoing outgoing(Row before, Row after, Instant committed) {
		LocalChange change = new LocalChange("leads", "k", ChangeOp.UPDATE, before, after, 1, 1, committed, false,
				null);
		return new Outgoing(new ConsumerRecord<>("hubsync.local.changes.v1", 0, 0, "leads:k", new byte[0]), change,
				"c");
	}

	private static Row row(String first, String last) {
		return Row.builder()
			.put("id", ColumnType.TEXT, "k")
			.put("first_name", ColumnType.TEXT, first)
			.put("last_name", ColumnType.TEXT, last)
			.put("updated_at", ColumnType.TIMESTAMPTZ, T16)
			.build();
	}

	private static FieldMapping field(String column, String property) {
		return new FieldMapping(column, property, FieldDirection.BOTH, ConflictRule.LATEST_WINS,
				TransformSpec.of("string"));
	}

}
