package dev.hubsync.events.mapping;

/** Which way a field's values flow. */
public enum FieldDirection {

	/** Both ways. */
	BOTH,

	/** Platform to HubSpot only. */
	TO_HUBSPOT,

	/** HubSpot to platform only. */
	TO_PLATFORM;

	/**
	 * Tells whether values flow from the platform to HubSpot.
	 * @return whether this is {@link #BOTH} or {@link #TO_HUBSPOT}
	 */
	public boolean toHubSpot() {
		return this != TO_PLATFORM;
	}

	/**
	 * Tells whether values flow from HubSpot to the platform.
	 * @return whether this is {@link #BOTH} or {@link #TO_PLATFORM}
	 */
	public boolean toPlatform() {
		return this != TO_HUBSPOT;
	}

}
