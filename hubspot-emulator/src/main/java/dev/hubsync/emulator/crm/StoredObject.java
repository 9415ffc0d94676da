package dev.hubsync.emulator.crm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.jspecify.annotations.Nullable;

/**
 * One version of a CRM record, immutable: every write stores a new version. The version
 * before the latest write is kept as {@code previous} (not journaled) so search can lag
 * behind writes as HubSpot's index does.
 *
 * @param id the record id
 * @param objectTypeId its object type
 * @param properties current values (never {@code null} values: a cleared value is absent)
 * @param history per property, its values newest first
 * @param createdAt when created
 * @param updatedAt when last written
 * @param archived whether archived
 * @param archivedAt when archived
 * @param mergedInto for a record merged away: the id of the record it now resolves to
 * @param previous the version before the latest write, for search's index delay
 */
public record StoredObject(long id, String objectTypeId, Map<String, String> properties,
		Map<String, List<HistoryEntry>> history, Instant createdAt, Instant updatedAt, boolean archived,
		@Nullable Instant archivedAt, @Nullable Long mergedInto, @JsonIgnore @Nullable StoredObject previous) {

	/** History entries kept per property. */
	static final int HISTORY_DEPTH = 20;

	/**
	 * Freezes the maps.
	 * @param id the id
	 * @param objectTypeId the type
	 * @param properties the properties
	 * @param history the history
	 * @param createdAt creation time
	 * @param updatedAt update time
	 * @param archived archived flag
	 * @param archivedAt archive time
	 * @param mergedInto merge target
	 * @param previous the previous version
	 */
	public StoredObject {
		properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
		history = Collections.unmodifiableMap(new LinkedHashMap<>(history));
	}

	/**
	 * Returns a new version with changed values.
	 * @param changes property to new value ({@code ""} clears)
	 * @param at when
	 * @param sourceType the change source
	 * @param sourceId the source detail
	 * @return the new version, pointing at this one as previous
	 */
	StoredObject write(Map<String, String> changes, Instant at, String sourceType, @Nullable String sourceId) {
		Map<String, String> values = new LinkedHashMap<>(this.properties);
		Map<String, List<HistoryEntry>> newHistory = new LinkedHashMap<>(this.history);
		changes.forEach((name, value) -> {
			if (value.isEmpty()) {
				values.remove(name);
			}
			else {
				values.put(name, value);
			}
			List<HistoryEntry> entries = new ArrayList<>();
			entries.add(new HistoryEntry(value, at, sourceType, sourceId));
			entries.addAll(newHistory.getOrDefault(name, List.of()));
			newHistory.put(name, List.copyOf(entries.subList(0, Math.min(entries.size(), HISTORY_DEPTH))));
		});
		return new StoredObject(this.id, this.objectTypeId, values, newHistory, this.createdAt, at, this.archived,
				this.archivedAt, this.mergedInto, withoutPrevious());
	}

	/**
	 * Returns this version archived or restored.
	 * @param flag whether archived
	 * @param at when
	 * @return the new version
	 */
	StoredObject archived(boolean flag, Instant at) {
		return new StoredObject(this.id, this.objectTypeId, this.properties, this.history, this.createdAt, at, flag,
				flag ? at : null, this.mergedInto, withoutPrevious());
	}

	/**
	 * Returns this version merged into another record.
	 * @param target the surviving record
	 * @param at when
	 * @return the new version, archived
	 */
	StoredObject mergedInto(long target, Instant at) {
		return new StoredObject(this.id, this.objectTypeId, this.properties, this.history, this.createdAt, at, true, at,
				target, withoutPrevious());
	}

	/**
	 * Returns this version without its predecessor, so versions do not chain.
	 * @return the version alone
	 */
	StoredObject withoutPrevious() {
		return (this.previous == null) ? this : new StoredObject(this.id, this.objectTypeId, this.properties,
				this.history, this.createdAt, this.updatedAt, this.archived, this.archivedAt, this.mergedInto, null);
	}

}
