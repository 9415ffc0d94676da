package dev.hubsync.worker.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import dev.hubsync.hubspot.ratelimit.BudgetSnapshot;
import dev.hubsync.hubspot.ratelimit.RateBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class BudgetHistoryTests {

	private final MovingClock clock = new MovingClock();

	private final BudgetHistory history = new BudgetHistory(mock(RateBudget.class), this.clock);

	@Test
	void chartsEachBucketOverTheLastHour() {
		this.history.record(new BudgetSnapshot(100, 1000, 5));
		this.clock.advance(Duration.ofMinutes(30));
		this.history.record(new BudgetSnapshot(40, 900, 5));
		List<BudgetHistory.Chart> charts = this.history.charts();
		assertThat(charts).extracting(BudgetHistory.Chart::bucket).containsExactly("burst", "daily", "search");
		BudgetHistory.Chart burst = charts.get(0);
		assertThat(burst.min()).isEqualTo(40);
		assertThat(burst.max()).isEqualTo(100);
		assertThat(burst.points().split(" ")).hasSize(2);
		assertThat(burst.description()).contains("2 readings from 40 to 100");
	}

	@Test
	void forgetsReadingsOlderThanAnHourAndLeavesOutAnUntrackedDailyBucket() {
		this.history.record(new BudgetSnapshot(10, -1, 1));
		this.clock.advance(Duration.ofMinutes(61));
		this.history.record(new BudgetSnapshot(20, -1, 2));
		List<BudgetHistory.Chart> charts = this.history.charts();
		assertThat(charts).extracting(BudgetHistory.Chart::bucket).containsExactly("burst", "search");
		assertThat(charts.get(0).samples()).isEqualTo(1);
		assertThat(charts.get(0).min()).isEqualTo(20);
	}

	private static final class MovingClock extends Clock {

		private Instant now = Instant.parse("2026-12-05T03:00:00Z");

		void advance(Duration by) {
			this.now = this.now.plus(by);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
