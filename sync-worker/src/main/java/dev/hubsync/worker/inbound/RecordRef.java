package dev.hubsync.worker.inbound;

/**
 * A HubSpot record an inbound batch has events for.
 *
 * @param objectTypeId its object type
 * @param objectId its id
 */
record RecordRef(String objectTypeId, long objectId) {
}
