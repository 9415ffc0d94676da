package dev.hubsync.events.serde;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventJson;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The envelope of a {@link LocalChange}. Column types are written once, in {@code types},
 * and the images hold plain JSON values in the form each type prescribes: decimals and
 * uuids as strings, instants and dates as ISO-8601, bytes as Base64.
 */
public final class LocalChangeCodec implements EventCodec<LocalChange> {

	@Override
	public byte[] encode(LocalChange value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator generator = EventJson.mapper().createGenerator(out)) {
			generator.writeStartObject();
			generator.writeNumberProperty("schemaVersion", EventJson.SCHEMA_VERSION);
			generator.writeStringProperty("table", value.table());
			generator.writeStringProperty("key", value.primaryKey());
			generator.writeStringProperty("op", value.op().code());
			generator.writeNumberProperty("txId", value.txId());
			generator.writeNumberProperty("lsn", value.lsn());
			generator.writeStringProperty("commitTime", value.commitTime().toString());
			generator.writeBooleanProperty("syncOrigin", value.syncOrigin());
			if (value.correlationId() != null) {
				generator.writeStringProperty("correlationId", value.correlationId());
			}
			writeTypes(generator, value);
			writeImage(generator, "before", value.before());
			writeImage(generator, "after", value.after());
			generator.writeEndObject();
		}
		return out.toByteArray();
	}

	@Override
	public LocalChange decode(byte[] bytes) {
		JsonNode tree = Envelopes.readObject(bytes);
		Map<String, ColumnType> types = readTypes(tree);
		return new LocalChange(Envelopes.requiredText(tree, "table"), Envelopes.requiredText(tree, "key"),
				ChangeOp.fromCode(Envelopes.requiredText(tree, "op")), readImage(tree, "before", types),
				readImage(tree, "after", types), Envelopes.requiredLong(tree, "txId"),
				Envelopes.requiredLong(tree, "lsn"), Envelopes.requiredInstant(tree, "commitTime"),
				tree.path("syncOrigin").asBoolean(false), Envelopes.optionalText(tree, "correlationId"));
	}

	private static void writeTypes(JsonGenerator generator, LocalChange value) {
		Map<String, ColumnType> types = new LinkedHashMap<>();
		if (value.before() != null) {
			types.putAll(value.before().types());
		}
		if (value.after() != null) {
			types.putAll(value.after().types());
		}
		generator.writeName("types");
		generator.writeStartObject();
		types.forEach((column, type) -> generator.writeStringProperty(column, type.name().toLowerCase(Locale.ROOT)));
		generator.writeEndObject();
	}

	private static void writeImage(JsonGenerator generator, String name, @Nullable Row row) {
		if (row == null) {
			return;
		}
		generator.writeName(name);
		generator.writeStartObject();
		row.values().forEach((column, value) -> {
			generator.writeName(column);
			writeValue(generator, row.types().get(column), value);
		});
		generator.writeEndObject();
	}

	@SuppressWarnings("unchecked")
	private static void writeValue(JsonGenerator generator, ColumnType type, @Nullable Object value) {
		if (value == null) {
			generator.writeNull();
			return;
		}
		switch (type) {
			case INTEGER -> generator.writeNumber((Long) value);
			case FLOAT -> generator.writeNumber((Double) value);
			case BOOLEAN -> generator.writeBoolean((Boolean) value);
			case DECIMAL -> generator.writeString(((BigDecimal) value).toPlainString());
			case BYTES -> generator.writeString(Base64.getEncoder().encodeToString((byte[]) value));
			case TEXT_ARRAY -> {
				generator.writeStartArray();
				for (Object element : (List<Object>) value) {
					if (element == null) {
						generator.writeNull();
					}
					else {
						generator.writeString(element.toString());
					}
				}
				generator.writeEndArray();
			}
			default -> generator.writeString(value.toString());
		}
	}

	private static Map<String, ColumnType> readTypes(JsonNode tree) {
		Map<String, ColumnType> types = new LinkedHashMap<>();
		JsonNode node = Envelopes.required(tree, "types");
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			try {
				types.put(entry.getKey(), ColumnType.valueOf(entry.getValue().asString().toUpperCase(Locale.ROOT)));
			}
			catch (IllegalArgumentException ex) {
				throw new EventFormatException("types." + entry.getKey(),
						"unknown column type '" + entry.getValue().asString() + "' of column '" + entry.getKey() + "'",
						ex);
			}
		}
		return types;
	}

	private static @Nullable Row readImage(JsonNode tree, String name, Map<String, ColumnType> types) {
		JsonNode image = tree.get(name);
		if (image == null || image.isNull()) {
			return null;
		}
		Row.Builder row = Row.builder();
		for (Map.Entry<String, JsonNode> entry : image.properties()) {
			String column = entry.getKey();
			ColumnType type = types.get(column);
			if (type == null) {
				throw new EventFormatException("types." + column,
						"column '" + column + "' of '" + name + "' has no type");
			}
			row.put(column, type, readValue(column, type, entry.getValue()));
		}
		return row.build();
	}

	private static @Nullable Object readValue(String column, ColumnType type, JsonNode node) {
		if (node.isNull()) {
			return null;
		}
		try {
			return switch (type) {
				case TEXT, JSON -> node.asString();
				case INTEGER -> node.isIntegralNumber() ? node.longValue() : Long.parseLong(node.asString());
				case FLOAT -> node.isNumber() ? node.doubleValue() : Double.parseDouble(node.asString());
				case BOOLEAN -> node.isBoolean() ? node.booleanValue() : Boolean.parseBoolean(node.asString());
				case DECIMAL -> new BigDecimal(node.asString());
				case UUID -> java.util.UUID.fromString(node.asString());
				case TIMESTAMPTZ -> Instant.parse(node.asString());
				case TIMESTAMP -> LocalDateTime.parse(node.asString());
				case DATE -> LocalDate.parse(node.asString());
				case TIME -> LocalTime.parse(node.asString());
				case BYTES -> Base64.getDecoder().decode(node.asString());
				case TEXT_ARRAY -> readArray(node);
			};
		}
		catch (IllegalArgumentException | DateTimeParseException ex) {
			throw new EventFormatException(column,
					"column '" + column + "' is not a valid " + type.name().toLowerCase(Locale.ROOT) + ": " + node, ex);
		}
	}

	private static List<@Nullable String> readArray(JsonNode node) {
		if (!node.isArray()) {
			throw new IllegalArgumentException("not an array");
		}
		List<@Nullable String> values = new ArrayList<>();
		for (JsonNode element : node) {
			values.add(element.isNull() ? null : element.asString());
		}
		return Collections.unmodifiableList(values);
	}

}
