package dev.hubsync.emulator.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.schema.ValueValidator;
import dev.hubsync.events.hubspot.ObjectTypes;
import org.jspecify.annotations.Nullable;

/**
 * Renders records as HubSpot's {@code SimplePublicObject}: id as a string, every value a
 * string, properties asked for but unset as {@code null}, unknown names dropped,
 * HubSpot's default set when none are asked for.
 */
public final class ObjectViews {

	private final PropertySchema schema;

	/**
	 * Creates the views.
	 * @param schema the schema, to drop unknown property names
	 */
	public ObjectViews(PropertySchema schema) {
		this.schema = schema;
	}

	/**
	 * Returns HubSpot's default properties of a type.
	 * @param objectTypeId the type
	 * @return the names
	 */
	public static List<String> defaults(String objectTypeId) {
		return switch (objectTypeId) {
			case ObjectTypes.CONTACTS ->
				List.of("createdate", "email", "firstname", "hs_object_id", "lastmodifieddate", "lastname");
			case ObjectTypes.COMPANIES ->
				List.of("createdate", "domain", "hs_lastmodifieddate", "hs_object_id", "name");
			case ObjectTypes.DEALS -> List.of("amount", "closedate", "createdate", "dealname", "dealstage",
					"hs_lastmodifieddate", "hs_object_id", "pipeline");
			case ObjectTypes.TICKETS -> List.of("content", "createdate", "hs_lastmodifieddate", "hs_object_id",
					"hs_pipeline", "hs_pipeline_stage", "hs_ticket_category", "hs_ticket_priority", "subject");
			case ObjectTypes.TASKS -> List.of("createdate", "hs_lastmodifieddate", "hs_object_id", "hs_task_status",
					"hs_task_subject", "hs_timestamp");
			case ObjectTypes.NOTES ->
				List.of("createdate", "hs_lastmodifieddate", "hs_note_body", "hs_object_id", "hs_timestamp");
			default -> List.of("createdate", "hs_lastmodifieddate", "hs_object_id");
		};
	}

	/**
	 * Renders a record.
	 * @param object the record
	 * @param properties the properties asked for; empty for the default set
	 * @param history the properties whose history to include
	 * @param isNew for upserts, whether it was created; {@code null} otherwise
	 * @return the JSON object
	 */
	public Map<String, Object> render(StoredObject object, List<String> properties, List<String> history,
			@Nullable Boolean isNew) {
		Set<String> names = new LinkedHashSet<>();
		if (properties.isEmpty()) {
			names.addAll(defaults(object.objectTypeId()));
		}
		else {
			names.addAll(
					List.of("createdate", "hs_object_id", ObjectWriter.lastModifiedProperty(object.objectTypeId())));
			properties.stream()
				.filter((name) -> this.schema.get(object.objectTypeId(), name).isPresent())
				.forEach(names::add);
		}
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		names.forEach((name) -> values.put(name, object.properties().get(name)));
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", String.valueOf(object.id()));
		json.put("properties", values);
		if (!history.isEmpty()) {
			json.put("propertiesWithHistory", history(object, history));
		}
		json.put("createdAt", ValueValidator.datetime(object.createdAt()));
		json.put("updatedAt", ValueValidator.datetime(object.updatedAt()));
		json.put("archived", object.archived());
		if (object.archivedAt() != null) {
			json.put("archivedAt", ValueValidator.datetime(object.archivedAt()));
		}
		if (isNew != null) {
			json.put("new", isNew);
		}
		return json;
	}

	/**
	 * Renders a written record: the properties written plus the default set.
	 * @param written the write
	 * @param isNew the upsert flag, or {@code null}
	 * @return the JSON object
	 */
	public Map<String, Object> renderWritten(WriteOutcome.Written written, @Nullable Boolean isNew) {
		List<String> names = new ArrayList<>(defaults(written.object().objectTypeId()));
		written.writtenProperties().stream().filter((name) -> !names.contains(name)).forEach(names::add);
		return render(written.object(), names, List.of(), isNew);
	}

	private Map<String, List<Map<String, Object>>> history(StoredObject object, List<String> names) {
		Map<String, List<Map<String, Object>>> result = new LinkedHashMap<>();
		for (String name : names) {
			if (this.schema.get(object.objectTypeId(), name).isEmpty()) {
				continue;
			}
			List<Map<String, Object>> entries = new ArrayList<>();
			for (HistoryEntry entry : object.history().getOrDefault(name, List.of())) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("value", entry.value());
				json.put("timestamp", ValueValidator.datetime(entry.timestamp()));
				json.put("sourceType", entry.sourceType());
				if (entry.sourceId() != null) {
					json.put("sourceId", entry.sourceId());
				}
				entries.add(json);
			}
			result.put(name, entries);
		}
		return result;
	}

}
