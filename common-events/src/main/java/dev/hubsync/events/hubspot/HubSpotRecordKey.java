package dev.hubsync.events.hubspot;

import dev.hubsync.events.EventFormatException;

/**
 * The Kafka key of a HubSpot record: {@code {portalId}:{objectTypeId}:{objectId}}, e.g.
 * {@code 100000:0-1:512}. Every event of one record carries the same key, which gives
 * per-record order.
 *
 * @param portalId the HubSpot account
 * @param objectTypeId the object type, e.g. {@code 0-1}
 * @param objectId the record's id
 */
public record HubSpotRecordKey(long portalId, String objectTypeId, long objectId) {

	/**
	 * Validates the parts.
	 * @param portalId the HubSpot account
	 * @param objectTypeId the object type
	 * @param objectId the record's id
	 */
	public HubSpotRecordKey {
		if (!ObjectTypes.isObjectTypeId(objectTypeId)) {
			throw new EventFormatException("objectTypeId", "not an object type id: '" + objectTypeId + "'");
		}
	}

	/**
	 * Parses a key.
	 * @param key the key's text
	 * @return the key
	 * @throws EventFormatException when the text is not a record key
	 */
	public static HubSpotRecordKey parse(String key) {
		String[] parts = key.split(":", -1);
		if (parts.length != 3) {
			throw new EventFormatException("key", "not a HubSpot record key: '" + key + "'");
		}
		try {
			return new HubSpotRecordKey(Long.parseLong(parts[0]), parts[1], Long.parseLong(parts[2]));
		}
		catch (NumberFormatException ex) {
			throw new EventFormatException("key", "not a HubSpot record key: '" + key + "'", ex);
		}
	}

	/**
	 * Returns the key's text.
	 * @return {@code {portalId}:{objectTypeId}:{objectId}}
	 */
	@Override
	public String toString() {
		return this.portalId + ":" + this.objectTypeId + ":" + this.objectId;
	}

}
