package dev.hubsync.hubspot.properties;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A property as HubSpot describes it.
 *
 * @param name the internal name
 * @param label the label
 * @param type {@code string}, {@code number}, {@code bool}, {@code enumeration},
 * {@code date}, {@code datetime}, {@code phone_number}
 * @param fieldType the form field, e.g. {@code text}, {@code select}, {@code checkbox}
 * @param groupName its group
 * @param description a description
 * @param options enumeration options
 * @param hasUniqueValue whether values are unique (usable as an upsert id property)
 * @param hidden whether hidden
 * @param hubspotDefined whether HubSpot defines it
 * @param calculated whether it is calculated
 * @param archived whether archived
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param modificationMetadata what may be changed
 */
public record PropertyDefinition(String name, @Nullable String label, String type, @Nullable String fieldType,
		@Nullable String groupName, @Nullable String description, List<PropertyOption> options,
		@Nullable Boolean hasUniqueValue, @Nullable Boolean hidden, @Nullable Boolean hubspotDefined,
		@Nullable Boolean calculated, @Nullable Boolean archived, @Nullable Instant createdAt,
		@Nullable Instant updatedAt, @Nullable ModificationMetadata modificationMetadata) {

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
	 * @param hidden hidden flag
	 * @param hubspotDefined HubSpot-defined flag
	 * @param calculated calculated flag
	 * @param archived archived flag
	 * @param createdAt creation time
	 * @param updatedAt change time
	 * @param modificationMetadata modification metadata
	 */
	public PropertyDefinition {
		options = (options != null) ? options : List.of();
	}

	/**
	 * Tells whether clients may write it (system properties such as {@code hs_object_id}
	 * may not).
	 * @return whether the value is writable
	 */
	public boolean writable() {
		return this.modificationMetadata == null || !Boolean.TRUE.equals(this.modificationMetadata.readOnlyValue());
	}

	/**
	 * What may be changed about a property.
	 *
	 * @param archivable whether it can be archived
	 * @param readOnlyDefinition whether its definition is fixed
	 * @param readOnlyValue whether its value is system-maintained
	 * @param readOnlyOptions whether its options are fixed
	 */
	public record ModificationMetadata(@Nullable Boolean archivable, @Nullable Boolean readOnlyDefinition,
			@Nullable Boolean readOnlyValue, @Nullable Boolean readOnlyOptions) {
	}

}
