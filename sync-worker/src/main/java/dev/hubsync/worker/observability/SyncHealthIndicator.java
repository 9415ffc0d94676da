package dev.hubsync.worker.observability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The sync's own health ({@code sync} in {@code /actuator/health}): {@code DEGRADED}
 * while a partition's batch has been failing (or in hand without finishing) for longer
 * than {@code hubsync.worker.retry.degraded-after}, with each stalled partition, its
 * first record's key and the cause; {@code UP} otherwise. DEGRADED answers HTTP 200 and
 * is not part of readiness: a replica that consumes and retries is kept in service
 * (taking it out would only move its partitions to another replica that meets the same
 * cause).
 */
public class SyncHealthIndicator implements HealthIndicator {

	/** The status of a worker that runs but whose sync does not advance somewhere. */
	public static final Status DEGRADED = new Status("DEGRADED", "a partition's sync is not advancing");

	private final Stalls stalls;

	/**
	 * Creates the indicator.
	 * @param stalls what the partitions wait on
	 */
	public SyncHealthIndicator(Stalls stalls) {
		this.stalls = stalls;
	}

	@Override
	public Health health() {
		List<Stalls.Stall> degrading = this.stalls.degrading();
		Health.Builder health = degrading.isEmpty() ? Health.up() : Health.status(DEGRADED);
		Map<String, String> ages = new LinkedHashMap<>();
		this.stalls.ages().forEach((partition, age) -> ages.put(partition, age.withNanos(0).toString()));
		health.withDetail("oldestUnprocessedAge", ages);
		if (!degrading.isEmpty()) {
			health.withDetail("stalled",
					degrading.stream()
						.map((stall) -> stall.direction() + " partition " + stall.partition() + " for "
								+ stall.failingFor() + " (" + stall.failures() + " failed attempt(s)), key "
								+ stall.key() + " at offset " + stall.offset() + ": " + stall.cause())
						.toList());
		}
		return health.build();
	}

}
