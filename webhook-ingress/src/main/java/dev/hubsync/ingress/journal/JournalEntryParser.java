package dev.hubsync.ingress.journal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.ingress.publishing.Slice;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one journal entry file (reference §3.4, not officially documented) into the
 * events the webhook path publishes: a {@code CREATE} becomes a creation plus a property
 * change per non-empty property, an {@code UPDATE} or {@code SNAPSHOT} a property change
 * per property, {@code DELETE}/{@code RESTORE}/{@code MERGE}/{@code GDPR_DELETE} and the
 * association actions their webhook twins, each with the entry's offset
 * ({@link WebhookEvent#JOURNAL_OFFSET}) and no {@code eventId}. Tolerant: ids and times
 * as numbers or strings (times as epoch milliseconds or ISO-8601), property values as
 * strings or {@code {value|newValue}} objects, unknown fields logged once each; an event
 * that cannot be understood becomes a malformed slice (dead-lettered), never dropped.
 */
final class JournalEntryParser {

	private static final Logger logger = LoggerFactory.getLogger(JournalEntryParser.class);

	private static final Set<String> KNOWN = Set.of("type", "portalId", "occurredAt", "action", "objectTypeId",
			"objectId", "propertyChanges", "fromObjectTypeId", "fromObjectId", "toObjectTypeId", "toObjectId",
			"associationTypeId", "associationCategory", "isPrimary", "changeSource", "sourceId", "primaryObjectId",
			"mergedObjectIds", "newObjectId");

	private static final Set<String> KNOWN_ENTRY = Set.of("offset", "publishedAt", "journalEvents");

	private static final Map<String, String> PREFIXES = Map.of(ObjectTypes.CONTACTS, "contact", ObjectTypes.COMPANIES,
			"company", ObjectTypes.DEALS, "deal", ObjectTypes.TICKETS, "ticket");

	private final JsonMapper json;

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	JournalEntryParser(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Parses an entry file.
	 * @param file the file's bytes
	 * @param offset the entry's offset, as listed
	 * @return its events, in order, and what could not be read
	 */
	Parsed parse(byte[] file, String offset) {
		JsonNode entry;
		try {
			entry = this.json.readTree(file);
		}
		catch (JacksonException ex) {
			return new Parsed(List
				.of(new Slice.Malformed(file, "journal entry " + offset + " is not JSON: " + ex.getOriginalMessage())),
					null);
		}
		if (entry == null || !entry.isObject() || !entry.path("journalEvents").isArray()) {
			return new Parsed(
					List.of(new Slice.Malformed(file, "journal entry " + offset + " has no journalEvents array")),
					null);
		}
		unknownFields(entry, KNOWN_ENTRY, "entry");
		List<Slice> slices = new ArrayList<>();
		for (JsonNode event : entry.get("journalEvents")) {
			try {
				slices.addAll(events(event, offset));
			}
			catch (EventFormatException | IllegalArgumentException | DateTimeParseException ex) {
				slices.add(new Slice.Malformed(this.json.writeValueAsBytes(event),
						"journal entry " + offset + ": " + ex.getMessage()));
			}
		}
		Instant publishedAt = null;
		try {
			publishedAt = entry.hasNonNull("publishedAt") ? time(entry.get("publishedAt")) : null;
		}
		catch (DateTimeParseException ex) {
			logger.info("Webhooks journal entry {} has a publishedAt HubSync cannot read: {}", offset,
					entry.get("publishedAt"));
		}
		return new Parsed(slices, publishedAt);
	}

	private List<Slice> events(JsonNode event, String offset) {
		if (!event.isObject()) {
			throw new IllegalArgumentException("a journal event is not an object");
		}
		unknownFields(event, KNOWN, "event");
		String action = text(event, "action");
		if (action == null) {
			throw EventFormatException.missing("action");
		}
		if (action.startsWith("ASSOCIATION_")) {
			return List.of(association(event, offset, "ASSOCIATION_REMOVED".equals(action)));
		}
		List<Slice> slices = new ArrayList<>();
		switch (action) {
			case "CREATE" -> {
				slices.add(object(event, offset, "creation", null));
				properties(event, offset, true, slices);
			}
			case "UPDATE", "SNAPSHOT" -> properties(event, offset, false, slices);
			case "DELETE" -> slices.add(object(event, offset, "deletion", null));
			case "RESTORE" -> slices.add(object(event, offset, "restore", null));
			case "GDPR_DELETE" -> slices.add(object(event, offset, "privacyDeletion", null));
			case "MERGE" -> slices.add(object(event, offset, "merge", (node) -> {
				copyNumber(event, node, "primaryObjectId");
				copyNumber(event, node, "newObjectId");
				if (event.path("mergedObjectIds").isArray()) {
					node.putArray("mergedObjectIds").addAll(numbers(event.get("mergedObjectIds")));
				}
			}));
			default -> throw new IllegalArgumentException("unknown journal action '" + action + "'");
		}
		return slices;
	}

	private void properties(JsonNode event, String offset, boolean created, List<Slice> slices) {
		JsonNode changes = event.path("propertyChanges");
		for (Map.Entry<String, JsonNode> change : changes.properties()) {
			String value = value(change.getValue());
			if (created && value.isEmpty()) {
				continue;
			}
			slices.add(object(event, offset, "propertyChange", (node) -> {
				node.put("propertyName", change.getKey());
				node.put("propertyValue", value);
			}));
		}
	}

	private Slice object(JsonNode event, String offset, String kind, @Nullable Consumer<ObjectNode> fields) {
		String objectTypeId = required(event, "objectTypeId");
		ObjectNode node = head(event, objectTypeId, kind);
		node.put("objectId", number(event, "objectId"));
		if (fields != null) {
			fields.accept(node);
		}
		return slice(tail(event, node, offset));
	}

	private Slice association(JsonNode event, String offset, boolean removed) {
		String from = required(event, "fromObjectTypeId");
		String to = required(event, "toObjectTypeId");
		ObjectNode node = head(event, from, "associationChange");
		long fromId = number(event, "fromObjectId");
		node.put("objectId", fromId);
		String fromName = PREFIXES.get(from);
		String toName = PREFIXES.get(to);
		node.put("associationType",
				(fromName != null && toName != null)
						? fromName.toUpperCase(Locale.ROOT) + "_TO_" + toName.toUpperCase(Locale.ROOT)
						: String.valueOf(number(event, "associationTypeId")));
		node.put("fromObjectTypeId", from);
		node.put("fromObjectId", fromId);
		node.put("toObjectTypeId", to);
		node.put("toObjectId", number(event, "toObjectId"));
		if (event.hasNonNull("associationTypeId")) {
			node.put("associationTypeId", number(event, "associationTypeId"));
		}
		node.put("associationRemoved", removed);
		node.put("isPrimaryAssociation", flag(event.get("isPrimary")));
		return slice(tail(event, node, offset));
	}

	private ObjectNode head(JsonNode event, String objectTypeId, String kind) {
		if (!ObjectTypes.isObjectTypeId(objectTypeId)) {
			throw new IllegalArgumentException("not an object type id: '" + objectTypeId + "'");
		}
		ObjectNode node = this.json.createObjectNode();
		node.put("portalId", number(event, "portalId"));
		node.put("objectTypeId", objectTypeId);
		node.put("occurredAt", time(event.get("occurredAt")).toEpochMilli());
		node.put("subscriptionType", PREFIXES.getOrDefault(objectTypeId, "object") + "." + kind);
		return node;
	}

	private ObjectNode tail(JsonNode event, ObjectNode node, String offset) {
		String changeSource = text(event, "changeSource");
		if (changeSource != null) {
			node.put("changeSource", changeSource);
		}
		String sourceId = text(event, "sourceId");
		if (sourceId != null) {
			node.put("sourceId", sourceId);
		}
		node.put(WebhookEvent.JOURNAL_OFFSET, offset);
		node.put("journalAction", text(event, "action"));
		return node;
	}

	private Slice slice(ObjectNode node) {
		return new Slice.Event(WebhookEvent.parse(this.json.writeValueAsString(node)));
	}

	private void unknownFields(JsonNode node, Set<String> known, String where) {
		for (String name : node.propertyNames()) {
			if (!known.contains(name) && this.reported.add(where + ":" + name)) {
				logger.info(
						"Webhooks journal {} field '{}' is not one HubSync knows; kept out of the event (logged once)",
						where, name);
			}
		}
	}

	static Instant time(@Nullable JsonNode node) {
		if (node == null || node.isNull()) {
			throw EventFormatException.missing("occurredAt");
		}
		if (node.isNumber()) {
			return Instant.ofEpochMilli(node.longValue());
		}
		String text = node.asString().trim();
		if (!text.isEmpty() && text.chars().allMatch(Character::isDigit)) {
			return Instant.ofEpochMilli(Long.parseLong(text));
		}
		try {
			return Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return OffsetDateTime.parse(text).toInstant();
		}
	}

	private static String value(JsonNode node) {
		if (node == null || node.isNull()) {
			return "";
		}
		if (node.isObject()) {
			JsonNode inner = node.hasNonNull("newValue") ? node.get("newValue") : node.get("value");
			return (inner == null || inner.isNull()) ? "" : inner.asString();
		}
		return node.asString();
	}

	private static long number(JsonNode event, String field) {
		JsonNode node = event.get(field);
		if (node == null || node.isNull()) {
			throw EventFormatException.missing(field);
		}
		return toLong(node, field);
	}

	private static long toLong(JsonNode node, String field) {
		if (node.isIntegralNumber()) {
			return node.longValue();
		}
		try {
			return Long.parseLong(node.asString().trim());
		}
		catch (NumberFormatException ex) {
			throw new EventFormatException(field, "field '" + field + "' must be an integer, was " + node);
		}
	}

	private static List<JsonNode> numbers(JsonNode array) {
		List<JsonNode> result = new ArrayList<>();
		for (JsonNode element : array) {
			result.add(JsonNodeFactory.instance.numberNode(toLong(element, "mergedObjectIds")));
		}
		return result;
	}

	private static void copyNumber(JsonNode from, ObjectNode to, String field) {
		if (from.hasNonNull(field)) {
			to.put(field, toLong(from.get(field), field));
		}
	}

	private static boolean flag(@Nullable JsonNode node) {
		return node != null && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asString()));
	}

	private static @Nullable String text(JsonNode event, String field) {
		JsonNode node = event.get(field);
		return (node == null || node.isNull() || node.isContainer()) ? null : node.asString();
	}

	private static String required(JsonNode event, String field) {
		String value = text(event, field);
		if (value == null) {
			throw EventFormatException.missing(field);
		}
		return value;
	}

	/**
	 * An entry's events.
	 *
	 * @param slices the events, and what could not be read
	 * @param publishedAt when the entry was published, when the file says so
	 */
	record Parsed(List<Slice> slices, @Nullable Instant publishedAt) {
	}

}
