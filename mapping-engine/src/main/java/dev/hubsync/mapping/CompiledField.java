package dev.hubsync.mapping;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.mapping.transform.ConversionFailure;
import dev.hubsync.mapping.transform.EnumTransform;
import dev.hubsync.mapping.transform.Transform;
import org.jspecify.annotations.Nullable;

/**
 * One compiled field mapping: a column, a property, their transform. A platform
 * {@code null} and HubSpot's empty string (a cleared property) are each other's value.
 */
public final class CompiledField {

	private final String objectTypeId;

	private final FieldMapping spec;

	private final Transform transform;

	private final ColumnType columnType;

	CompiledField(String objectTypeId, FieldMapping spec, Transform transform, ColumnType columnType) {
		this.objectTypeId = objectTypeId;
		this.spec = spec;
		this.transform = transform;
		this.columnType = columnType;
	}

	/**
	 * Converts a platform value.
	 * @param recordId the record, for the error
	 * @param value the column's value
	 * @return the property value; {@code ""} for null
	 * @throws ValueConversionException when it cannot convert
	 */
	public String toHubSpot(String recordId, @Nullable Object value) {
		if (value == null) {
			return "";
		}
		try {
			return this.transform.toHubSpot(value);
		}
		catch (ConversionFailure ex) {
			throw failure(recordId, value, true, ex);
		}
	}

	/**
	 * Converts a HubSpot value.
	 * @param recordId the record, for the error
	 * @param value the property's value
	 * @return the column value; null for null or {@code ""}
	 * @throws ValueConversionException when it cannot convert
	 */
	public @Nullable Object toPlatform(String recordId, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			return null;
		}
		try {
			return this.transform.toPlatform(value);
		}
		catch (ConversionFailure ex) {
			throw failure(recordId, value, false, ex);
		}
	}

	/**
	 * Returns the canonical HubSpot form of a property value, for comparison.
	 * @param recordId the record, for the error
	 * @param value the property's value
	 * @return the canonical form; {@code ""} for null or {@code ""}
	 * @throws ValueConversionException when it cannot convert
	 */
	public String canonical(String recordId, @Nullable String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		try {
			return this.transform.canonical(value);
		}
		catch (ConversionFailure ex) {
			throw failure(recordId, value, false, ex);
		}
	}

	private ValueConversionException failure(String recordId, Object value, boolean toHubSpot, ConversionFailure ex) {
		return new ValueConversionException(this.objectTypeId, recordId, this.spec.column(), this.spec.property(),
				value, toHubSpot, ex.getMessage());
	}

	/**
	 * Tells whether going from one HubSpot value to another is a backwards move the
	 * mapping wants written as clear-then-set.
	 * @param from the current value
	 * @param to the new value
	 * @return whether to clear first
	 */
	public boolean clearBeforeSet(@Nullable String from, @Nullable String to) {
		return "clear-then-set".equals(this.spec.transform().options().get("backwards"))
				&& this.transform instanceof EnumTransform enumeration && enumeration.movesBackwards(from, to);
	}

	/**
	 * Tells whether a backwards move is to be refused (dead-lettered).
	 * @param from the current value
	 * @param to the new value
	 * @return whether the move is refused
	 */
	public boolean refusesBackwards(@Nullable String from, @Nullable String to) {
		return "reject".equals(this.spec.transform().options().get("backwards"))
				&& this.transform instanceof EnumTransform enumeration && enumeration.movesBackwards(from, to);
	}

	/**
	 * Returns the platform column.
	 * @return the column
	 */
	public String column() {
		return this.spec.column();
	}

	/**
	 * Returns the HubSpot property.
	 * @return the property
	 */
	public String property() {
		return this.spec.property();
	}

	/**
	 * Returns the direction.
	 * @return the direction
	 */
	public FieldDirection direction() {
		return this.spec.direction();
	}

	/**
	 * Returns the conflict rule.
	 * @return the rule
	 */
	public ConflictRule rule() {
		return this.spec.rule();
	}

	/**
	 * Returns the column's type as compiled against.
	 * @return the type
	 */
	public ColumnType columnType() {
		return this.columnType;
	}

	/**
	 * Returns the transform's name.
	 * @return the name
	 */
	public String transformName() {
		return this.spec.transform().type();
	}

	/**
	 * Tells whether a value of this field that does not convert sets its record aside
	 * whole ({@code onRefusal: SET_ASIDE_RECORD}) rather than being refused alone.
	 * @return whether it does
	 */
	public boolean setsAsideRecord() {
		return this.spec.onRefusal() == dev.hubsync.events.mapping.RefusalPolicy.SET_ASIDE_RECORD;
	}

	/**
	 * Returns the specification.
	 * @return the field mapping
	 */
	public FieldMapping spec() {
		return this.spec;
	}

	@Override
	public String toString() {
		return column() + " <-> " + property() + " (" + transformName() + ", " + direction() + ", " + rule() + ")";
	}

}
