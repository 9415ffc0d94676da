package dev.hubsync.mapping.transform;

/**
 * Converts one field's values between the platform (typed column values) and HubSpot
 * (strings). Implementations are immutable and thread-safe. Nulls and HubSpot's empty
 * string (a cleared property) never reach a transform: the compiled field maps them to
 * each other.
 *
 * <p>
 * Round-trip safety: for every value {@code v} a transform accepts,
 * {@code toHubSpot(toPlatform(toHubSpot(v)))} equals {@code toHubSpot(v)}, so a value
 * written to one side and read back compares equal and never starts a loop.
 */
public interface Transform {

	/**
	 * Converts a platform value to the string HubSpot takes.
	 * @param value the column's value, not null
	 * @return the property value, not empty
	 * @throws ConversionFailure when the value cannot convert
	 */
	String toHubSpot(Object value);

	/**
	 * Converts a HubSpot property value to the column's Java type.
	 * @param value the property value, not empty
	 * @return the column value
	 * @throws ConversionFailure when the value cannot convert
	 */
	Object toPlatform(String value);

	/**
	 * Returns the canonical HubSpot form of a property value: two values that mean the
	 * same ({@code "1500.50"} and {@code "1500.5"}) have the same canonical form. Used
	 * for comparisons and hashing.
	 * @param value the property value, not empty
	 * @return the canonical form
	 * @throws ConversionFailure when the value cannot convert
	 */
	default String canonical(String value) {
		return toHubSpot(toPlatform(value));
	}

}
