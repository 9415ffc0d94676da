package dev.hubsync.mappingservice.mappings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.error.HubSpotException;
import dev.hubsync.hubspot.pipelines.Pipeline;
import dev.hubsync.hubspot.properties.PropertyCreate;
import dev.hubsync.hubspot.properties.PropertyDefinition;
import dev.hubsync.hubspot.properties.PropertyGroup;

import org.springframework.stereotype.Component;

/** HubSpot's property definitions, read live (they change in HubSpot's UI). */
@Component
public class HubSpotSchema {

	/** The property group HubSync creates its own properties in. */
	public static final String GROUP = "hubsync";

	private final HubSpotClient hubspot;

	HubSpotSchema(HubSpotClient hubspot) {
		this.hubspot = hubspot;
	}

	/**
	 * Returns an object type's properties.
	 * @param objectTypeId the object type
	 * @return the properties by name
	 * @throws HubSpotUnavailableException when HubSpot cannot be asked
	 */
	public Map<String, PropertyDefinition> properties(String objectTypeId) {
		try {
			Map<String, PropertyDefinition> byName = new LinkedHashMap<>();
			for (PropertyDefinition property : this.hubspot.properties().list(ObjectTypes.pathName(objectTypeId))) {
				byName.put(property.name(), property);
			}
			return byName;
		}
		catch (HubSpotException ex) {
			throw new HubSpotUnavailableException("reading the properties of " + objectTypeId, ex);
		}
	}

	/**
	 * Returns an object type's pipelines with their stages.
	 * @param objectTypeId the object type
	 * @return the pipelines; none for a type without pipelines
	 * @throws HubSpotUnavailableException when HubSpot cannot be asked
	 */
	public List<Pipeline> pipelines(String objectTypeId) {
		try {
			return this.hubspot.pipelines().list(ObjectTypes.pathName(objectTypeId));
		}
		catch (HubSpotClientException ex) {
			if (ex.status() == 400 || ex.status() == 404) {
				return List.of(); // a type without pipelines
			}
			throw new HubSpotUnavailableException("reading the pipelines of " + objectTypeId, ex);
		}
		catch (HubSpotException ex) {
			throw new HubSpotUnavailableException("reading the pipelines of " + objectTypeId, ex);
		}
	}

	/**
	 * Creates properties unless they exist, in HubSync's group.
	 * @param objectTypeId the object type
	 * @param properties the properties
	 * @return the names created (the others existed)
	 * @throws HubSpotUnavailableException when HubSpot cannot be asked
	 */
	public List<String> ensure(String objectTypeId, List<PropertyCreate> properties) {
		String type = ObjectTypes.pathName(objectTypeId);
		try {
			this.hubspot.properties().ensureGroup(type, new PropertyGroup(GROUP, "HubSync", null));
			Map<String, PropertyDefinition> existing = properties(objectTypeId);
			List<String> created = new java.util.ArrayList<>();
			for (PropertyCreate property : properties) {
				if (!existing.containsKey(property.name())) {
					this.hubspot.properties().ensure(type, property);
					created.add(property.name());
				}
			}
			return created;
		}
		catch (HubSpotException ex) {
			throw new HubSpotUnavailableException("creating properties of " + objectTypeId, ex);
		}
	}

}
