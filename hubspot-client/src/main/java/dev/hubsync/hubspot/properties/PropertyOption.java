package dev.hubsync.hubspot.properties;

import org.jspecify.annotations.Nullable;

/**
 * One option of an enumeration property.
 *
 * @param label what people see
 * @param value what the API reads and writes
 * @param hidden whether it is hidden in forms
 * @param displayOrder its position
 * @param description a description
 */
public record PropertyOption(String label, String value, boolean hidden, @Nullable Integer displayOrder,
		@Nullable String description) {

	/**
	 * A visible option.
	 * @param label the label
	 * @param value the value
	 * @return the option
	 */
	public static PropertyOption of(String label, String value) {
		return new PropertyOption(label, value, false, null, null);
	}

}
