package dev.hubsync.benchmarks;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.events.mapping.UnmappedValueRule;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingCompiler;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Records mapped per second on one thread (one core), both directions, with a 20-field
 * mapping of mixed transforms (text, email, E.164 phone, numbers, boolean, date,
 * datetime, enumerations, multi-select, JSON), over 1,024 distinct records. A
 * hand-written loop rather than JMH: the figure is a steady-state throughput of a
 * whole-record operation (microseconds, not nanoseconds), where JMH's forked, blackholed
 * measurement buys little and its forks do not run from a Spring Boot fat jar. Allocation
 * per record comes from the JVM's per-thread allocation counter.
 */
@Command(name = "mapping", description = "Records mapped per second per core, both directions, 20-field mapping.")
final class MappingBenchmark implements Runnable {

	@Option(names = "--seconds", description = "Measured duration per scenario (default: ${DEFAULT-VALUE}).")
	int seconds = 10;

	@Option(names = "--warmup", description = "Warm-up per scenario in seconds (default: ${DEFAULT-VALUE}).")
	int warmup = 5;

	private static final int RECORDS = 1024;

	private volatile Object sink;

	@Override
	public void run() {
		CompiledMapping mapping = MappingCompiler.compile(config(), columnTypes());
		List<Row> rows = new ArrayList<>(RECORDS);
		List<Map<String, @Nullable String>> records = new ArrayList<>(RECORDS);
		for (int i = 0; i < RECORDS; i++) {
			Row row = row(i);
			rows.add(row);
			records.add(new LinkedHashMap<>(mapping.toHubSpot("r" + i, row)));
		}
		// CHECKSTYLE:OFF: a benchmark's console output is its result
		System.out.println();
		System.out.println("## Mapping engine: one thread, 20-field mapping, " + RECORDS + " distinct records");
		System.out.println();
		System.out.println("Java " + System.getProperty("java.version") + ", " + this.warmup + " s warm-up, "
				+ this.seconds + " s measured per scenario");
		System.out.println();
		System.out.println("| scenario | records/s (one core) | time per record | allocated per record |");
		System.out.println("|---|---|---|---|");
		// CHECKSTYLE:ON
		measure("platform row -> HubSpot properties", (i) -> this.sink = mapping.toHubSpot("r", rows.get(i)));
		measure("HubSpot properties -> platform columns", (i) -> this.sink = mapping.toPlatform("r", records.get(i)));
		measure("hash of a row (echo check)", (i) -> this.sink = mapping.hashOfRow("r", rows.get(i)));
		measure("hash of a HubSpot record (echo check)", (i) -> this.sink = mapping.hashOfHubSpot("r", records.get(i)));
	}

	private void measure(String scenario, IntConsumer operation) {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		run(operation, this.warmup * 1_000_000_000L);
		long thread = Thread.currentThread().getId();
		long allocatedBefore = threads.getThreadAllocatedBytes(thread);
		long start = System.nanoTime();
		long count = run(operation, this.seconds * 1_000_000_000L);
		long elapsed = System.nanoTime() - start;
		long allocated = threads.getThreadAllocatedBytes(thread) - allocatedBefore;
		// CHECKSTYLE:OFF: a benchmark's console output is its result
		System.out.printf("| %s | %,.0f | %.2f µs | %,d bytes |%n", scenario, count / (elapsed / 1e9),
				elapsed / 1e3 / count, allocated / count);
		// CHECKSTYLE:ON
	}

	private static long run(IntConsumer operation, long nanos) {
		long deadline = System.nanoTime() + nanos;
		long count = 0;
		while (System.nanoTime() < deadline) {
			for (int i = 0; i < RECORDS; i++) {
				operation.accept(i);
			}
			count += RECORDS;
		}
		return count;
	}

