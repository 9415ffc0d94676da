package dev.hubsync.hubspot.objects;

import java.util.List;

import dev.hubsync.hubspot.associations.AssociationSpec;

/**
 * An association made with a record's creation.
 *
 * @param to the record to associate with
 * @param types the association types
 */
public record ObjectAssociation(Target to, List<AssociationSpec> types) {

	/**
	 * Creates an association of one type.
	 * @param toId the other record's id
	 * @param type the association type
	 * @return the association
	 */
	public static ObjectAssociation of(String toId, AssociationSpec type) {
		return new ObjectAssociation(new Target(toId), List.of(type));
	}

	/**
	 * The other record.
	 *
	 * @param id its id
	 */
	public record Target(String id) {
	}

}
