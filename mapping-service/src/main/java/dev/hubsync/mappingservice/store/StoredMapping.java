package dev.hubsync.mappingservice.store;

import java.time.Instant;

import dev.hubsync.events.mapping.MappingConfig;
import org.jspecify.annotations.Nullable;

/**
 * One stored version.
 *
 * @param config the mapping, with its version
 * @param source {@code file} or {@code api}
 * @param createdAt when it was saved
 * @param publishedAt when Kafka acknowledged it on the mapping topic; null while pending
 */
public record StoredMapping(MappingConfig config, String source, Instant createdAt, @Nullable Instant publishedAt) {
}
