package dev.hubsync.chaos.run;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.hubsync.chaos.check.Violation;
import dev.hubsync.chaos.faults.FaultRecord;
import org.jspecify.annotations.Nullable;

/**
 * What a run found.
 *
 * @param profile the profile
 * @param seed the seed
 * @param jvms JVMs at once
 * @param startup how long the stack took to start
 * @param active how long the workload and faults ran
 * @param convergence from the end of the last fault to both sides agreeing, or
 * {@code null} when they did not within the timeout
 * @param faults the faults injected
 * @param changes changes the workload made
 * @param failedWrites workload writes that failed (kept as uncertain or dropped)
 * @param operations each operation's count
 * @param events records the sync consumed from its input topics
 * @param eventsPerSecond those, per second of the active period and convergence
 * @param hubspotCalls HubSync's HubSpot API calls (every status)
 * @param rateLimited of which answered 429
 * @param records records the workload created
 * @param violations every invariant that does not hold
 * @param cores the machine's cores
 * @param loadAverage the one-minute load average at the end of the active period
 */
public record RunResult(Profile profile, long seed, int jvms, Duration startup, Duration active,
		@Nullable Duration convergence, List<FaultRecord> faults, long changes, long failedWrites,
		Map<String, Long> operations, long events, double eventsPerSecond, long hubspotCalls, long rateLimited,
		int records, List<Violation> violations, int cores, double loadAverage) {

	/**
	 * Tells whether every invariant holds.
	 * @return whether the run passed
	 */
	public boolean passed() {
		return this.convergence != null && failures().isEmpty();
	}

	/**
	 * Returns the violations no fault justifies.
	 * @return the failures
	 */
	public List<Violation> failures() {
		return this.violations.stream().filter((v) -> v.justification() == null).toList();
	}

}
