package dev.hubsync.emulator.crm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.hubsync.events.hubspot.ObjectTypes;

/**
 * The records of one object type with their unique-value indexes. Reads are lock-free
 * (records are immutable versions); writes hold {@link #lock()} so a batch validates and
 * applies as one.
 *
 * <p>
 * A contact's {@code email} and every address of its {@code hs_additional_emails} share
 * one case-insensitive namespace; other unique properties are exact. Archived records
 * keep their values out of the indexes.
 */
final class ObjectTable {

	/** The index key of the contact email namespace. */
	static final String EMAIL_INDEX = "email";

	private final String objectTypeId;

	private final ConcurrentSkipListMap<Long, StoredObject> records = new ConcurrentSkipListMap<>();

	private final Map<String, Map<String, Long>> unique = new ConcurrentHashMap<>();

	private final AtomicLong nextId;

	private final ReentrantLock lock = new ReentrantLock();

	ObjectTable(String objectTypeId, long firstId) {
		this.objectTypeId = objectTypeId;
		this.nextId = new AtomicLong(firstId);
	}

	ReentrantLock lock() {
		return this.lock;
	}

	long nextId() {
		return this.nextId.getAndIncrement();
	}

	StoredObject raw(long id) {
		return this.records.get(id);
	}

	/**
	 * Returns the record an id resolves to: itself, or the record it was merged into.
	 * @param id the id
	 * @return the record, archived or not
	 */
	Optional<StoredObject> resolve(long id) {
		StoredObject object = this.records.get(id);
		int hops = 0;
		while (object != null && object.mergedInto() != null && hops++ < 10) {
			object = this.records.get(object.mergedInto());
		}
		return Optional.ofNullable(object);
	}

	Collection<StoredObject> all() {
		return this.records.values();
	}

	int size() {
		return this.records.size();
	}

	/**
	 * Stores a version, moving its unique values in the indexes.
	 * @param object the new version
	 * @param uniqueProperties the type's unique properties
	 */
	void put(StoredObject object, List<String> uniqueProperties) {
		StoredObject old = this.records.put(object.id(), object);
		if (old != null) {
			unindex(old, uniqueProperties);
		}
		if (!object.archived()) {
			index(object, uniqueProperties);
		}
		this.nextId.accumulateAndGet(object.id() + 1, Math::max);
	}

	void remove(long id, List<String> uniqueProperties) {
		StoredObject old = this.records.remove(id);
		if (old != null) {
			unindex(old, uniqueProperties);
		}
	}

	void clear() {
		this.records.clear();
		this.unique.clear();
	}

	/**
	 * Finds the live record holding a unique value.
	 * @param property the property ({@code email} covers additional emails)
	 * @param value the value
	 * @return the record's id
	 */
	Optional<Long> findUnique(String property, String value) {
		String index = indexName(property);
		Map<String, Long> values = this.unique.get(index);
		return (values != null) ? Optional.ofNullable(values.get(key(index, value))) : Optional.empty();
	}

	/**
	 * Returns the unique keys a set of values claims.
	 * @param values property values
	 * @param uniqueProperties the type's unique properties
	 * @return index name to keys
	 */
	Map<String, List<String>> claims(Map<String, String> values, List<String> uniqueProperties) {
		Map<String, List<String>> claims = new HashMap<>();
		values.forEach((property, value) -> {
			if (value.isEmpty()) {
				return;
			}
			if (isEmailNamespace(property)) {
				for (String address : value.split(";")) {
					if (!address.isBlank()) {
						claims.computeIfAbsent(EMAIL_INDEX, (k) -> new ArrayList<>()).add(key(EMAIL_INDEX, address));
					}
				}
			}
			else if (uniqueProperties.contains(property)) {
				claims.computeIfAbsent(property, (k) -> new ArrayList<>()).add(key(property, value));
			}
		});
		return claims;
	}

	Optional<Long> holder(String index, String key) {
		Map<String, Long> values = this.unique.get(index);
		return (values != null) ? Optional.ofNullable(values.get(key)) : Optional.empty();
	}

	private void index(StoredObject object, List<String> uniqueProperties) {
		claims(object.properties(), uniqueProperties).forEach((index, keys) -> keys.forEach(
				(key) -> this.unique.computeIfAbsent(index, (k) -> new ConcurrentHashMap<>()).put(key, object.id())));
	}

	private void unindex(StoredObject object, List<String> uniqueProperties) {
		claims(object.properties(), uniqueProperties).forEach((index, keys) -> {
			Map<String, Long> values = this.unique.get(index);
			if (values != null) {
				keys.forEach((key) -> values.remove(key, object.id()));
			}
		});
	}

	private boolean isEmailNamespace(String property) {
		return ObjectTypes.CONTACTS.equals(this.objectTypeId)
				&& ("email".equals(property) || "hs_additional_emails".equals(property));
	}

	private String indexName(String property) {
		return isEmailNamespace(property) ? EMAIL_INDEX : property;
	}

	static String key(String index, String value) {
		return EMAIL_INDEX.equals(index) ? value.trim().toLowerCase(Locale.ROOT) : value;
	}

}
