package dev.hubsync.publisher;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The publisher's configuration ({@code hubsync.publisher.*}). The database is Spring's
 * {@code spring.datasource.*}: its role needs REPLICATION and, for the default settings,
 * owns the captured tables (to create the publication and set the replica identity).
 *
 * @param tables the captured tables, {@code schema.table} or {@code table} (public)
 * @param slotName the replication slot; one active engine per slot
 * @param publicationName the publication, created with the captured tables if missing
 * @param snapshotMode Debezium's snapshot mode for the first start ({@code initial}:
 * existing rows are published as snapshot reads; {@code no_data}: only changes from now)
 * @param replicaIdentity {@code check} (default) warns when a table lacks
 * {@code REPLICA IDENTITY FULL}, which a migration sets (updates and deletes then carry
 * the whole old row); {@code full} sets it at start-up (the role must own the tables);
 * {@code leave} does nothing
 * @param pollInterval how often the engine polls for changes (latency)
 * @param maxBatchSize most changes handed over in one batch
 * @param publishTimeout how long a batch may wait for Kafka's acknowledgements before the
 * engine restarts from its last committed offset
 * @param offsetFlushInterval how often acknowledged offsets are stored (a crash replays
 * at most this much, as duplicates)
 * @param offsetsReplicationFactor replication factor of the offsets topic
 * @param heartbeatInterval heartbeats that let a quiet database release WAL
 * @param errorsMaxRetries how often the connector retries a failing connection before the
 * engine stops (Debezium retries forever by default)
 * @param lockPollInterval how often a standby tries to take over the slot
 * @param restartBackoff wait before a failed engine is started again
 * @param partitions partitions of the local changes topic when created here
 * @param slotLagInterval how often the slot's lag is measured
 */
@ConfigurationProperties("hubsync.publisher")
@Validated
public record PublisherProperties(@DefaultValue( {
		"public.leads", "public.companies", "public.deals", "public.tasks", "public.notes",
		"public.tickets" }) @NotEmpty List<String> tables,
		@DefaultValue("hubsync_publisher") @Pattern(regexp = "[a-z0-9_]{1,63}") String slotName,
		@DefaultValue("hubsync_publication") @Pattern(regexp = "[a-z0-9_]{1,63}") String publicationName,
		@DefaultValue("initial") @NotEmpty String snapshotMode,
		@DefaultValue("check") @Pattern(regexp = "full|check|leave") String replicaIdentity,
		@DefaultValue("50ms") @NotNull Duration pollInterval, @DefaultValue("4096") @Min(1) int maxBatchSize,
		@DefaultValue("30s") @NotNull Duration publishTimeout,
		@DefaultValue("1s") @NotNull Duration offsetFlushInterval,
		@DefaultValue("1") @Min(1) short offsetsReplicationFactor,
		@DefaultValue("10s") @NotNull Duration heartbeatInterval, @DefaultValue("10") @Min(0) int errorsMaxRetries,
		@DefaultValue("1s") @NotNull Duration lockPollInterval, @DefaultValue("5s") @NotNull Duration restartBackoff,
		@DefaultValue("6") @Min(1) int partitions, @DefaultValue("15s") @NotNull Duration slotLagInterval){
}
