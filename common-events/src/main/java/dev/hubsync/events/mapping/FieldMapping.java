package dev.hubsync.events.mapping;

import dev.hubsync.events.EventFormatException;

/**
 * One platform column mapped to one HubSpot property.
 *
 * @param column the platform column
 * @param property the HubSpot property's internal name
 * @param direction which way values flow
 * @param rule who wins when both sides changed
 * @param transform how values convert between the two sides
 * @param onRefusal what a value that does not convert does to its record (default:
 * refused alone)
 */
public record FieldMapping(String column, String property, FieldDirection direction, ConflictRule rule,
		TransformSpec transform, RefusalPolicy onRefusal) {

	/**
	 * Checks required fields; direction defaults to both, rule to latest-wins, transform
	 * to plain text.
	 * @param column the column
	 * @param property the property
	 * @param direction the direction
	 * @param rule the rule
	 * @param transform the transform
	 * @param onRefusal the refusal policy
	 */
	public FieldMapping {
		EventFormatException.require(column, "fields[].column");
		EventFormatException.require(property, "fields[].property");
		direction = (direction != null) ? direction : FieldDirection.BOTH;
		rule = (rule != null) ? rule : ConflictRule.LATEST_WINS;
		transform = (transform != null) ? transform : TransformSpec.of("string");
		onRefusal = (onRefusal != null) ? onRefusal : RefusalPolicy.REFUSE_FIELD;
	}

	/**
	 * A field whose unconvertible values are refused alone.
	 * @param column the column
	 * @param property the property
	 * @param direction the direction
	 * @param rule the rule
	 * @param transform the transform
	 */
	public FieldMapping(String column, String property, FieldDirection direction, ConflictRule rule,
			TransformSpec transform) {
		this(column, property, direction, rule, transform, RefusalPolicy.REFUSE_FIELD);
	}

}
