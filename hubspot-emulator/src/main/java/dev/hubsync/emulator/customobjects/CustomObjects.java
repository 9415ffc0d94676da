package dev.hubsync.emulator.customobjects;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.associations.AssociationStore;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.PropertyDef;
import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.events.hubspot.ObjectTypes;
import org.jspecify.annotations.Nullable;

/**
 * The portal's custom object schemas. A schema's object type id is {@code 2-<n>} with
 * {@code n} drawn from the portal id (portal-specific in HubSpot, so clients cannot
 * assume it), its fully qualified name {@code p<portalId>_<name>}. Every schema is
 * journaled (with its association type ids, so edges replay onto the same types).
 */
public final class CustomObjects {

	private static final List<String> SYSTEM_PROPERTIES = List.of("hs_object_id", "createdate", "hs_lastmodifieddate");

	private final Map<String, Schema> byId = new ConcurrentHashMap<>();

	private final PropertySchema properties;

	private final AssociationStore associations;

	private final Journal journal;

	private final long portalId;

	/**
	 * Creates the registry.
	 * @param properties the property schema, which learns each new type
	 * @param associations the association store, which learns its association types
	 * @param journal the journal
	 * @param portalId the portal
	 */
	public CustomObjects(PropertySchema properties, AssociationStore associations, Journal journal, long portalId) {
		this.properties = properties;
		this.associations = associations;
		this.journal = journal;
		this.portalId = portalId;
	}

	/**
	 * Creates a schema.
	 * @param request the schema's definition
	 * @return the schema
	 * @throws ApiException 400 for an invalid definition, 409 for a name in use
	 */
	public synchronized Schema create(SchemaRequest request) {
		request.check();
		if (this.byId.values().stream().anyMatch((schema) -> schema.name().equals(request.name()))) {
			throw ApiException.conflict("Object type with name " + request.name() + " already exists");
		}
		String objectTypeId = "2-" + (this.portalId % 9_000_000L + 1_000_000L + this.byId.size() * 7919L);
		Instant now = this.properties.clock().instant();
		List<Association> links = new ArrayList<>();
		for (String other : request.associatedObjects()) {
			String toType = objectTypeOf(other);
			int[] ids = this.associations.defineTypes(objectTypeId, toType);
			links.add(new Association(ids[0], ids[1], objectTypeId, toType));
		}
		Schema schema = new Schema(objectTypeId, request.name(), "p" + this.portalId + "_" + request.name(),
				request.labels(), request.primaryDisplayProperty(), request.requiredProperties(),
				request.propertyList(), links, now);
		define(schema);
		this.journal.append(new Journal.Entry("custom-object", objectTypeId, schema));
		return schema;
	}

	/**
	 * Lists the schemas.
	 * @return the schemas, oldest first
	 */
	public List<Schema> all() {
		return this.byId.values().stream().sorted(java.util.Comparator.comparing(Schema::createdAt)).toList();
	}

	/**
	 * Finds a schema by object type id, fully qualified name or name.
	 * @param segment the path segment
	 * @return the schema, if any
	 */
	public Optional<Schema> find(String segment) {
		return this.byId.values()
			.stream()
			.filter((schema) -> schema.objectTypeId().equals(segment)
					|| schema.fullyQualifiedName().equalsIgnoreCase(segment) || schema.name().equals(segment))
			.findFirst();
	}

	/**
	 * Applies a replayed journal entry.
	 * @param schema the schema as journaled
	 */
	public void replay(Schema schema) {
		schema.associations()
			.forEach((link) -> this.associations.restoreTypes(link.id(), link.inverseId(), link.fromObjectTypeId(),
					link.toObjectTypeId()));
		define(schema);
	}

	/**
	 * Describes the schemas, for compaction.
	 * @return one entry per schema
	 */
	public List<Journal.Entry> snapshot() {
		return all().stream()
			.map((schema) -> new Journal.Entry("custom-object", schema.objectTypeId(), schema))
			.toList();
	}

	/** Forgets every schema (the property schema's reset forgets their types). */
	public void reset() {
		this.byId.clear();
	}

	private void define(Schema schema) {
		String type = schema.objectTypeId();
		Instant at = schema.createdAt();
		this.properties.putGroup(type, schema.name() + "_information", schema.labels().singular() + " information",
				false);
		for (String name : SYSTEM_PROPERTIES) {
			this.properties.put(type,
					new PropertyDef(name, name, "hs_object_id".equals(name) ? "number" : "datetime",
							"hs_object_id".equals(name) ? "number" : "date", schema.name() + "_information", null,
							List.of(), false, true, true, false, null, false, at, at),
					false);
		}
		for (SchemaRequest.Property property : schema.properties()) {
			this.properties.put(type, property.definition(schema.name() + "_information", at), false);
		}
		this.properties.defineObjectType(type, schema.fullyQualifiedName(), schema.requiredProperties());
		this.byId.put(type, schema);
	}

	private static String objectTypeOf(String name) {
		if (ObjectTypes.isObjectTypeId(name)) {
			return name;
		}
		return ObjectTypes.byAssociationName(name)
			.or(() -> ObjectTypes.byPathSegment(name))
			.orElseThrow(() -> ApiException.validation("Unknown associated object type " + name));
	}

	/**
	 * A custom object schema.
	 *
	 * @param objectTypeId {@code 2-<n>}
	 * @param name its name
	 * @param fullyQualifiedName {@code p<portalId>_<name>}
	 * @param labels singular and plural labels
	 * @param primaryDisplayProperty the property shown as the record's name
	 * @param requiredProperties what every create must carry
	 * @param properties its own properties
	 * @param associations its association types
	 * @param createdAt when it was made
	 */
	public record Schema(String objectTypeId, String name, String fullyQualifiedName, SchemaRequest.Labels labels,
			@Nullable String primaryDisplayProperty, List<String> requiredProperties,
			List<SchemaRequest.Property> properties, List<Association> associations, Instant createdAt) {

		Map<String, Object> toJson(List<PropertyDef> definitions) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("id", this.objectTypeId.substring(2));
			json.put("objectTypeId", this.objectTypeId);
			json.put("fullyQualifiedName", this.fullyQualifiedName);
			json.put("name", this.name);
			json.put("labels", this.labels);
			json.put("primaryDisplayProperty", this.primaryDisplayProperty);
			json.put("requiredProperties", this.requiredProperties);
			json.put("searchableProperties", List.of());
			json.put("secondaryDisplayProperties", List.of());
			json.put("properties", definitions.stream().map(PropertyDef::toJson).toList());
			json.put("associations", this.associations.stream().map(Association::toJson).toList());
			json.put("metaType", "PORTAL_SPECIFIC");
			json.put("archived", false);
			json.put("createdAt", this.createdAt.toString());
			json.put("updatedAt", this.createdAt.toString());
			return json;
		}

	}

	/**
	 * An association type a schema defined.
	 *
	 * @param id the type from the custom object to the other
	 * @param inverseId the type back
	 * @param fromObjectTypeId the custom object
	 * @param toObjectTypeId the other object type
	 */
	public record Association(int id, int inverseId, String fromObjectTypeId, String toObjectTypeId) {

		Map<String, Object> toJson() {
			return Map.of("id", String.valueOf(this.id), "fromObjectTypeId", this.fromObjectTypeId, "toObjectTypeId",
					this.toObjectTypeId, "name", this.fromObjectTypeId + "_to_" + this.toObjectTypeId);
		}

	}

}
