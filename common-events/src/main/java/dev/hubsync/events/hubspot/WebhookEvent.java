package dev.hubsync.events.hubspot;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventIdentity;
import dev.hubsync.events.EventJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * One HubSpot webhook event, kept whole: the exact JSON text HubSpot sent (lossless, for
 * replay), with typed accessors for the fields every consumer needs. Two events are equal
 * when their texts are.
 *
 * <p>
 * Required: {@code portalId}, {@code objectId}, {@code occurredAt},
 * {@code subscriptionType} (or {@code eventType}, as HubSpot's documentation example
 * spells it), and {@code eventId} for events HubSpot sent. The object type comes from a
 * generic event's {@code objectTypeId} or from a legacy subscription type's prefix
 * ({@code contact.} is {@code 0-1}). Events of the reconciliation poller use the
 * subscription type {@value #POLL_SUBSCRIPTION_TYPE}.
 *
 * <p>
 * This is a class rather than a record because its parsed view must always agree with its
 * text: the only way in is {@link #parse(String)}.
 */
public final class WebhookEvent {

	/** Subscription type of events made by HubSync's reconciliation poller. */
	public static final String POLL_SUBSCRIPTION_TYPE = "hubsync.poll";

	/**
	 * Field naming the webhooks-journal entry an event was read from; such events have no
	 * {@code eventId}.
	 */
	public static final String JOURNAL_OFFSET = "journalOffset";

	/** {@code changeSource} of writes made through the API by an app. */
	public static final String INTEGRATION = "INTEGRATION";

	private final String raw;

	private final JsonNode tree;

	private final HubSpotRecordKey key;

	private final @Nullable Long eventId;

	private final String subscriptionType;

	private final Instant occurredAt;

	private WebhookEvent(String raw, JsonNode tree) {
		this.raw = raw;
		this.tree = tree;
		this.subscriptionType = subscriptionTypeOf(tree);
		long portalId = requiredLong(tree, "portalId");
		long objectId = requiredLong(tree, "objectId");
		this.occurredAt = Instant.ofEpochMilli(requiredLong(tree, "occurredAt"));
		this.eventId = optionalLong(tree, "eventId");
		if (this.eventId == null && !isPoll() && !isJournal()) {
			throw EventFormatException.missing("eventId");
		}
		this.key = new HubSpotRecordKey(portalId, objectTypeIdOf(tree, this.subscriptionType), objectId);
	}

	/**
	 * Parses one event.
	 * @param raw the event's JSON text, exactly as received
	 * @return the event
	 * @throws EventFormatException when the text is not a JSON object or a required field
	 * is missing or of the wrong type
	 */
	public static WebhookEvent parse(String raw) {
		JsonNode tree;
		try {
			tree = EventJson.mapper().readTree(raw);
		}
		catch (JacksonException ex) {
			throw new EventFormatException(null, "event is not valid JSON: " + ex.getOriginalMessage(), ex);
		}
		if (tree == null || !tree.isObject()) {
			throw new EventFormatException(null, "event is not a JSON object");
		}
		return new WebhookEvent(raw, tree);
	}

	/**
	 * Reads one event where a parser over a UTF-8 buffer stands, in one pass: the parsed
	 * view comes from the parser, the text is the buffer between the object's braces, so
	 * the two agree as with {@link #parse(String)}. Ingress and codecs read events this
	 * way inside larger documents (a webhook body, an envelope) without parsing them
	 * twice.
	 * @param parser a parser over {@code source} whose current token is the event's
	 * {@code START_OBJECT}
	 * @param source the buffer the parser reads, from its first byte
	 * @return the event; the parser stands on the event's {@code END_OBJECT}
	 * @throws EventFormatException when the parser does not stand on an object or a
	 * required field is missing or of the wrong type
	 * @throws JacksonException when the buffer is not valid JSON there
	 */
	public static WebhookEvent read(JsonParser parser, byte[] source) {
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			throw new EventFormatException(null, "event is not a JSON object");
		}
		int start = (int) parser.currentTokenLocation().getByteOffset();
		JsonNode tree = parser.readValueAsTree();
		int end = (int) parser.currentLocation().getByteOffset();
		return new WebhookEvent(new String(source, start, end - start, StandardCharsets.UTF_8), tree);
	}

	/**
	 * Makes the event the reconciliation poller publishes for a record it found changed.
	 * @param portalId the HubSpot account
	 * @param objectTypeId the object type
	 * @param objectId the record's id
	 * @param lastModified the record's last-modified time
	 * @return the event
	 */
	public static WebhookEvent polled(long portalId, String objectTypeId, long objectId, Instant lastModified) {
		HubSpotRecordKey key = new HubSpotRecordKey(portalId, objectTypeId, objectId);
		String raw = "{\"portalId\":" + key.portalId() + ",\"objectTypeId\":\"" + key.objectTypeId()
				+ "\",\"objectId\":" + key.objectId() + ",\"occurredAt\":" + lastModified.toEpochMilli()
				+ ",\"subscriptionType\":\"" + POLL_SUBSCRIPTION_TYPE + "\"}";
		return parse(raw);
	}

	/**
	 * Returns the event's JSON text, exactly as received.
	 * @return the text
	 */
	public String raw() {
		return this.raw;
	}

	/**
	 * Returns the Kafka key of the event's record.
	 * @return the key
	 */
	public HubSpotRecordKey key() {
		return this.key;
	}

	/**
	 * Returns the deduplication identity (ARCHITECTURE §2).
	 * @return the identity
	 */
	public EventIdentity identity() {
		if (isPoll()) {
			return new EventIdentity.Poll(this.key.objectTypeId(), this.key.objectId(), this.occurredAt);
		}
		if (this.eventId == null) {
			return new EventIdentity.Journal(this.key.portalId(), this.key.objectTypeId(), this.key.objectId(),
					this.subscriptionType, this.occurredAt, changeKey().detail());
		}
		return new EventIdentity.Webhook(this.key.portalId(), Objects.requireNonNull(this.eventId),
				this.subscriptionType, this.key.objectId(), this.occurredAt, propertyName());
	}

	/**
	 * Returns what makes this change the same whichever way it arrived, webhook or
	 * journal: portal, object type, record, the kind of change, the property (or an
	 * association's other side) and when it happened. Webhook events have an
	 * {@code eventId} the journal lacks, so this, not the identity, pairs them.
	 * @return the key
	 */
	public ChangeKey changeKey() {
		String type = this.subscriptionType;
		String kind = type.substring(type.indexOf('.') + 1);
		String detail;
		if ("associationChange".equals(kind)) {
			detail = text("toObjectId") + (flag("associationRemoved") ? ":removed" : ":added");
		}
		else {
			String property = propertyName();
			detail = (property != null) ? property : "";
		}
		return new ChangeKey(this.key, kind, detail, this.occurredAt);
	}

	/**
	 * Tells whether the ingress's journal reader made this event from a journal entry.
	 * @return whether it names a {@value #JOURNAL_OFFSET}
	 */
	public boolean isJournal() {
		return this.tree.hasNonNull(JOURNAL_OFFSET);
	}

	/**
	 * Returns HubSpot's event id.
	 * @return the id, absent on poll events
	 */
	public @Nullable Long eventId() {
		return this.eventId;
	}

	/**
	 * Returns the subscription type, e.g. {@code contact.propertyChange}.
	 * @return the subscription type
	 */
	public String subscriptionType() {
		return this.subscriptionType;
	}

	/**
	 * Returns when the change happened in HubSpot (for poll events, the record's
	 * last-modified time).
	 * @return the instant
	 */
	public Instant occurredAt() {
		return this.occurredAt;
	}

	/**
	 * Tells whether the reconciliation poller made this event.
	 * @return whether the subscription type is {@value #POLL_SUBSCRIPTION_TYPE}
	 */
	public boolean isPoll() {
		return POLL_SUBSCRIPTION_TYPE.equals(this.subscriptionType);
	}

	/**
	 * Returns the changed property of a property change.
	 * @return the property's name, or {@code null}
	 */
	public @Nullable String propertyName() {
		return text("propertyName");
	}

	/**
	 * Returns the new value of a property change.
	 * @return the value, or {@code null}
	 */
	public @Nullable String propertyValue() {
		return text("propertyValue");
	}

	/**
	 * Returns what made the change, e.g. {@code CRM_UI}, {@code INTEGRATION},
	 * {@code IMPORT}.
	 * @return the change source, or {@code null}
	 */
	public @Nullable String changeSource() {
		return text("changeSource");
	}

	/**
	 * Returns the change source's detail: {@code userId:45678}, or an app's id for
	 * integrations.
	 * @return the source id, or {@code null}
	 */
	public @Nullable String sourceId() {
		return text("sourceId");
	}

	/**
	 * Returns the delivery attempt, 0 for the first.
	 * @return the attempt number
	 */
	public int attemptNumber() {
		Long attempt = optionalLong(this.tree, "attemptNumber");
		return (attempt != null) ? attempt.intValue() : 0;
	}

	/**
	 * Tells whether an app made this change through the API: our own echo when the app is
	 * ours.
	 * @param appId the app's id
	 * @return whether {@code changeSource} is {@code INTEGRATION} and {@code sourceId} is
	 * the app id
	 */
	public boolean madeByApp(String appId) {
		return INTEGRATION.equals(changeSource()) && appId.equals(sourceId());
	}

	/**
	 * Reads any field as text: strings as they are, numbers and booleans in their JSON
	 * form.
	 * @param field the field's name
	 * @return the value, or {@code null} when absent or null
	 */
	public @Nullable String text(String field) {
		JsonNode node = this.tree.get(field);
		if (node == null || node.isNull() || node.isContainer()) {
			return null;
		}
		return node.isString() ? node.stringValue() : node.asString();
	}

	/**
	 * Reads an integer field, accepting a JSON number or a numeric string.
	 * @param field the field's name
	 * @return the value, or {@code null} when absent or null
	 * @throws EventFormatException when present but not an integer
	 */
	public @Nullable Long number(String field) {
		return optionalLong(this.tree, field);
	}

	/**
	 * Reads a boolean field, accepting a JSON boolean or the strings
	 * {@code true}/{@code false}.
	 * @param field the field's name
	 * @return the value; {@code false} when absent
	 */
	public boolean flag(String field) {
		JsonNode node = this.tree.get(field);
		if (node == null || node.isNull()) {
			return false;
		}
		return node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asString());
	}

	/**
	 * Reads a field holding a list of ids: a JSON array of numbers or strings.
	 * @param field the field's name
	 * @return the ids; empty when absent
	 * @throws EventFormatException when an element is not an integer
	 */
	public List<Long> numbers(String field) {
		JsonNode node = this.tree.get(field);
		List<Long> result = new ArrayList<>();
		if (node == null || !node.isArray()) {
			return result;
		}
		for (JsonNode element : node) {
			result.add(toLong(element, field));
		}
		return List.copyOf(result);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof WebhookEvent event && this.raw.equals(event.raw));
	}

	@Override
	public int hashCode() {
		return this.raw.hashCode();
	}

	@Override
	public String toString() {
		return "WebhookEvent[" + this.subscriptionType + " " + this.key + " at " + this.occurredAt + "]";
	}

	private static String subscriptionTypeOf(JsonNode tree) {
		JsonNode node = tree.get("subscriptionType");
		if (node == null || node.isNull()) {
			node = tree.get("eventType");
		}
		if (node == null || node.isNull()) {
			throw EventFormatException.missing("subscriptionType");
		}
		if (!node.isString() || node.stringValue().isBlank()) {
			throw new EventFormatException("subscriptionType", "field 'subscriptionType' must be a non-empty string");
		}
		return node.stringValue();
	}

	private static String objectTypeIdOf(JsonNode tree, String subscriptionType) {
		JsonNode explicit = tree.get("objectTypeId");
		if (explicit != null && !explicit.isNull()) {
			String value = explicit.asString();
			if (!ObjectTypes.isObjectTypeId(value)) {
				throw new EventFormatException("objectTypeId", "not an object type id: '" + value + "'");
			}
			return value;
		}
		int dot = subscriptionType.indexOf('.');
		String prefix = (dot > 0) ? subscriptionType.substring(0, dot) : subscriptionType;
		return ObjectTypes.byWebhookPrefix(prefix)
			.orElseThrow(
					() -> new EventFormatException("objectTypeId", "cannot tell the object type of subscription type '"
							+ subscriptionType + "' without an 'objectTypeId' field"));
	}

	private static long requiredLong(JsonNode tree, String field) {
		Long value = optionalLong(tree, field);
		if (value == null) {
			throw EventFormatException.missing(field);
		}
		return value;
	}

	private static @Nullable Long optionalLong(JsonNode tree, String field) {
		JsonNode node = tree.get(field);
		if (node == null || node.isNull()) {
			return null;
		}
		return toLong(node, field);
	}

	private static long toLong(JsonNode node, String field) {
		if (node.isIntegralNumber() && node.canConvertToLong()) {
			return node.longValue();
		}
		if (node.isString()) {
			try {
				return Long.parseLong(node.stringValue().trim());
			}
			catch (NumberFormatException ex) {
				// fall through to the format error below
			}
		}
		throw new EventFormatException(field, "field '" + field + "' must be an integer, was " + node);
	}

}
