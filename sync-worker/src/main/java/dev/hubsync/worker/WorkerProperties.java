package dev.hubsync.worker;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker's configuration ({@code hubsync.worker.*}).
 *
 * @param installId this installation's name, written to HubSpot's
 * {@code hubsync_source_system}
 * @param partitions partitions of the topics the worker creates
 * @param processedRetention how long applied event identities are remembered (HubSpot
 * retries for about a day)
 * @param syncLogRetention how long the sync log keeps decisions
 * @param cleanupInterval how often expired identities and log rows are removed
 * @param inbound the HubSpot-to-platform direction
 * @param retry back-off of batches that failed transiently
 * @param guard the mass-deletion guard
 * @param poller the reconciliation poller
 * @param outbound the platform-to-HubSpot direction
 * @param bulk the bulk sync
 * @param reconcile reconcile runs
 * @param authProbeInterval how often a direction paused because HubSpot refuses the
 * credentials checks whether it accepts them again
 * @param resync resynchronisations by search requested on
 * {@code hubsync.sync.requests.v1}
 */
@ConfigurationProperties("hubsync.worker")
@Validated
public record WorkerProperties(@DefaultValue("hubsync") @NotBlank String installId,
		@DefaultValue("6") @Min(1) int partitions, @DefaultValue("3d") @NotNull Duration processedRetention,
		@DefaultValue("30d") @NotNull Duration syncLogRetention, @DefaultValue("10m") @NotNull Duration cleanupInterval,
		@DefaultValue @Valid Inbound inbound, @DefaultValue @Valid Retry retry, @DefaultValue @Valid Guard guard,
		@DefaultValue @Valid Poller poller, @DefaultValue @Valid Outbound outbound, @DefaultValue @Valid Bulk bulk,
		@DefaultValue @Valid Reconcile reconcile, @DefaultValue("1m") @NotNull Duration authProbeInterval,
		@DefaultValue @Valid Resync resync) {

	/**
	 * Resynchronisations by search that another service requests (the ingress's journal
	 * reader, when it fell behind HubSpot's journal retention): the poller's watermarks
	 * go back to the request's time and it polls at once.
	 *
	 * @param enabled whether the worker answers such requests
	 * @param groupId the consumer group (one instance answers each request)
	 */
	public record Resync(@DefaultValue("true") boolean enabled,
			@DefaultValue("hubsync-worker-resync") @NotBlank String groupId) {
	}

	/**
	 * Back-off of a batch that failed transiently (retried without end).
	 *
	 * @param initialBackoff the first wait
	 * @param maxBackoff the longest wait; at most half the consumer's
	 * {@code max.poll.interval.ms} (a failed batch sleeps it on the consumer thread; a
	 * longer one fails the start)
	 * @param degradedAfter how long a partition's batch may keep failing, or its oldest
	 * unprocessed event wait, before the worker's health reports DEGRADED
	 * @param reportInterval how often each partition still retrying is logged at WARN
	 * with its cause, whatever the back-off
	 */
	public record Retry(@DefaultValue("1s") @NotNull Duration initialBackoff,
			@DefaultValue("1m") @NotNull Duration maxBackoff, @DefaultValue("2m") @NotNull Duration degradedAfter,
			@DefaultValue("1m") @NotNull Duration reportInterval) {
	}

	/**
	 * The outbound direction.
	 *
	 * @param enabled whether the worker writes platform changes to HubSpot
	 * @param groupId the consumer group
	 * @param linger how long a poll waits for more changes
	 * @param maxBatch most changes per batch
	 * @param createProperties whether the worker creates {@code hubsync_record_id} and
	 * {@code hubsync_source_system} when HubSpot lacks them (otherwise it stops with a
	 * message)
	 * @param readBeforeWrite whether updates read the HubSpot values they would overwrite
	 * first, so a HubSpot change not yet received is judged by the mapping's rule instead
	 * of overwritten (one read per 100 records)
	 * @param archiveOnDelete whether a row deleted with SQL {@code DELETE} archives its
	 * HubSpot record (otherwise the pair is unlinked and the record kept)
	 * @param callsInFlight how many write calls of one batch (100 records each) may wait
	 * for HubSpot at once; the rate budget still paces them. One call at a time would cap
	 * a worker at 100 records per round trip, far below the rate limit when HubSpot takes
	 * a few hundred milliseconds to answer
	 * @param mergeRounds how many times a batch merges a record again when the other
	 * direction changed its link meanwhile, before the batch is retried
	 * @param shutdownGrace how long a stopping worker lets its HubSpot calls in flight
	 * finish
	 */
	public record Outbound(@DefaultValue("true") boolean enabled,
			@DefaultValue("hubsync-worker-outbound") @NotBlank String groupId,
			@DefaultValue("200ms") @NotNull Duration linger, @DefaultValue("500") @Min(1) int maxBatch,
			@DefaultValue("true") boolean createProperties, @DefaultValue("true") boolean readBeforeWrite,
			@DefaultValue("true") boolean archiveOnDelete, @DefaultValue("4") @Min(1) @Max(16) int callsInFlight,
			@DefaultValue("3") @Min(1) int mergeRounds, @DefaultValue("30s") @NotNull Duration shutdownGrace) {
	}

	/**
	 * The reconciliation poller (ARCHITECTURE §10).
	 *
	 * @param enabled whether it runs
	 * @param interval time between runs (the first runs {@code initial-delay} after
	 * start-up)
	 * @param initialDelay wait after start-up
	 * @param initialLookback how far back the first run of an object type looks
	 * @param overlap how far behind the watermark each run starts again, and how far from
	 * now the watermark stays (HubSpot's search index trails writes)
	 * @param rereadWritten whether a record the sync wrote a mapped field of since its
	 * history was last read is read again with history (once, 50 records a call, in the
	 * background lane): HubSpot has no conditional write, and an edit made between the
	 * sync's read and its write, whose webhook was lost, is found no other way
	 */
	public record Poller(@DefaultValue("true") boolean enabled, @DefaultValue("1h") @NotNull Duration interval,
			@DefaultValue("5s") @NotNull Duration initialDelay, @DefaultValue("1h") @NotNull Duration initialLookback,
			@DefaultValue("5s") @NotNull Duration overlap, @DefaultValue("true") boolean rereadWritten) {
	}

	/**
	 * The bulk sync: links records that exist on one side only, on first start and on
	 * demand.
	 *
	 * @param onFirstStart whether the worker runs one, both ways, the first time it
	 * starts against a database
	 * @param pageSize rows read and events published per page
	 * @param progressInterval how often progress is measured and logged
	 * @param stallTimeout how long a phase may go without progress before it is reported
	 * stalled (records that cannot be written are in the dead-letter topics)
	 * @param maxAhead most published events the workers have not consumed yet: the bulk
	 * sync publishes its next page only below it, so live changes never queue behind a
	 * whole table and the publishing does not starve the writing of CPU
	 * @param aheadCheckInterval how often the consumer group's position is read while the
	 * bulk sync waits below {@code max-ahead}
	 */
	public record Bulk(@DefaultValue("true") boolean onFirstStart, @DefaultValue("1000") @Min(1) int pageSize,
			@DefaultValue("5s") @NotNull Duration progressInterval, @DefaultValue("2m") @NotNull Duration stallTimeout,
			@DefaultValue("5000") @Min(1) int maxAhead, @DefaultValue("100ms") @NotNull Duration aheadCheckInterval) {
	}

	/**
	 * The mass-deletion guard (ARCHITECTURE §8).
	 *
	 * @param maxDeletions deletions per object type in the window before further ones are
	 * parked (0: off)
	 * @param window the sliding window
	 */
	public record Guard(@DefaultValue("100") @Min(0) int maxDeletions, @DefaultValue("1m") @NotNull Duration window) {
	}

	/**
	 * The inbound direction.
	 *
	 * @param groupId the consumer group
	 * @param linger how long a poll waits for more events so bursts coalesce
	 * @param maxBatch most events per batch
	 * @param concurrency consumer threads
	 * @param readChunk ids per HubSpot batch read (HubSpot allows 100)
	 * @param historyReadChunk ids per HubSpot batch read that asks for property history
	 * (HubSpot allows 50)
	 * @param stampLockTimeout how long stamping {@code hubsync_record_id} waits for the
	 * outbound direction writing the same records (it holds them for one write); past it,
	 * the batch is retried
	 */
	public record Inbound(@DefaultValue("hubsync-worker-inbound") @NotBlank String groupId,
			@DefaultValue("200ms") @NotNull Duration linger, @DefaultValue("500") @Min(1) int maxBatch,
			@DefaultValue("1") @Min(1) int concurrency, @DefaultValue("100") @Min(1) @Max(100) int readChunk,
			@DefaultValue("50") @Min(1) @Max(100) int historyReadChunk,
			@DefaultValue("30s") @NotNull Duration stampLockTimeout) {
	}

	/**
	 * Reconcile runs (started through the admin API or {@code hubsync-ops reconcile}).
	 *
	 * @param pageSize platform rows read per query
	 * @param maxReported drift entries a run keeps for its report (all are counted and
	 * healed)
	 * @param keptRuns finished runs kept in memory for the admin API
	 */
	public record Reconcile(@DefaultValue("500") @Min(1) int pageSize, @DefaultValue("10000") @Min(1) int maxReported,
			@DefaultValue("20") @Min(1) int keptRuns) {
	}

}
