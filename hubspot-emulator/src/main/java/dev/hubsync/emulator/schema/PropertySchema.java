package dev.hubsync.emulator.schema;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.events.hubspot.ObjectTypes;

/**
 * Every object type's property definitions and groups: HubSpot's defaults and custom
 * ones. Custom definitions are journaled, so a durable emulator keeps them.
 */
public final class PropertySchema {

	private final Map<String, Map<String, PropertyDef>> properties = new ConcurrentHashMap<>();

	private final Map<String, Map<String, String>> groups = new ConcurrentHashMap<>();

	private final Map<String, List<String>> uniqueCache = new ConcurrentHashMap<>();

	private final Map<String, List<String>> requiredOnCreate = new ConcurrentHashMap<>();

	private final Map<String, String> byQualifiedName = new ConcurrentHashMap<>();

	private final DefaultData defaults;

	private final Journal journal;

	private final Clock clock;

	/**
	 * Creates the schema with HubSpot's defaults.
	 * @param defaults the default data
	 * @param journal the journal of custom definitions
	 * @param clock the clock
	 */
	public PropertySchema(DefaultData defaults, Journal journal, Clock clock) {
		this.defaults = defaults;
		this.journal = journal;
		this.clock = clock;
		reset();
	}

	/** Forgets custom definitions. */
	public void reset() {
		this.uniqueCache.clear();
		this.properties.clear();
		this.groups.clear();
		this.requiredOnCreate.clear();
		this.byQualifiedName.clear();
		this.requiredOnCreate.putAll(this.defaults.requiredOnCreate());
		this.defaults.properties().forEach((type, defs) -> {
			Map<String, PropertyDef> byName = new ConcurrentHashMap<>();
			defs.forEach((def) -> byName.put(def.name(), def));
			this.properties.put(type, byName);
		});
		this.defaults.groups().forEach((type, byName) -> this.groups.put(type, new ConcurrentHashMap<>(byName)));
	}

	/**
	 * Tells whether HubSync knows an object type.
	 * @param objectTypeId the type
	 * @return whether it has properties
	 */
	public boolean knows(String objectTypeId) {
		return this.properties.containsKey(objectTypeId);
	}

	/**
	 * Adds an object type (a custom object schema): it becomes known once it has
	 * properties, and its fully qualified name resolves to it.
	 * @param objectTypeId the type, {@code 2-<n>}
	 * @param qualifiedName e.g. {@code p1234_cars}
	 * @param required the properties every create must carry
	 */
	public void defineObjectType(String objectTypeId, String qualifiedName, List<String> required) {
		this.byQualifiedName.put(qualifiedName.toLowerCase(java.util.Locale.ROOT), objectTypeId);
		this.requiredOnCreate.put(objectTypeId, List.copyOf(required));
	}

	/**
	 * Resolves an object type path segment: a standard name ({@code contacts}), an object
	 * type id ({@code 0-1}, {@code 2-…}) or a custom object's fully qualified name.
	 * @param segment the path segment
	 * @return the object type id
	 * @throws ApiException 400 for an unknown type
	 */
	public String objectType(String segment) {
		String type = ObjectTypes.byPathSegment(segment).or(() -> byQualifiedName(segment)).orElse(segment);
		if (!knows(type)) {
			throw ApiException.validation("Unable to infer object type from: " + segment);
		}
		return type;
	}

	/**
	 * Resolves a custom object's fully qualified name.
	 * @param qualifiedName e.g. {@code p1234_cars}, any case
	 * @return the object type id, if a schema has the name
	 */
	public Optional<String> byQualifiedName(String qualifiedName) {
		return Optional.ofNullable(this.byQualifiedName.get(qualifiedName.toLowerCase(java.util.Locale.ROOT)));
	}

	/**
	 * Returns the properties every create of a type must carry, whatever the API version
	 * (the portal's own rules are {@code WriteRules}).
	 * @param objectTypeId the type
	 * @return the property names
	 */
	public List<String> requiredOnCreate(String objectTypeId) {
		return this.requiredOnCreate.getOrDefault(objectTypeId, List.of());
	}

	/**
	 * Returns a live property.
	 * @param objectTypeId the type
	 * @param name the property
	 * @return the definition, empty when unknown or archived
	 */
	public Optional<PropertyDef> get(String objectTypeId, String name) {
		PropertyDef def = this.properties.getOrDefault(objectTypeId, Map.of()).get(name);
		return (def != null && !def.archived()) ? Optional.of(def) : Optional.empty();
	}

	/**
	 * Returns the live properties of a type.
	 * @param objectTypeId the type
	 * @return the definitions
	 */
	public List<PropertyDef> list(String objectTypeId) {
		Collection<PropertyDef> defs = this.properties.getOrDefault(objectTypeId, Map.of()).values();
		return defs.stream()
			.filter((def) -> !def.archived())
			.sorted(java.util.Comparator.comparing(PropertyDef::name))
			.toList();
	}

	/**
	 * Returns the unique properties of a type.
	 * @param objectTypeId the type
	 * @return their names
	 */
	public List<String> uniqueProperties(String objectTypeId) {
		return this.uniqueCache.computeIfAbsent(objectTypeId,
				(type) -> list(type).stream().filter(PropertyDef::hasUniqueValue).map(PropertyDef::name).toList());
	}

	/**
	 * Stores a definition (created, or restored from the journal).
	 * @param objectTypeId the type
	 * @param def the definition
	 * @param journaled whether to journal it
	 */
	public void put(String objectTypeId, PropertyDef def, boolean journaled) {
		this.properties.computeIfAbsent(objectTypeId, (k) -> new ConcurrentHashMap<>()).put(def.name(), def);
		this.uniqueCache.remove(objectTypeId);
		if (journaled) {
			this.journal.append(Journal.Entry.property(objectTypeId, def));
		}
	}

	/**
	 * Returns the groups of a type.
	 * @param objectTypeId the type
	 * @return group name to label
	 */
	public Map<String, String> groups(String objectTypeId) {
		return Map.copyOf(this.groups.getOrDefault(objectTypeId, Map.of()));
	}

	/**
	 * Stores a group.
	 * @param objectTypeId the type
	 * @param name the group
	 * @param label its label
	 * @param journaled whether to journal it
	 */
	public void putGroup(String objectTypeId, String name, String label, boolean journaled) {
		this.groups.computeIfAbsent(objectTypeId, (k) -> new ConcurrentHashMap<>()).put(name, label);
		if (journaled) {
			this.journal.append(Journal.Entry.group(objectTypeId, name, label));
		}
	}

	/**
	 * Returns the custom definitions, for a snapshot.
	 * @return type to custom definitions
	 */
	public Map<String, List<PropertyDef>> custom() {
		Map<String, List<PropertyDef>> custom = new java.util.LinkedHashMap<>();
		this.properties.forEach((type, defs) -> custom.put(type,
				defs.values().stream().filter((def) -> !def.hubspotDefined() || def.archived()).toList()));
		return custom;
	}

	/**
	 * Returns the clock.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

}
