package dev.hubsync.emulator.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A change that may become a webhook event, before subscriptions, ids and delivery.
 *
 * @param action {@code creation}, {@code propertyChange}, {@code deletion},
 * {@code merge}, {@code restore}, {@code associationChange}, {@code privacyDeletion}
 * @param objectTypeId the record's object type
 * @param objectId the record
 * @param occurredAt when it happened
 * @param changeSource what made it
 * @param sourceId the source's detail
 * @param fields the action's own fields ({@code propertyName}, {@code propertyValue},
 * {@code changeFlag}, merge and association fields)
 */
public record EventDraft(String action, String objectTypeId, long objectId, Instant occurredAt, String changeSource,
		@Nullable String sourceId, Map<String, Object> fields) {

	/**
	 * Prefix of fields only the webhooks journal shows (an association's numeric type id
	 * and target type, which legacy webhook events do not carry); webhook events leave
	 * them out.
	 */
	public static final String JOURNAL_ONLY = "journal:";

	/**
	 * A creation.
	 * @param objectTypeId the type
	 * @param objectId the record
	 * @param at when
	 * @param changeSource the source
	 * @param sourceId the source detail
	 * @return the draft
	 */
	public static EventDraft creation(String objectTypeId, long objectId, Instant at, String changeSource,
			@Nullable String sourceId) {
		return new EventDraft("creation", objectTypeId, objectId, at, changeSource, sourceId,
				Map.of("changeFlag", "CREATED"));
	}

	/**
	 * A property change.
	 * @param objectTypeId the type
	 * @param objectId the record
	 * @param at when
	 * @param changeSource the source
	 * @param sourceId the source detail
	 * @param property the property
	 * @param value its new value ({@code ""} when cleared)
	 * @return the draft
	 */
	public static EventDraft propertyChange(String objectTypeId, long objectId, Instant at, String changeSource,
			@Nullable String sourceId, String property, String value) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("propertyName", property);
		fields.put("propertyValue", value);
		return new EventDraft("propertyChange", objectTypeId, objectId, at, changeSource, sourceId, fields);
	}

	/**
	 * An event without fields of its own (deletion, restore, privacy deletion).
	 * @param action the action
	 * @param objectTypeId the type
	 * @param objectId the record
	 * @param at when
	 * @param changeSource the source
	 * @param sourceId the source detail
	 * @return the draft
	 */
	public static EventDraft of(String action, String objectTypeId, long objectId, Instant at, String changeSource,
			@Nullable String sourceId) {
		return new EventDraft(action, objectTypeId, objectId, at, changeSource, sourceId, Map.of());
	}

}