	private static MappingConfig config() {
		List<FieldMapping> fields = new ArrayList<>();
		for (int i = 1; i <= 8; i++) {
			fields.add(field("text_" + i, "text_" + i, TransformSpec.of("string")));
		}
		fields.add(field("email", "email", TransformSpec.of("email")));
		fields.add(field("phone", "phone", TransformSpec.of("phone")));
		fields.add(field("amount", "amount",
				new TransformSpec("number", Map.of("scale", "2"), Map.of(), UnmappedValueRule.REJECT, null)));
		fields.add(field("employees", "numberofemployees", TransformSpec.of("number")));
		fields.add(field("score", "score", TransformSpec.of("number")));
		fields.add(field("opted_in", "opted_in", TransformSpec.of("boolean")));
		fields.add(field("birthday", "birthday", TransformSpec.of("date")));
		fields.add(field("last_seen", "last_seen", TransformSpec.of("datetime")));
		fields.add(field("stage", "lifecyclestage",
				new TransformSpec("enum", Map.of(),
						Map.of("lead", "lead", "mql", "marketingqualifiedlead", "customer", "customer"),
						UnmappedValueRule.REJECT, null)));
		fields.add(field("industry", "industry", TransformSpec.of("enum")));
		fields.add(field("tags", "tags", new TransformSpec("multiselect", Map.of(),
				Map.of("a", "A", "b", "B", "c", "C"), UnmappedValueRule.REJECT, null)));
		fields.add(field("settings", "settings", TransformSpec.of("json")));
		return new MappingConfig(ObjectTypes.CONTACTS, 1, "people", "id", "updated_at", null, fields, null, null, null,
				Instant.now(), "benchmark");
	}

	private static FieldMapping field(String column, String property, TransformSpec transform) {
		return new FieldMapping(column, property, null, null, transform);
	}

	private static Map<String, ColumnType> columnTypes() {
		Map<String, ColumnType> types = new LinkedHashMap<>();
		for (int i = 1; i <= 8; i++) {
			types.put("text_" + i, ColumnType.TEXT);
		}
		types.put("email", ColumnType.TEXT);
		types.put("phone", ColumnType.TEXT);
		types.put("amount", ColumnType.DECIMAL);
		types.put("employees", ColumnType.INTEGER);
		types.put("score", ColumnType.FLOAT);
		types.put("opted_in", ColumnType.BOOLEAN);
		types.put("birthday", ColumnType.DATE);
		types.put("last_seen", ColumnType.TIMESTAMPTZ);
		types.put("stage", ColumnType.TEXT);
		types.put("industry", ColumnType.TEXT);
		types.put("tags", ColumnType.TEXT_ARRAY);
		types.put("settings", ColumnType.JSON);
		return types;
	}

	private static Row row(int i) {
		Row.Builder row = Row.builder().put("id", ColumnType.UUID, new UUID(0, i));
		for (int t = 1; t <= 8; t++) {
			row.put("text_" + t, ColumnType.TEXT, " value " + t + " of record " + i + " ");
		}
		row.put("email", ColumnType.TEXT, "Person" + i + "@Example.com")
			.put("phone", ColumnType.TEXT, String.format("(415) 555-%04d", i))
			.put("amount", ColumnType.DECIMAL, new BigDecimal(i + ".50"))
			.put("employees", ColumnType.INTEGER, (long) i)
			.put("score", ColumnType.FLOAT, i / 8.0)
			.put("opted_in", ColumnType.BOOLEAN, i % 2 == 0)
			.put("birthday", ColumnType.DATE, LocalDate.of(1980, 1, 1).plusDays(i))
			.put("last_seen", ColumnType.TIMESTAMPTZ, Instant.parse("2026-11-20T08:00:00.123456Z").plusSeconds(i))
			.put("stage", ColumnType.TEXT, (i % 3 == 0) ? "lead" : (i % 3 == 1) ? "mql" : "customer")
			.put("industry", ColumnType.TEXT, "COMPUTER_SOFTWARE")
			.put("tags", ColumnType.TEXT_ARRAY, (i % 2 == 0) ? List.of("b", "a") : List.of("c"))
			.put("settings", ColumnType.JSON, "{\"theme\":\"dark\",\"n\":" + i + "}")
			.put("updated_at", ColumnType.TIMESTAMPTZ, Instant.parse("2026-11-20T08:00:00Z"));
		return row.build();
	}

}
