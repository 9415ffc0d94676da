package dev.hubsync.worker;

/**
 * The HubSpot properties HubSync owns on every object type it syncs (ARCHITECTURE §4.3),
 * created at start-up when missing.
 */
public final class OwnProperties {

	/**
	 * The platform key, bare, of the row a record belongs to: written on records HubSync
	 * creates and stamped on HubSpot-born ones, so a lost link table can be rebuilt.
	 */
	public static final String RECORD_ID = "hubsync_record_id";

	/** The install id of the HubSync that created the record. */
	public static final String SOURCE_SYSTEM = "hubsync_source_system";

	private OwnProperties() {
	}

}
