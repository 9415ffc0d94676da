package dev.hubsync.hubspot.ratelimit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.concurrent.locks.LockSupport;

import dev.hubsync.hubspot.error.HubSpotPauseException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import org.jspecify.annotations.Nullable;

/**
 * A {@link RateBudget} over three Bucket4j buckets, local or remote (see
 * {@link RateBudgets}).
 */
final class BucketRateBudget implements RateBudget {

	private static final long MAX_PARK_NANOS = 1_000_000_000L;

	private final Bucket burst;

	private final @Nullable Bucket daily;

	private final Bucket search;

	private final RateLimits limits;

	private final Clock clock;

	BucketRateBudget(Bucket burst, @Nullable Bucket daily, Bucket search, RateLimits limits, Clock clock) {
		this.burst = burst;
		this.daily = daily;
		this.search = search;
		this.limits = limits;
		this.clock = clock;
	}

	@Override
	public void acquire(RequestKind kind, Lane lane) throws InterruptedException {
		Bucket bucket = (kind == RequestKind.SEARCH) ? this.search : this.burst;
		long reserve = (lane == Lane.BACKGROUND && kind == RequestKind.STANDARD) ? this.limits.reserveTokens() : 0;
		while (true) {
			EstimationProbe probe = bucket.estimateAbilityToConsume(reserve + 1);
			if (probe.canBeConsumed()) {
				if (bucket.tryConsume(1)) {
					break;
				}
				continue;
			}
			park(probe.getNanosToWaitForRefill());
		}
		if (this.daily != null && !this.daily.tryConsume(1)) {
			throw new HubSpotPauseException("the daily request budget is spent", 0, null,
					HubSpotPauseException.Reason.DAILY_LIMIT, nextDailyReset());
		}
	}

	@Override
	public void observe(RateLimitHeaders headers) {
		spendDown(this.burst, headers.remaining());
		if (this.daily != null) {
			spendDown(this.daily, headers.dailyRemaining());
		}
	}

	@Override
	public void exhausted(RequestKind kind) {
		Bucket bucket = (kind == RequestKind.SEARCH) ? this.search : this.burst;
		long available = bucket.getAvailableTokens();
		if (available > 0) {
			bucket.consumeIgnoringRateLimits(available);
		}
	}

	@Override
	public BudgetSnapshot snapshot() {
		return new BudgetSnapshot(this.burst.getAvailableTokens(),
				(this.daily != null) ? this.daily.getAvailableTokens() : -1, this.search.getAvailableTokens());
	}

	Instant nextDailyReset() {
		ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(this.limits.dailyResetZone()));
		LocalDate tomorrow = now.toLocalDate().plusDays(1);
		return tomorrow.atStartOfDay(this.limits.dailyResetZone()).toInstant();
	}

	private static void spendDown(Bucket bucket, @Nullable Long remaining) {
		if (remaining == null) {
			return;
		}
		long surplus = bucket.getAvailableTokens() - remaining;
		if (surplus > 0) {
			bucket.consumeIgnoringRateLimits(surplus);
		}
	}

	private static void park(long nanos) throws InterruptedException {
		LockSupport.parkNanos(Math.max(100_000L, Math.min(nanos, MAX_PARK_NANOS)));
		if (Thread.interrupted()) {
			throw new InterruptedException("interrupted while waiting for the HubSpot rate budget");
		}
	}

}
