package dev.hubsync.hubspot.schemas;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A custom object schema, as far as HubSync reads it.
 *
 * @param objectTypeId e.g. {@code 2-3508482}
 * @param name the schema's name, e.g. {@code cars}
 * @param fullyQualifiedName e.g. {@code p1234_cars}
 * @param associations the association types it defined
 */
public record ObjectSchema(String objectTypeId, String name, @Nullable String fullyQualifiedName,
		List<Association> associations) {

	/**
	 * Defaults the associations.
	 * @param objectTypeId the object type id
	 * @param name the name
	 * @param fullyQualifiedName the fully qualified name
	 * @param associations the association types
	 */
	public ObjectSchema {
		associations = (associations != null) ? List.copyOf(associations) : List.of();
	}

	/**
	 * Tells whether a name the user wrote names this schema: its object type id, its
	 * fully qualified name (any case) or its name.
	 * @param nameOrId the name
	 * @return whether it names this schema
	 */
	public boolean isNamed(String nameOrId) {
		return this.objectTypeId.equals(nameOrId) || this.name.equals(nameOrId)
				|| (this.fullyQualifiedName != null && this.fullyQualifiedName.equalsIgnoreCase(nameOrId));
	}

	/**
	 * An association type the schema defined.
	 *
	 * @param id the type id from the custom object
	 * @param fromObjectTypeId the custom object
	 * @param toObjectTypeId the other object type
	 */
	public record Association(String id, String fromObjectTypeId, String toObjectTypeId) {
	}

}
