package dev.hubsync.events.local;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import dev.hubsync.events.EventFormatException;
import org.jspecify.annotations.Nullable;

/**
 * The type of a column value in a {@link Row}, so values keep their types across the
 * wire: JSON alone cannot tell a uuid from text or an exact decimal from a float.
 */
public enum ColumnType {

	/** Text; Java {@link String}. */
	TEXT(String.class),

	/** Any integer column (smallint, integer, bigint); Java {@link Long}. */
	INTEGER(Long.class),

	/**
	 * Exact numeric; Java {@link BigDecimal}, written as a string so no digit is lost.
	 */
	DECIMAL(BigDecimal.class),

	/** Floating point; Java {@link Double}. */
	FLOAT(Double.class),

	/** Java {@link Boolean}. */
	BOOLEAN(Boolean.class),

	/** Java {@link UUID}. */
	UUID(java.util.UUID.class),

	/** {@code timestamptz}; Java {@link Instant}. */
	TIMESTAMPTZ(Instant.class),

	/** {@code timestamp} without zone; Java {@link LocalDateTime}. */
	TIMESTAMP(LocalDateTime.class),

	/** Java {@link LocalDate}. */
	DATE(LocalDate.class),

	/** Java {@link LocalTime}. */
	TIME(LocalTime.class),

	/** {@code json}/{@code jsonb}; Java {@link String} holding the JSON text. */
	JSON(String.class),

	/** A text array; Java {@code List<String>}. */
	TEXT_ARRAY(List.class),

	/** {@code bytea}; Java {@code byte[]}, written as Base64. */
	BYTES(byte[].class);

	private final Class<?> javaType;

	ColumnType(Class<?> javaType) {
		this.javaType = javaType;
	}

	/**
	 * Returns the Java type of values of this column type.
	 * @return the class
	 */
	public Class<?> javaType() {
		return this.javaType;
	}

	/**
	 * Checks that a value has this type's Java type.
	 * @param column the column, for the message
	 * @param value the value, may be {@code null}
	 * @throws EventFormatException when the value has another type
	 */
	void check(String column, @Nullable Object value) {
		if (value != null && !this.javaType.isInstance(value)) {
			throw new EventFormatException(column,
					"column '" + column + "' is " + this + " but the value is a " + value.getClass().getSimpleName());
		}
	}

}
