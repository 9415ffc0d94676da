package dev.hubsync.chaos.workload;

import java.time.Duration;

/**
 * How much the workload does.
 *
 * @param seed the seed of every choice it makes
 * @param rate operations started per second, whatever the system's speed (open loop)
 * @param duration how long it runs once HubSync is up
 * @param bornBefore records created on each side before HubSync starts
 * @param threads how many operations may be in flight at once
 * @param poisonFixDelay how long a refused value stays before the workload writes a valid
 * one
 * @param operations the operations it chooses from (their weights as given)
 */
public record WorkloadSettings(long seed, double rate, Duration duration, int bornBefore, int threads,
		Duration poisonFixDelay, java.util.Set<Operation> operations) {

	/**
	 * Validates the settings.
	 * @param seed the seed
	 * @param rate the rate
	 * @param duration the duration
	 * @param bornBefore the records born before the start
	 * @param threads the threads
	 * @param poisonFixDelay the poison fix delay
	 * @param operations the operations
	 */
	public WorkloadSettings {
		operations = java.util.Set.copyOf(operations);
		if (operations.isEmpty()) {
			throw new IllegalArgumentException("the workload needs at least one operation");
		}
		if (rate <= 0 || rate > 1000) {
			throw new IllegalArgumentException("rate must be in (0, 1000] operations per second, not " + rate);
		}
		if (duration.isNegative() || bornBefore < 0 || threads < 1) {
			throw new IllegalArgumentException("duration, bornBefore and threads must not be negative");
		}
	}

}
