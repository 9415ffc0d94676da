package dev.hubsync.events;

import org.jspecify.annotations.Nullable;

/**
 * A value that breaks the wire contract: not JSON, a required field missing, a field of
 * the wrong type, an unsupported schema version. Never retryable: the same bytes fail the
 * same way, so consumers dead-letter the record with this message as the reason.
 */
public class EventFormatException extends RuntimeException {

	private final @Nullable String field;

	/**
	 * Creates an exception about one field.
	 * @param field the offending field's name, as it appears on the wire
	 * @param message what is wrong with it
	 */
	public EventFormatException(@Nullable String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * Creates an exception with a cause.
	 * @param field the offending field's name, or {@code null} when the whole value is
	 * bad
	 * @param message what is wrong
	 * @param cause the parser's failure
	 */
	public EventFormatException(@Nullable String field, String message, Throwable cause) {
		super(message, cause);
		this.field = field;
	}

	/**
	 * Creates the exception for a required field that is absent or null.
	 * @param field the field's name
	 * @return the exception
	 */
	public static EventFormatException missing(String field) {
		return new EventFormatException(field, "missing required field '" + field + "'");
	}

	/**
	 * Checks a required value.
	 * @param <T> the value's type
	 * @param value the value, {@code null} when absent on the wire
	 * @param field the field's wire name
	 * @return the value
	 * @throws EventFormatException when the value is {@code null}
	 */
	public static <T> T require(@Nullable T value, String field) {
		if (value == null) {
			throw missing(field);
		}
		return value;
	}

	/**
	 * Returns the offending field.
	 * @return the field's wire name, or {@code null} when the whole value is malformed
	 */
	public @Nullable String field() {
		return this.field;
	}

}
