package dev.hubsync.emulator.schema;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.storage.Journal;

/**
 * Every object type's property definitions and groups: HubSpot's defaults and custom
 * ones. Custom definitions are journaled, so a durable emulator keeps them.
 */
public final class PropertySchema {

	private final Map<String, Map<String, PropertyDef>> properties = new ConcurrentHashMap<>();

	private final Map<String, Map<String, String>> groups = new ConcurrentHashMap<>();

	private final Map<String, List<String>> uniqueCache = new ConcurrentHashMap<>();

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
