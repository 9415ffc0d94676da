package dev.hubsync.emulator.crm;

import java.util.List;

/** Learns of record merges and permanent deletions (associations follow records). */
public interface RecordListener {

	/** Learns nothing. */
	RecordListener NONE = new RecordListener() {
	};

	/**
	 * Records were merged into one.
	 * @param objectTypeId the type
	 * @param mergedIds the records merged away
	 * @param survivorId the surviving record
	 */
	default void merged(String objectTypeId, List<Long> mergedIds, long survivorId) {
	}

	/**
	 * A record was permanently deleted.
	 * @param objectTypeId the type
	 * @param id the record
	 */
	default void deleted(String objectTypeId, long id) {
	}

}
