package dev.hubsync.hubspot.transport;

import java.time.Duration;

/**
 * How transient failures are retried.
 *
 * @param maxAttempts attempts in all, the first included (6)
 * @param initialBackoff the first wait (500 ms)
 * @param maxBackoff the longest wait (30 s)
 * @param multiplier growth per attempt (2)
 * @param jitter the random share of each wait, 0 to 1 (0.5: a wait is 50–100 % of its
 * nominal)
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff, double multiplier,
		double jitter) {

	/**
	 * Validates the settings.
	 * @param maxAttempts attempts
	 * @param initialBackoff first wait
	 * @param maxBackoff longest wait
	 * @param multiplier growth
	 * @param jitter random share
	 */
	public RetrySettings {
		if (maxAttempts < 1) {
			throw new IllegalArgumentException("maxAttempts must be at least 1");
		}
		if (multiplier < 1 || jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("multiplier must be >= 1 and jitter in [0, 1]");
		}
	}

	/**
	 * Returns the defaults.
	 * @return 6 attempts, 500 ms doubling to 30 s, 50 % jitter
	 */
	public static RetrySettings defaults() {
		return new RetrySettings(6, Duration.ofMillis(500), Duration.ofSeconds(30), 2.0, 0.5);
	}

	/**
	 * Returns the nominal wait before an attempt, without jitter.
	 * @param attempt the attempt that failed, from 1
	 * @return the wait
	 */
	Duration nominal(int attempt) {
		double millis = this.initialBackoff.toMillis() * Math.pow(this.multiplier, attempt - 1);
		return Duration.ofMillis((long) Math.min(millis, this.maxBackoff.toMillis()));
	}

}
