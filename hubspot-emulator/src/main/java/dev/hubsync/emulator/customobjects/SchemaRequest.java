package dev.hubsync.emulator.customobjects;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.PropertyDef;
import org.jspecify.annotations.Nullable;

/**
 * The body of a schema creation, as HubSpot takes it.
 *
 * @param name the object's name (lower case, letters, digits, underscores)
 * @param labels its singular and plural labels
 * @param primaryDisplayProperty the property shown as a record's name
 * @param requiredProperties what every create must carry
 * @param properties its properties
 * @param associatedObjects the object types it associates with ({@code CONTACT},
 * {@code 0-2}, …)
 */
public record SchemaRequest(@Nullable String name, @Nullable Labels labels, @Nullable String primaryDisplayProperty,
		@Nullable List<String> requiredProperties, @Nullable List<Property> properties,
		@Nullable List<String> associatedObjects) {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

	private static final List<String> TYPES = List.of("string", "number", "enumeration", "date", "datetime", "bool");

	/**
	 * Defaults the lists.
	 * @param name the name
	 * @param labels the labels
	 * @param primaryDisplayProperty the display property
	 * @param requiredProperties the required properties
	 * @param properties the properties
	 * @param associatedObjects the associated object types
	 */
	public SchemaRequest {
		requiredProperties = (requiredProperties != null) ? List.copyOf(requiredProperties) : List.of();
		properties = (properties != null) ? List.copyOf(properties) : List.of();
		associatedObjects = (associatedObjects != null) ? List.copyOf(associatedObjects) : List.of();
	}

	@Override
	public String name() {
		return (this.name != null) ? this.name : "";
	}

	@Override
	public Labels labels() {
		return (this.labels != null) ? this.labels : new Labels(name(), name());
	}

	List<Property> propertyList() {
		return (this.properties != null) ? this.properties : List.of();
	}

	void check() {
		List<String> problems = new ArrayList<>();
		if (this.name == null || !NAME.matcher(this.name).matches()) {
			problems.add("name must be lower-case letters, digits and underscores, starting with a letter");
		}
		if (this.labels == null || this.labels.singular() == null || this.labels.plural() == null) {
			problems.add("labels.singular and labels.plural are required");
		}
		List<String> names = new ArrayList<>();
		for (Property property : propertyList()) {
			if (property.name() == null || !NAME.matcher(property.name()).matches()) {
				problems.add("invalid property name '" + property.name() + "'");
			}
			if (property.type() == null || !TYPES.contains(property.type())) {
				problems.add("property " + property.name() + ": type must be one of " + TYPES);
			}
			if ("enumeration".equals(property.type()) && property.options().isEmpty()) {
				problems.add("property " + property.name() + ": an enumeration needs options");
			}
			names.add(property.name());
		}
		for (String required : requiredProperties()) {
			if (!names.contains(required)) {
				problems.add("required property " + required + " is not among the properties");
			}
		}
		if (this.primaryDisplayProperty != null && !names.contains(this.primaryDisplayProperty)) {
			problems.add("primaryDisplayProperty " + this.primaryDisplayProperty + " is not among the properties");
		}
		if (!problems.isEmpty()) {
			throw ApiException.validation("Invalid object schema: " + String.join("; ", problems));
		}
	}

	/**
	 * Singular and plural labels.
	 *
	 * @param singular e.g. {@code Car}
	 * @param plural e.g. {@code Cars}
	 */
	public record Labels(@Nullable String singular, @Nullable String plural) {
	}

	/**
	 * A property of the schema.
	 *
	 * @param name its name
	 * @param label its label
	 * @param type its type
	 * @param fieldType its form field type (defaulted from the type)
	 * @param hasUniqueValue whether values are unique
	 * @param options enumeration options
	 */
	public record Property(@Nullable String name, @Nullable String label, @Nullable String type,
			@Nullable String fieldType, @Nullable Boolean hasUniqueValue, @Nullable List<Option> options) {

		/**
		 * Defaults the options.
		 * @param name the name
		 * @param label the label
		 * @param type the type
		 * @param fieldType the field type
		 * @param hasUniqueValue uniqueness
		 * @param options the options
		 */
		public Property {
			options = (options != null) ? List.copyOf(options) : List.of();
		}

		PropertyDef definition(String group, Instant at) {
			List<PropertyDef.Option> defined = new ArrayList<>();
			int order = 0;
			for (Option option : options()) {
				defined.add(new PropertyDef.Option(option.label(), option.value(), false, order++));
			}
			String form = (this.fieldType != null) ? this.fieldType : switch (String.valueOf(this.type)) {
				case "number" -> "number";
				case "enumeration" -> "select";
				case "date", "datetime" -> "date";
				case "bool" -> "booleancheckbox";
				default -> "text";
			};
			return new PropertyDef(String.valueOf(this.name),
					(this.label != null) ? this.label : String.valueOf(this.name), String.valueOf(this.type), form,
					group, null, defined, Boolean.TRUE.equals(this.hasUniqueValue), false, false, false, null, false,
					at, at);
		}

	}

	/**
	 * An enumeration option.
	 *
	 * @param label its label
	 * @param value its value
	 */
	public record Option(String label, String value) {
	}

}
