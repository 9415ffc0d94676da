package dev.hubsync.emulator.schema;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A property definition as the emulator keeps it.
 *
 * @param name the internal name
 * @param label the label
 * @param type {@code string}, {@code number}, {@code bool}, {@code enumeration},
 * {@code date}, {@code datetime}, {@code phone_number}
 * @param fieldType the form field type
 * @param groupName its group
 * @param description its description
 * @param options enumeration options
 * @param hasUniqueValue whether values are unique per object type
 * @param readOnlyValue whether only the system writes it
 * @param hubspotDefined whether HubSpot defines it
 * @param externalOptions whether its options come from elsewhere (owners)
 * @param referencedObjectType e.g. {@code OWNER}
 * @param archived whether archived
 * @param createdAt when created
 * @param updatedAt when last changed
 */
public record PropertyDef(String name, String label, String type, String fieldType, String groupName,
		@Nullable String description, List<Option> options, boolean hasUniqueValue, boolean readOnlyValue,
		boolean hubspotDefined, boolean externalOptions, @Nullable String referencedObjectType, boolean archived,
		Instant createdAt, Instant updatedAt) {

	/**
	 * Defaults the options.
	 * @param name the name
	 * @param label the label
	 * @param type the type
	 * @param fieldType the field type
	 * @param groupName the group
	 * @param description the description
	 * @param options the options
	 * @param hasUniqueValue uniqueness
	 * @param readOnlyValue read-only flag
	 * @param hubspotDefined HubSpot-defined flag
	 * @param externalOptions external options flag
	 * @param referencedObjectType referenced type
	 * @param archived archived flag
	 * @param createdAt creation time
	 * @param updatedAt change time
	 */
	public PropertyDef {
		options = (options != null) ? List.copyOf(options) : List.of();
	}

	/**
	 * Tells whether a value is one of the options.
	 * @param value the value
	 * @return whether an option has it, case-sensitively
	 */
	public boolean hasOption(String value) {
		return this.options.stream().anyMatch((option) -> option.value().equals(value));
	}

	/**
	 * Tells whether values hold several options joined by {@code ;}.
	 * @return whether it is a multi-select
	 */
	public boolean multiValued() {
		return "enumeration".equals(this.type) && "checkbox".equals(this.fieldType);
	}

	/**
	 * Returns this definition archived.
	 * @param at when
	 * @return the copy
	 */
	public PropertyDef archive(Instant at) {
		return new PropertyDef(this.name, this.label, this.type, this.fieldType, this.groupName, this.description,
				this.options, this.hasUniqueValue, this.readOnlyValue, this.hubspotDefined, this.externalOptions,
				this.referencedObjectType, true, this.createdAt, at);
	}

	/**
	 * Renders the definition as the properties API returns it.
	 * @return the JSON object
	 */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("name", this.name);
		json.put("label", this.label);
		json.put("type", this.type);
		json.put("fieldType", this.fieldType);
		json.put("description", (this.description != null) ? this.description : "");
		json.put("groupName", this.groupName);
		json.put("options", this.options.stream().map(Option::toJson).toList());
		json.put("displayOrder", -1);
		json.put("calculated", false);
		json.put("externalOptions", this.externalOptions);
		json.put("hasUniqueValue", this.hasUniqueValue);
		json.put("hidden", false);
		json.put("hubspotDefined", this.hubspotDefined);
		json.put("modificationMetadata", Map.of("archivable", !this.hubspotDefined, "readOnlyDefinition",
				this.hubspotDefined, "readOnlyValue", this.readOnlyValue));
		json.put("formField", !this.readOnlyValue);
		json.put("createdAt", this.createdAt.toString());
		json.put("updatedAt", this.updatedAt.toString());
		json.put("archived", this.archived);
		if (this.referencedObjectType != null) {
			json.put("referencedObjectType", this.referencedObjectType);
		}
		return json;
	}

	/**
	 * An enumeration option.
	 *
	 * @param label what people see
	 * @param value what the API uses
	 * @param hidden whether hidden
	 * @param displayOrder its position
	 */
	public record Option(String label, String value, boolean hidden, int displayOrder) {

		Map<String, Object> toJson() {
			return Map.of("label", this.label, "value", this.value, "hidden", this.hidden, "displayOrder",
					this.displayOrder, "description", "");
		}

	}

}
