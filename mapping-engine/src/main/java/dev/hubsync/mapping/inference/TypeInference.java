package dev.hubsync.mapping.inference;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.TransformSpec;
import dev.hubsync.events.mapping.UnmappedValueRule;
import dev.hubsync.hubspot.properties.PropertyDefinition;
import dev.hubsync.hubspot.properties.PropertyOption;
import org.jspecify.annotations.Nullable;

/**
 * Column type × HubSpot property definition → the transform that maps them, or a refusal
 * with the reason. Also the reverse question for validation: does a chosen transform fit?
 */
public final class TypeInference {

	/** The property every object's owner is in. */
	private static final String OWNER_PROPERTY = "hubspot_owner_id";

	private TypeInference() {
	}

	/**
	 * Infers the transform between a column and a property.
	 * @param column the column
	 * @param property the property
	 * @return the transform or the refusal
	 */
	public static Inference infer(ColumnInfo column, PropertyDefinition property) {
		ColumnType type = column.type();
		String what = column.name() + " (" + column.sqlType() + ") and " + property.name() + " (" + property.type()
				+ ")";
		switch (property.type()) {
			case "string", "phone_number":
				if (type == ColumnType.JSON) {
					return Inference.of(TransformSpec.of("json"));
				}
				if (type != ColumnType.TEXT && type != ColumnType.UUID) {
					return Inference.refused(what + ": a text property can hold any text and this column cannot");
				}
				if (property.type().equals("phone_number") || "phonenumber".equals(property.fieldType())
						|| property.name().contains("phone")) {
					return Inference.of(TransformSpec.of("phone"));
				}
				if (property.name().contains("email")) {
					return Inference.of(TransformSpec.of("email"));
				}
				return Inference.of(TransformSpec.of("string"));
			case "number":
				if (type == ColumnType.INTEGER || type == ColumnType.DECIMAL || type == ColumnType.FLOAT
						|| type == ColumnType.TEXT) {
					return Inference.of(TransformSpec.of("number"));
				}
				return Inference.refused(what + ": a number property needs a numeric (or text) column");
			case "bool":
				if (type == ColumnType.BOOLEAN || type == ColumnType.TEXT) {
					return Inference.of(TransformSpec.of("boolean"));
				}
				return Inference.refused(what + ": a boolean property needs a boolean column");
			case "enumeration":
				return enumeration(column, property, what);
			case "date":
				if (type == ColumnType.DATE || type == ColumnType.TIMESTAMPTZ || type == ColumnType.TIMESTAMP
						|| type == ColumnType.TEXT) {
					return Inference.of(TransformSpec.of("date"));
				}
				return Inference.refused(what + ": a date property needs a date column");
			case "datetime":
				if (type == ColumnType.DATE) {
					return Inference.of(TransformSpec.of("date"));
				}
				if (type == ColumnType.TIMESTAMPTZ || type == ColumnType.TIMESTAMP || type == ColumnType.TEXT) {
					return Inference.of(TransformSpec.of("datetime"));
				}
				return Inference.refused(what + ": a datetime property needs a timestamp or date column");
			default:
				return Inference.refused(what + ": HubSync does not map properties of type " + property.type());
		}
	}

	private static Inference enumeration(ColumnInfo column, PropertyDefinition property, String what) {
		ColumnType type = column.type();
		if (OWNER_PROPERTY.equals(property.name()) && (type == ColumnType.UUID || type == ColumnType.INTEGER)) {
			// a foreign key to the product's users: matched to owners by email
			return Inference.of(TransformSpec.of("owner"));
		}
		if ("booleancheckbox".equals(property.fieldType()) && type == ColumnType.BOOLEAN) {
			return Inference.of(TransformSpec.of("boolean"));
		}
		Map<String, String> identity = new LinkedHashMap<>();
		for (PropertyOption option : property.options()) {
			identity.put(option.value(), option.value());
		}
		if ("checkbox".equals(property.fieldType()) || type == ColumnType.TEXT_ARRAY) {
			if (type != ColumnType.TEXT_ARRAY && type != ColumnType.TEXT) {
				return Inference.refused(what + ": a multi-select property needs a text array (or text) column");
			}
			return Inference.of(new TransformSpec("multiselect", Map.of(), identity, UnmappedValueRule.REJECT, null));
		}
		if (type != ColumnType.TEXT) {
			return Inference.refused(what + ": an enumeration needs a text column");
		}
		return Inference.of(new TransformSpec("enum", Map.of(), identity, UnmappedValueRule.REJECT, null));
	}

	/**
	 * Tells why a chosen transform does not fit a column and a property, if it does not.
	 * @param transform the transform's name
	 * @param column the column
	 * @param property the property
	 * @return the reason, or null when it fits
	 */
	public static @Nullable String misfit(String transform, ColumnInfo column, PropertyDefinition property) {
		ColumnType type = column.type();
		String propertyType = property.type();
		boolean fits = switch (transform) {
			case "string", "email", "phone" -> (propertyType.equals("string") || propertyType.equals("phone_number")
					|| propertyType.equals("enumeration")) && (type == ColumnType.TEXT || type == ColumnType.UUID);
			case "json" -> propertyType.equals("string") && (type == ColumnType.JSON || type == ColumnType.TEXT);
			case "number" -> propertyType.equals("number") && (type == ColumnType.INTEGER || type == ColumnType.DECIMAL
					|| type == ColumnType.FLOAT || type == ColumnType.TEXT);
			case "boolean" -> (propertyType.equals("bool") || propertyType.equals("enumeration"))
					&& (type == ColumnType.BOOLEAN || type == ColumnType.TEXT);
			case "date" -> (propertyType.equals("date") || propertyType.equals("datetime")) && (type == ColumnType.DATE
					|| type == ColumnType.TIMESTAMPTZ || type == ColumnType.TIMESTAMP || type == ColumnType.TEXT);
			case "datetime" -> propertyType.equals("datetime") && (type == ColumnType.TIMESTAMPTZ
					|| type == ColumnType.TIMESTAMP || type == ColumnType.DATE || type == ColumnType.TEXT);
			case "enum" -> propertyType.equals("enumeration") && type == ColumnType.TEXT;
			case "owner" -> propertyType.equals("enumeration")
					&& (type == ColumnType.UUID || type == ColumnType.TEXT || type == ColumnType.INTEGER);
			case "stage" -> propertyType.equals("enumeration") && type == ColumnType.TEXT;
			case "multiselect" ->
				propertyType.equals("enumeration") && (type == ColumnType.TEXT_ARRAY || type == ColumnType.TEXT);
			default -> true;
		};
		return fits ? null : "transform " + transform + " does not fit column " + column.name() + " ("
				+ column.sqlType() + ") and property " + property.name() + " (" + propertyType + ")";
	}

}
