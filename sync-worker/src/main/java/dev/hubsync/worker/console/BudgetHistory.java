package dev.hubsync.worker.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

import dev.hubsync.hubspot.ratelimit.BudgetSnapshot;
import dev.hubsync.hubspot.ratelimit.RateBudget;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The rate budget over the last hour, for the overview's small charts: a sample every
 * {@value #EVERY_SECONDS} seconds, kept in memory for an hour (this instance's view of
 * the shared budget, since it started).
 */
@Component
class BudgetHistory {

	static final int EVERY_SECONDS = 30;

	private static final Duration KEPT = Duration.ofHours(1);

	private static final int WIDTH = 120;

	private static final int HEIGHT = 28;

	private final RateBudget budget;

	private final Clock clock;

	private final Deque<Sample> samples = new ArrayDeque<>();

	BudgetHistory(RateBudget budget, Clock clock) {
		this.budget = budget;
		this.clock = clock;
	}

	/**
	 * One reading.
	 *
	 * @param at when
	 * @param budget what was left
	 */
	record Sample(Instant at, BudgetSnapshot budget) {
	}

	/**
	 * A bucket's last hour as an SVG polyline.
	 *
	 * @param bucket burst, daily or search
	 * @param points the polyline's points in a {@value #WIDTH}×{@value #HEIGHT} box
	 * @param min the lowest reading
	 * @param max the highest reading
	 * @param samples how many readings
	 * @param lastX where the last reading is drawn, across
	 * @param lastY where the last reading is drawn, down
	 */
	record Chart(String bucket, String points, long min, long max, int samples, double lastX, double lastY) {

		/**
		 * Describes the chart for a screen reader.
		 * @return the range of the readings
		 */
		public String description() {
			return this.bucket + " budget left over the last hour: " + this.samples + " readings from " + this.min
					+ " to " + this.max;
		}

	}

	@Scheduled(initialDelay = 0, fixedDelay = EVERY_SECONDS * 1000L)
	void sample() {
		record(this.budget.snapshot());
	}

	synchronized void record(BudgetSnapshot snapshot) {
		Instant now = this.clock.instant();
		this.samples.addLast(new Sample(now, snapshot));
		while (!this.samples.isEmpty() && this.samples.peekFirst().at().isBefore(now.minus(KEPT))) {
			this.samples.removeFirst();
		}
	}

	synchronized List<Chart> charts() {
		List<Sample> readings = List.copyOf(this.samples);
		List<Chart> charts = new ArrayList<>();
		charts.add(chart("burst", readings, BudgetSnapshot::burstAvailable));
		if (readings.stream().anyMatch((sample) -> sample.budget().dailyAvailable() >= 0)) {
			charts.add(chart("daily", readings, BudgetSnapshot::dailyAvailable));
		}
		charts.add(chart("search", readings, BudgetSnapshot::searchAvailable));
		return charts;
	}

	private Chart chart(String bucket, List<Sample> readings, ToLongFunction<BudgetSnapshot> value) {
		if (readings.isEmpty()) {
			return new Chart(bucket, "", 0, 0, 0, 0, 0);
		}
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		for (Sample sample : readings) {
			long reading = value.applyAsLong(sample.budget());
			min = Math.min(min, reading);
			max = Math.max(max, reading);
		}
		Instant end = this.clock.instant();
		Instant start = end.minus(KEPT);
		double span = Math.max(1, max - min);
		StringBuilder points = new StringBuilder();
		double x = 0;
		double y = 0;
		for (Sample sample : readings) {
			x = Math.max(0, WIDTH * (double) Duration.between(start, sample.at()).toMillis() / KEPT.toMillis());
			y = (HEIGHT - 2) - (HEIGHT - 4) * (value.applyAsLong(sample.budget()) - min) / span;
			points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
		}
		return new Chart(bucket, points.toString().strip(), min, max, readings.size(), Math.min(x, WIDTH - 2), y);
	}

}
