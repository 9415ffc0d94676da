package dev.hubsync.events.local;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One row image: column values with their types. Values are {@code null} or of their
 * {@link ColumnType}'s Java type.
 *
 * @param values column name to value, in column order
 * @param types column name to type, one entry per value
 */
public record Row(Map<String, @Nullable Object> values, Map<String, ColumnType> types) {

	/**
	 * Checks that every value has a type and every type fits its value, and freezes both
	 * maps.
	 * @param values column values
	 * @param types column types
	 */
	public Row {
		if (!values.keySet().equals(types.keySet())) {
			throw new IllegalArgumentException(
					"every column needs a type: " + values.keySet() + " vs " + types.keySet());
		}
		for (Map.Entry<String, @Nullable Object> entry : values.entrySet()) {
			types.get(entry.getKey()).check(entry.getKey(), entry.getValue());
		}
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
		types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
	}

	/**
	 * Starts a row.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Returns a column's value.
	 * @param column the column
	 * @return the value, or {@code null} when null or absent
	 */
	public @Nullable Object get(String column) {
		return this.values.get(column);
	}

	/**
	 * Tells whether the image holds a column (a key-only image holds only the key).
	 * @param column the column
	 * @return whether it is present, even with a null value
	 */
	public boolean has(String column) {
		return this.values.containsKey(column);
	}

	/**
	 * Tells whether a column differs between two images.
	 * @param other the other image
	 * @param column the column
	 * @return whether the column is present in both and its values differ, or present in
	 * one only
	 */
	public boolean differs(Row other, String column) {
		if (has(column) != other.has(column)) {
			return true;
		}
		return !Objects.deepEquals(get(column), other.get(column));
	}

	/** Builds a {@link Row} column by column. */
	public static final class Builder {

		private final Map<String, @Nullable Object> values = new LinkedHashMap<>();

		private final Map<String, ColumnType> types = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Adds a column.
		 * @param column the column's name
		 * @param type its type
		 * @param value its value, or {@code null}
		 * @return this builder
		 */
		public Builder put(String column, ColumnType type, @Nullable Object value) {
			this.values.put(column, value);
			this.types.put(column, type);
			return this;
		}

		/**
		 * Builds the row.
		 * @return the row
		 */
		public Row build() {
			return new Row(this.values, this.types);
		}

	}

}
