package dev.hubsync.hubspot.associations;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A record associated with another, and the types of the association.
 *
 * @param toObjectId the associated record's id
 * @param associationTypes the types between the two records
 */
public record AssociatedObject(String toObjectId, List<Type> associationTypes) {

	/**
	 * Defaults the types.
	 * @param toObjectId the id
	 * @param associationTypes the types
	 */
	public AssociatedObject {
		associationTypes = (associationTypes != null) ? associationTypes : List.of();
	}

	/**
	 * Tells whether the association has a type.
	 * @param typeId the type id
	 * @return whether one of the types has it
	 */
	public boolean hasType(int typeId) {
		return this.associationTypes.stream().anyMatch((type) -> type.typeId() == typeId);
	}

	/**
	 * One type of an association, as read.
	 *
	 * @param category its category
	 * @param typeId its id
	 * @param label its label, {@code null} when unlabeled
	 */
	public record Type(String category, int typeId, @Nullable String label) {
	}

}
