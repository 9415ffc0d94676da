package dev.hubsync.events.serde;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Reading helpers shared by the codecs: every failure names the field. */
final class Envelopes {

	private Envelopes() {
	}

	static JsonNode readObject(byte[] bytes) {
		JsonNode tree;
		try {
			tree = EventJson.mapper().readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new EventFormatException(null, "value is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (tree == null || !tree.isObject()) {
			throw new EventFormatException(null, "value is not a JSON object");
		}
		checkSchemaVersion(tree);
		return tree;
	}

	static void checkSchemaVersion(JsonNode tree) {
		JsonNode version = tree.get("schemaVersion");
		if (version == null || version.isNull()) {
			throw EventFormatException.missing("schemaVersion");
		}
		if (!version.isIntegralNumber()) {
			throw new EventFormatException("schemaVersion", "field 'schemaVersion' must be an integer");
		}
		if (version.intValue() < 1 || version.intValue() > EventJson.SCHEMA_VERSION) {
			throw new EventFormatException("schemaVersion", "unsupported schemaVersion " + version.intValue()
					+ " (this build reads 1 to " + EventJson.SCHEMA_VERSION + ")");
		}
	}

	static JsonNode required(JsonNode tree, String field) {
		JsonNode node = tree.get(field);
		if (node == null || node.isNull()) {
			throw EventFormatException.missing(field);
		}
		return node;
	}

	static String requiredText(JsonNode tree, String field) {
		JsonNode node = required(tree, field);
		if (!node.isString()) {
			throw new EventFormatException(field, "field '" + field + "' must be a string");
		}
		return node.stringValue();
	}

	static @Nullable String optionalText(JsonNode tree, String field) {
		JsonNode node = tree.get(field);
		return (node == null || node.isNull()) ? null : node.asString();
	}

	static long requiredLong(JsonNode tree, String field) {
		JsonNode node = required(tree, field);
		if (!node.isIntegralNumber() || !node.canConvertToLong()) {
			throw new EventFormatException(field, "field '" + field + "' must be an integer");
		}
		return node.longValue();
	}

	static Instant requiredInstant(JsonNode tree, String field) {
		String text = requiredText(tree, field);
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new EventFormatException(field,
					"field '" + field + "' must be an ISO-8601 instant, was '" + text + "'", ex);
		}
	}

}
