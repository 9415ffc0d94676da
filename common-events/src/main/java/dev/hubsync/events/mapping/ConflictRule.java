package dev.hubsync.events.mapping;

/** Who wins a field when both sides changed it (ARCHITECTURE §7). */
public enum ConflictRule {

	/** HubSpot's value always wins. */
	HUBSPOT_WINS,

	/** The platform's value always wins. */
	PLATFORM_WINS,

	/**
	 * The later change wins: HubSpot's property timestamp against the row's change-time
	 * column.
	 */
	LATEST_WINS,

	/** Nothing is overwritten: both values are parked for review. */
	MANUAL

}
