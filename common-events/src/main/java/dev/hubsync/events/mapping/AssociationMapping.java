package dev.hubsync.events.mapping;

import dev.hubsync.events.EventFormatException;

/**
 * A platform foreign key mapped to a HubSpot association.
 *
 * @param column the foreign key column, e.g. {@code company_id}
 * @param toObjectTypeId the object type the key points at, e.g. {@code 0-2}
 * @param associationTypeId HubSpot's association type id from this object type to that
 * one (e.g. 1 for a contact's primary company, 279 unlabeled)
 * @param primary whether it is the primary association
 * @param direction which way changes flow
 */
public record AssociationMapping(String column, String toObjectTypeId, int associationTypeId, boolean primary,
		FieldDirection direction) {

	/**
	 * Checks required fields; direction defaults to both.
	 * @param column the column
	 * @param toObjectTypeId the target type
	 * @param associationTypeId the association type
	 * @param primary whether primary
	 * @param direction the direction
	 */
	public AssociationMapping {
		EventFormatException.require(column, "associations[].column");
		EventFormatException.require(toObjectTypeId, "associations[].toObjectTypeId");
		direction = (direction != null) ? direction : FieldDirection.BOTH;
	}

}
