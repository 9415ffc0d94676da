package dev.hubsync.hubspot.properties;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A property to create.
 *
 * @param name the internal name, lower case
 * @param label the label
 * @param type the type
 * @param fieldType the form field
 * @param groupName the group
 * @param description a description
 * @param options enumeration options
 * @param hasUniqueValue whether values are unique (cannot be changed later)
 * @param hidden whether hidden
 * @param formField whether usable in forms
 */
public record PropertyCreate(String name, String label, String type, String fieldType, String groupName,
		@Nullable String description, @Nullable List<PropertyOption> options, @Nullable Boolean hasUniqueValue,
		@Nullable Boolean hidden, @Nullable Boolean formField) {

	/**
	 * A text property.
	 * @param name the name
	 * @param label the label
	 * @param groupName the group
	 * @param unique whether values are unique
	 * @return the property
	 */
	public static PropertyCreate text(String name, String label, String groupName, boolean unique) {
		return new PropertyCreate(name, label, "string", "text", groupName, null, null, unique ? Boolean.TRUE : null,
				null, false);
	}

}
