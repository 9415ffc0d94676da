package dev.hubsync.publisher.capture;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.local.SyncOrigin;
import dev.hubsync.publisher.tables.CapturedTable;
import io.debezium.data.VariableScaleDecimal;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.jspecify.annotations.Nullable;

/**
 * Turns Debezium's Connect records into {@code LocalChange}s, keeping the column types:
 * Debezium's logical types (dates as days, timestamps as microseconds,
 * {@code timestamptz} as ISO text, decimals as {@code BigDecimal}, uuids as text) become
 * {@code LocalDate}, {@code LocalDateTime}, {@code Instant}, {@code BigDecimal},
 * {@code UUID}.
 */
final class RecordConverter {

	private final SyncOriginTracker origins;

	RecordConverter(SyncOriginTracker origins) {
		this.origins = origins;
	}

	Captured convert(SourceRecord record) {
		if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
			return new Captured.Skip();
		}
		String op = value.getString("op");
		Struct source = value.getStruct("source");
		long txId = longOrZero(source, "txId");
		if ("m".equals(op)) {
			Struct message = value.getStruct("message");
			if (SyncOrigin.MESSAGE_PREFIX.equals(message.getString("prefix"))) {
				return new Captured.Marker(txId, content(message.get("content")));
			}
			return new Captured.Skip();
		}
		ChangeOp changeOp = ChangeOp.fromCode(op);
		String table = CapturedTable.eventName(source.getString("schema"), source.getString("table"));
		Row before = row(value.getStruct("before"));
		Row after = row(value.getStruct("after"));
		String correlation = this.origins.correlationOf(txId);
		return new Captured.Change(
				new LocalChange(table, key(record), changeOp, before, after, txId, longOrZero(source, "lsn"),
						Instant.ofEpochMilli(source.getInt64("ts_ms")), correlation != null, correlation));
	}

	private static String key(SourceRecord record) {
		if (!(record.key() instanceof Struct key)) {
			throw new IllegalStateException("change without a key on " + record.topic());
		}
		StringJoiner joined = new StringJoiner(",");
		for (Field field : key.schema().fields()) {
			Object value = value(field.schema(), key.get(field));
			joined.add(String.valueOf(value));
		}
		return joined.toString();
	}

	private static @Nullable Row row(@Nullable Struct struct) {
		if (struct == null) {
			return null;
		}
		Row.Builder row = Row.builder();
		for (Field field : struct.schema().fields()) {
			row.put(field.name(), type(field.schema()), value(field.schema(), struct.get(field)));
		}
		return row.build();
	}

	static ColumnType type(Schema schema) {
		String name = schema.name();
		if (name != null) {
			switch (name) {
				case "io.debezium.time.Date":
					return ColumnType.DATE;
				case "io.debezium.time.Time", "io.debezium.time.MicroTime", "io.debezium.time.NanoTime":
					return ColumnType.TIME;
				case "io.debezium.time.Timestamp", "io.debezium.time.MicroTimestamp", "io.debezium.time.NanoTimestamp":
					return ColumnType.TIMESTAMP;
				case "io.debezium.time.ZonedTimestamp":
					return ColumnType.TIMESTAMPTZ;
				case "io.debezium.data.Uuid":
					return ColumnType.UUID;
				case "io.debezium.data.Json":
					return ColumnType.JSON;
				case Decimal.LOGICAL_NAME, VariableScaleDecimal.LOGICAL_NAME:
					return ColumnType.DECIMAL;
				default:
					break;
			}
		}
		return switch (schema.type()) {
			case INT8, INT16, INT32, INT64 -> ColumnType.INTEGER;
			case FLOAT32, FLOAT64 -> ColumnType.FLOAT;
			case BOOLEAN -> ColumnType.BOOLEAN;
			case BYTES -> ColumnType.BYTES;
			case ARRAY -> ColumnType.TEXT_ARRAY;
			default -> ColumnType.TEXT;
		};
	}

	static @Nullable Object value(Schema schema, @Nullable Object raw) {
		if (raw == null) {
			return null;
		}
		ColumnType type = type(schema);
		String name = (schema.name() != null) ? schema.name() : "";
		return switch (type) {
			case DATE -> LocalDate.ofEpochDay(((Number) raw).longValue());
			case TIME -> LocalTime.ofNanoOfDay(nanosOfDay(name, ((Number) raw).longValue()));
			case TIMESTAMP -> timestamp(name, ((Number) raw).longValue());
			case TIMESTAMPTZ -> Instant.parse(raw.toString());
			case UUID -> java.util.UUID.fromString(raw.toString());
			case DECIMAL -> (raw instanceof Struct variable)
					? VariableScaleDecimal.toLogical(variable).getDecimalValue().orElse(null) : (BigDecimal) raw;
			case INTEGER -> ((Number) raw).longValue();
			case FLOAT -> ((Number) raw).doubleValue();
			case BYTES -> (raw instanceof ByteBuffer buffer) ? bytes(buffer) : raw;
			case TEXT_ARRAY -> array((List<?>) raw);
			default -> (raw instanceof Boolean) ? raw : raw.toString();
		};
	}

	private static long nanosOfDay(String name, long value) {
		return switch (name) {
			case "io.debezium.time.Time" -> value * 1_000_000L;
			case "io.debezium.time.MicroTime" -> value * 1_000L;
			default -> value;
		};
	}

	private static LocalDateTime timestamp(String name, long value) {
		Instant instant = switch (name) {
			case "io.debezium.time.Timestamp" -> Instant.ofEpochMilli(value);
			case "io.debezium.time.MicroTimestamp" ->
				Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L), Math.floorMod(value, 1_000_000L) * 1_000L);
			default ->
				Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L), Math.floorMod(value, 1_000_000_000L));
		};
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static List<@Nullable String> array(List<?> values) {
		List<@Nullable String> texts = new ArrayList<>(values.size());
		values.forEach((value) -> texts.add((value != null) ? value.toString() : null));
		return texts;
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

	private static String content(@Nullable Object content) {
		if (content instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		if (content instanceof ByteBuffer buffer) {
			return new String(bytes(buffer), StandardCharsets.UTF_8);
		}
		return String.valueOf(content);
	}

	private static long longOrZero(Struct struct, String field) {
		if (struct.schema().field(field) == null) {
			return 0;
		}
		Object value = struct.get(field);
		return (value instanceof Number number) ? number.longValue() : 0;
	}

}
