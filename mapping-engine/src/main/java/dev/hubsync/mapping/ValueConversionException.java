package dev.hubsync.mapping;

import org.jspecify.annotations.Nullable;

/**
 * A record's value that cannot convert, naming the record, the field and the value. The
 * sync dead-letters the record with this message; it never writes a silent null instead.
 */
public final class ValueConversionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private static final int MAX_VALUE_SHOWN = 200;

	private final String objectTypeId;

	private final String recordId;

	private final String column;

	private final String property;

	private final String value;

	/**
	 * Creates the exception.
	 * @param objectTypeId the object type
	 * @param recordId the record (platform key or HubSpot id)
	 * @param column the platform column
	 * @param property the HubSpot property
	 * @param value the value that failed
	 * @param toHubSpot the direction of the conversion
	 * @param reason why it failed
	 */
	public ValueConversionException(String objectTypeId, String recordId, String column, String property,
			@Nullable Object value, boolean toHubSpot, String reason) {
		super(objectTypeId + " record " + recordId + ", field " + column + " <-> " + property + ": cannot convert "
				+ shown(value) + (toHubSpot ? " to HubSpot" : " to the platform") + ": " + reason);
		this.objectTypeId = objectTypeId;
		this.recordId = recordId;
		this.column = column;
		this.property = property;
		this.value = shown(value);
	}

	private static String shown(@Nullable Object value) {
		String text = String.valueOf(value);
		return "'" + ((text.length() > MAX_VALUE_SHOWN) ? text.substring(0, MAX_VALUE_SHOWN) + "…" : text) + "'";
	}

	/**
	 * Returns the object type.
	 * @return the object type id
	 */
	public String objectTypeId() {
		return this.objectTypeId;
	}

	/**
	 * Returns the record.
	 * @return the record id
	 */
	public String recordId() {
		return this.recordId;
	}

	/**
	 * Returns the column.
	 * @return the platform column
	 */
	public String column() {
		return this.column;
	}

	/**
	 * Returns the property.
	 * @return the HubSpot property
	 */
	public String property() {
		return this.property;
	}

	/**
	 * Returns the value, quoted and shortened.
	 * @return the value as shown
	 */
	public String value() {
		return this.value;
	}

}
