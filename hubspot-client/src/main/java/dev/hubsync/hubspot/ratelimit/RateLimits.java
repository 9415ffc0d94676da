package dev.hubsync.hubspot.ratelimit;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The limits a budget enforces. Defaults are a Professional private app's (reference §8).
 *
 * @param burst requests per burst window (190; 100 Free/Starter; 110 public apps)
 * @param burstWindow the burst window (10 s)
 * @param daily requests per day (625,000; 0 disables the daily bucket, as for OAuth apps)
 * @param dailyResetZone the account's time zone, where the daily counter resets at
 * midnight
 * @param search search requests per search window (5)
 * @param searchWindow the search window (1 s)
 * @param backgroundReserve the share of the burst bucket the background lane leaves to
 * live traffic (0.2)
 */
public record RateLimits(long burst, Duration burstWindow, long daily, ZoneId dailyResetZone, long search,
		Duration searchWindow, double backgroundReserve) {

	/**
	 * Validates the limits.
	 * @param burst requests per burst window
	 * @param burstWindow the window
	 * @param daily requests per day
	 * @param dailyResetZone the reset zone
	 * @param search search requests per window
	 * @param searchWindow the search window
	 * @param backgroundReserve the live reserve
	 */
	public RateLimits {
		if (burst < 1 || search < 1 || daily < 0) {
			throw new IllegalArgumentException("rate limits must be positive");
		}
		if (burstWindow.isNegative() || burstWindow.isZero() || searchWindow.isNegative() || searchWindow.isZero()) {
			throw new IllegalArgumentException("rate limit windows must be positive");
		}
		if (backgroundReserve < 0 || backgroundReserve >= 1) {
			throw new IllegalArgumentException("backgroundReserve must be in [0, 1)");
		}
	}

	/**
	 * Returns a Professional private app's limits.
	 * @return 190 per 10 s, 625,000 per day (UTC), 5 searches per second
	 */
	public static RateLimits professional() {
		return new RateLimits(190, Duration.ofSeconds(10), 625_000, ZoneId.of("UTC"), 5, Duration.ofSeconds(1), 0.2);
	}

	/**
	 * Returns the burst bucket's capacity. HubSpot's window is rolling: a bucket holding
	 * the whole limit and refilled once per window would let twice the limit through
	 * around a window boundary. A bucket whose capacity plus one window's refill equals
	 * the limit never lets a rolling window see more than the limit; a small capacity (5
	 * % of the limit) keeps the sustained rate at 95 % of it.
	 * @return the capacity
	 */
	long burstCapacity() {
		return Math.max(1, this.burst / 20);
	}

	/**
	 * Returns the search bucket's capacity, sized as {@link #burstCapacity()}.
	 * @return the capacity
	 */
	long searchCapacity() {
		return Math.max(1, this.search / 20);
	}

	/**
	 * Returns the number of burst tokens the background lane leaves to live traffic.
	 * @return the reserve, below the capacity so the background lane is never locked out
	 */
	long reserveTokens() {
		long capacity = burstCapacity();
		long reserve = (long) Math.ceil(capacity * this.backgroundReserve);
		return Math.min(reserve, capacity - 1);
	}

}
