package dev.hubsync.hubspot.properties;

import java.util.List;
import java.util.Optional;

import dev.hubsync.hubspot.error.HubSpotConflictException;
import dev.hubsync.hubspot.error.HubSpotNotFoundException;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.transport.HubSpotRequest;
import dev.hubsync.hubspot.transport.HubSpotTransport;

/**
 * The properties API ({@code /crm/properties/2026-09/{type}}, or
 * {@code /crm/v3/properties/{type}} in the legacy family).
 */
public final class PropertiesClient {

	private final HubSpotTransport transport;

	private final Lane lane;

	/**
	 * Creates the client; use {@code HubSpotClient#properties()}.
	 * @param transport the transport
	 * @param lane the lane of its calls
	 */
	public PropertiesClient(HubSpotTransport transport, Lane lane) {
		this.transport = transport;
		this.lane = lane;
	}

	/**
	 * Lists an object type's properties (HubSpot does not page them).
	 * @param objectType the object type
	 * @return the definitions
	 */
	public List<PropertyDefinition> list(String objectType) {
		return this.transport
			.send(HubSpotRequest.get("properties.list", this.transport.paths().properties(objectType)).build(),
					this.lane, Definitions.class)
			.results();
	}

	/**
	 * Reads one property.
	 * @param objectType the object type
	 * @param name the property
	 * @return the definition, or empty when it does not exist
	 */
	public Optional<PropertyDefinition> get(String objectType, String name) {
		try {
			return Optional.of(this.transport.send(
					HubSpotRequest.get("properties.get", this.transport.paths().property(objectType, name)).build(),
					this.lane, PropertyDefinition.class));
		}
		catch (HubSpotNotFoundException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Creates a property.
	 * @param objectType the object type
	 * @param property the property
	 * @return its definition
	 */
	public PropertyDefinition create(String objectType, PropertyCreate property) {
		return this.transport
			.send(HubSpotRequest.post("properties.create", this.transport.paths().properties(objectType), property)
				.build(), this.lane, PropertyDefinition.class);
	}

	/**
	 * Creates a property unless one of that name exists.
	 * @param objectType the object type
	 * @param property the property
	 * @return the existing or created definition
	 */
	public PropertyDefinition ensure(String objectType, PropertyCreate property) {
		Optional<PropertyDefinition> existing = get(objectType, property.name());
		if (existing.isPresent()) {
			return existing.get();
		}
		try {
			return create(objectType, property);
		}
		catch (HubSpotConflictException ex) {
			return get(objectType, property.name()).orElseThrow(() -> ex);
		}
	}

	/**
	 * Lists an object type's property groups.
	 * @param objectType the object type
	 * @return the groups
	 */
	public List<PropertyGroup> groups(String objectType) {
		return this.transport
			.send(HubSpotRequest.get("properties.groups", this.transport.paths().propertyGroups(objectType)).build(),
					this.lane, Groups.class)
			.results();
	}

	/**
	 * Creates a property group unless one of that name exists.
	 * @param objectType the object type
	 * @param group the group
	 */
	public void ensureGroup(String objectType, PropertyGroup group) {
		if (groups(objectType).stream().anyMatch((existing) -> existing.name().equals(group.name()))) {
			return;
		}
		try {
			this.transport.send(HubSpotRequest
				.post("properties.groups.create", this.transport.paths().propertyGroups(objectType), group)
				.build(), this.lane);
		}
		catch (HubSpotConflictException ex) {
			// created meanwhile by another process: what we wanted
		}
	}

	record Definitions(List<PropertyDefinition> results) {

		Definitions {
			results = (results != null) ? results : List.of();
		}

	}

	record Groups(List<PropertyGroup> results) {

		Groups {
			results = (results != null) ? results : List.of();
		}

	}

}
