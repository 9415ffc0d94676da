package dev.hubsync.events.mapping;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.hubspot.ObjectTypes;
import org.jspecify.annotations.Nullable;

/**
 * The whole mapping of one object type, one version of it. Versions only move forward: a
 * consumer ignores a version lower than the one it has.
 *
 * @param objectTypeId the HubSpot object type, e.g. {@code 0-1}; the Kafka key
 * @param version the version, from 1
 * @param platformTable the platform table, optionally schema-qualified
 * @param keyColumn the table's primary key column
 * @param changeTimeColumn the column holding the row's last change time, for
 * {@link ConflictRule#LATEST_WINS}; {@code null} when the table has none
 * @param softDeleteColumn the column whose non-null value marks a row deleted;
 * {@code null} when deletes are SQL deletes
 * @param fields the field mappings
 * @param constants HubSpot properties written with a fixed value when a record is created
 * (e.g. a deal's {@code pipeline=default}); a constant on a mapped property is the value
 * of a create whose row leaves the field empty (a ticket's first stage)
 * @param associations foreign keys mapped to HubSpot associations
 * @param matching how unlinked records find their counterpart; email only when absent
 * @param updatedAt when this version was made
 * @param updatedBy who made it (API key name, {@code file}), for the audit trail
 */
public record MappingConfig(String objectTypeId, long version, String platformTable, String keyColumn,
		@Nullable String changeTimeColumn, @Nullable String softDeleteColumn, List<FieldMapping> fields,
		Map<String, String> constants, List<AssociationMapping> associations, MatchingSpec matching, Instant updatedAt,
		@Nullable String updatedBy) {

	/**
	 * Checks required fields and freezes the collections.
	 * @param objectTypeId the object type
	 * @param version the version
	 * @param platformTable the table
	 * @param keyColumn the key column
	 * @param changeTimeColumn the change-time column
	 * @param softDeleteColumn the soft-delete column
	 * @param fields the fields
	 * @param constants the constants
	 * @param associations the associations
	 * @param matching the matching rules
	 * @param updatedAt the version's time
	 * @param updatedBy the version's author
	 */
	public MappingConfig {
		EventFormatException.require(objectTypeId, "objectTypeId");
		EventFormatException.require(platformTable, "platformTable");
		EventFormatException.require(keyColumn, "keyColumn");
		EventFormatException.require(updatedAt, "updatedAt");
		if (!ObjectTypes.isObjectTypeId(objectTypeId)) {
			throw new EventFormatException("objectTypeId", "not an object type id: '" + objectTypeId + "'");
		}
		if (version < 1) {
			throw new EventFormatException("version", "version must be at least 1, was " + version);
		}
		fields = (fields != null) ? List.copyOf(fields) : List.of();
		constants = (constants != null) ? Map.copyOf(constants) : Map.of();
		associations = (associations != null) ? List.copyOf(associations) : List.of();
		matching = (matching != null) ? matching : MatchingSpec.EMAIL_ONLY;
	}

	/**
	 * Returns the same mapping as another version.
	 * @param newVersion the version
	 * @param at when it was made
	 * @param by who made it
	 * @return the copy
	 */
	public MappingConfig withVersion(long newVersion, Instant at, @Nullable String by) {
		return new MappingConfig(this.objectTypeId, newVersion, this.platformTable, this.keyColumn,
				this.changeTimeColumn, this.softDeleteColumn, this.fields, this.constants, this.associations,
				this.matching, at, by);
	}

}
