package dev.hubsync.hubspot.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.hubsync.hubspot.error.HubSpotPauseException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RateBudgetTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T15:00:00Z"), ZoneOffset.UTC);

	@Test
	void bucketNeverLetsARollingWindowSeeMoreThanTheLimit() {
		RateLimits limits = RateLimits.professional();
		assertThat(limits.burstCapacity()).isEqualTo(9);
		assertThat(limits.burstCapacity() + (limits.burst() - limits.burstCapacity())).isEqualTo(limits.burst());
		assertThat(limits.reserveTokens()).isEqualTo(2);
	}

	@Test
	void liveLaneTakesTokensUntilTheBucketIsEmpty() throws InterruptedException {
		RateBudget budget = RateBudgets.inMemory(limits(40, Duration.ofHours(1), 1000), CLOCK);
		budget.acquire(RequestKind.STANDARD, Lane.LIVE);
		budget.acquire(RequestKind.STANDARD, Lane.LIVE);
		assertThat(budget.snapshot().burstAvailable()).isZero();
		assertThat(budget.snapshot().dailyAvailable()).isEqualTo(998);
	}

	@Test
	void backgroundLaneLeavesTheReserveToLiveTraffic() throws Exception {
		RateBudget budget = RateBudgets.inMemory(limits(200, Duration.ofHours(1), 1000), CLOCK);
		assertThat(budget.snapshot().burstAvailable()).isEqualTo(10);
		for (int i = 0; i < 8; i++) {
			budget.acquire(RequestKind.STANDARD, Lane.BACKGROUND);
		}
		assertThat(budget.snapshot().burstAvailable()).isEqualTo(2);
		CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
			try {
				budget.acquire(RequestKind.STANDARD, Lane.BACKGROUND);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		budget.acquire(RequestKind.STANDARD, Lane.LIVE);
		budget.acquire(RequestKind.STANDARD, Lane.LIVE);
		assertThat(budget.snapshot().burstAvailable()).isZero();
		assertThat(blocked).isNotDone();
		blocked.cancel(true);
	}

	@Test
	void spentDailyBudgetIsAPauseUntilMidnightInTheAccountsZone() throws InterruptedException {
		RateLimits limits = new RateLimits(200, Duration.ofSeconds(10), 1, ZoneId.of("Europe/Berlin"), 5,
				Duration.ofSeconds(1), 0.2);
		RateBudget budget = RateBudgets.inMemory(limits, CLOCK);
		budget.acquire(RequestKind.STANDARD, Lane.LIVE);
		assertThatExceptionOfType(HubSpotPauseException.class)
			.isThrownBy(() -> budget.acquire(RequestKind.STANDARD, Lane.LIVE))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(HubSpotPauseException.Reason.DAILY_LIMIT);
				assertThat(ex.pauseUntil()).isEqualTo(Instant.parse("2026-11-20T23:00:00Z"));
			});
	}

	@Test
	void headersReportingFewerRequestsLeftSpendTheDifference() throws InterruptedException {
		RateBudget budget = RateBudgets.inMemory(limits(200, Duration.ofHours(1), 1000), CLOCK);
		budget.observe(new RateLimitHeaders(200L, 3L, 10_000L, 1000L, 400L));
		assertThat(budget.snapshot().burstAvailable()).isEqualTo(3);
		assertThat(budget.snapshot().dailyAvailable()).isEqualTo(400);
		budget.observe(new RateLimitHeaders(200L, 150L, 10_000L, null, null));
		assertThat(budget.snapshot().burstAvailable()).isEqualTo(3);
	}

	@Test
	void a429DrainsTheWindow() {
		RateBudget budget = RateBudgets.inMemory(limits(200, Duration.ofHours(1), 1000), CLOCK);
		budget.exhausted(RequestKind.STANDARD);
		assertThat(budget.snapshot().burstAvailable()).isZero();
		budget.exhausted(RequestKind.SEARCH);
		assertThat(budget.snapshot().searchAvailable()).isZero();
	}

	@Test
	void liveLaneWaitsForRefill() throws Exception {
		RateBudget budget = RateBudgets.inMemory(limits(40, Duration.ofMillis(200), 1000), CLOCK);
		budget.acquire(RequestKind.STANDARD, Lane.LIVE);
		budget.acquire(RequestKind.STANDARD, Lane.LIVE);
		CompletableFuture<Void> third = CompletableFuture.runAsync(() -> {
			try {
				budget.acquire(RequestKind.STANDARD, Lane.LIVE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		third.get(5, TimeUnit.SECONDS);
		assertThat(third).isDone();
	}

	private static RateLimits limits(long burst, Duration window, long daily) {
		return new RateLimits(burst, window, daily, ZoneId.of("UTC"), 5, Duration.ofSeconds(1), 0.2);
	}

}
