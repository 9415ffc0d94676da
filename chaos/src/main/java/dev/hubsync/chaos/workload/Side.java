package dev.hubsync.chaos.workload;

/** The two sides HubSync keeps in sync. */
public enum Side {

	/** The product's PostgreSQL. */
	PLATFORM,

	/** HubSpot (the emulator). */
	HUBSPOT

}
