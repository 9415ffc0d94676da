package dev.hubsync.worker.mapping;

/**
 * A mapping version came into force (a Spring event, published on the follower's thread):
 * what keeps state per object type — metrics tagged by type — learns of a type from it,
 * so a new object type needs only its mapping.
 *
 * @param objectTypeId the object type
 * @param version the version now in force
 */
public record MappingInForce(String objectTypeId, long version) {
}
