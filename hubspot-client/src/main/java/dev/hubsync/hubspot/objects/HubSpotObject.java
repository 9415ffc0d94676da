package dev.hubsync.hubspot.objects;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A CRM record as HubSpot returns it. Every property value is a string; a property asked
 * for but unset is present with a {@code null} value.
 *
 * @param id the record's id (a numeric string)
 * @param properties property values
 * @param propertiesWithHistory per property, its values newest first, when asked for
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 * @param archived whether it is archived
 * @param archivedAt when it was archived
 * @param isNew for upserts: whether the record was created
 */
public record HubSpotObject(String id, Map<String, @Nullable String> properties,
		@Nullable Map<String, List<PropertyHistory>> propertiesWithHistory, @Nullable Instant createdAt,
		@Nullable Instant updatedAt, boolean archived, @Nullable Instant archivedAt,
		@JsonProperty("new") @Nullable Boolean isNew) {

	/**
	 * Defaults the property map.
	 * @param id the id
	 * @param properties the properties
	 * @param propertiesWithHistory the history
	 * @param createdAt creation time
	 * @param updatedAt last change
	 * @param archived archived flag
	 * @param archivedAt archive time
	 * @param isNew the upsert flag
	 */
	public HubSpotObject {
		properties = (properties != null) ? properties : Map.of();
	}

	/**
	 * Returns one property's value.
	 * @param name the property
	 * @return the value, or {@code null}
	 */
	public @Nullable String property(String name) {
		return this.properties.get(name);
	}

	/**
	 * Returns when a property last changed, from its history.
	 * @param name the property
	 * @return the newest history entry's timestamp, or {@code null} without history
	 */
	public @Nullable Instant propertyChangedAt(String name) {
		if (this.propertiesWithHistory == null) {
			return null;
		}
		List<PropertyHistory> history = this.propertiesWithHistory.get(name);
		return (history == null || history.isEmpty()) ? null : history.get(0).timestamp();
	}

}
