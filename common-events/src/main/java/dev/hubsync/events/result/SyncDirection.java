package dev.hubsync.events.result;

/** Which way a sync decision moved data. */
public enum SyncDirection {

	/** HubSpot to the platform. */
	INBOUND,

	/** The platform to HubSpot. */
	OUTBOUND

}
