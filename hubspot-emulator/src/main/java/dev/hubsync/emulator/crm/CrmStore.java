package dev.hubsync.emulator.crm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.events.hubspot.ObjectTypes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * All records of all object types. Every stored version is journaled.
 */
public final class CrmStore {

	private final Map<String, ObjectTable> tables = new ConcurrentHashMap<>();

	private final PropertySchema schema;

	private final Journal journal;

	private final JsonMapper json;

	private final long idBase;

	/**
	 * Creates the store.
	 * @param schema the property schema
	 * @param journal the journal
	 * @param json the mapper
	 */
	public CrmStore(PropertySchema schema, Journal journal, JsonMapper json) {
		this(schema, journal, json, 0);
	}

	/**
	 * Creates the store with record ids from a base.
	 * @param schema the property schema
	 * @param journal the journal
	 * @param json the mapper
	 * @param idBase added to every type's first record id
	 */
	public CrmStore(PropertySchema schema, Journal journal, JsonMapper json, long idBase) {
		this.schema = schema;
		this.journal = journal;
		this.json = json;
		this.idBase = idBase;
	}

	/**
	 * Resolves an object type path segment ({@code contacts}, {@code 0-1}) to a known
	 * type.
	 * @param segment the path segment
	 * @return the object type id
	 * @throws ApiException 400 for an unknown type
	 */
	public String objectType(String segment) {
		return this.schema.objectType(segment);
	}

	ObjectTable table(String objectTypeId) {
		return this.tables.computeIfAbsent(objectTypeId, (type) -> new ObjectTable(type, this.idBase + firstId(type)));
	}

	/**
	 * Finds a record by id, following merges.
	 * @param objectTypeId the type
	 * @param id the id
	 * @return the record, archived or not
	 */
	public Optional<StoredObject> find(String objectTypeId, long id) {
		return table(objectTypeId).resolve(id);
	}

	/**
	 * Returns every record of a type.
	 * @param objectTypeId the type
	 * @return the records, by id
	 */
	public List<StoredObject> all(String objectTypeId) {
		return new ArrayList<>(table(objectTypeId).all());
	}

	/**
	 * Counts the records of a type.
	 * @param objectTypeId the type
	 * @return the count
	 */
	public int count(String objectTypeId) {
		return table(objectTypeId).size();
	}

	void store(StoredObject object) {
		table(object.objectTypeId()).put(object, this.schema.uniqueProperties(object.objectTypeId()));
		this.journal.append(new Journal.Entry("object", object.objectTypeId(), object.withoutPrevious()));
	}

	void delete(String objectTypeId, long id) {
		table(objectTypeId).remove(id, this.schema.uniqueProperties(objectTypeId));
		this.journal.append(new Journal.Entry("object-deleted", objectTypeId, Map.of("id", id)));
	}

	/** Forgets every record. */
	public void reset() {
		this.tables.values().forEach(ObjectTable::clear);
		this.tables.clear();
	}

	/**
	 * Applies a replayed journal entry.
	 * @param entry the entry
	 */
	public void replay(Journal.Entry entry) {
		String type = entry.type();
		if (type == null) {
			return;
		}
		if ("object".equals(entry.kind())) {
			StoredObject object = this.json.treeToValue((JsonNode) entry.data(), StoredObject.class);
			table(type).put(object, this.schema.uniqueProperties(type));
		}
		else if ("object-deleted".equals(entry.kind())) {
			table(type).remove(((JsonNode) entry.data()).get("id").asLong(), this.schema.uniqueProperties(type));
		}
	}

	/**
	 * Describes the current records, for compaction.
	 * @return one entry per record
	 */
	public List<Journal.Entry> snapshot() {
		List<Journal.Entry> entries = new ArrayList<>();
		this.tables.forEach((type, table) -> table.all()
			.forEach((object) -> entries.add(new Journal.Entry("object", type, object.withoutPrevious()))));
		return entries;
	}

	PropertySchema schema() {
		return this.schema;
	}

	private static long firstId(String objectTypeId) {
		return switch (objectTypeId) {
			case ObjectTypes.CONTACTS -> 1001;
			case ObjectTypes.COMPANIES -> 2001;
			case ObjectTypes.DEALS -> 3001;
			default -> 9001;
		};
	}

}
