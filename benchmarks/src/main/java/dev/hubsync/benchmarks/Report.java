package dev.hubsync.benchmarks;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/** Prints a benchmark's figures as Markdown table rows. */
final class Report {

	private Report() {
	}

	static void header(String title) {
		// CHECKSTYLE:OFF: a benchmark's console output is its result
		System.out.println();
		System.out.println("## " + title);
		System.out.println();
		System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
				+ System.getProperty("java.version") + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20)
				+ " MiB");
		System.out.println();
		System.out.println("| scenario | rate | p50 | p99 | p99.9 | max |");
		System.out.println("|---|---|---|---|---|---|");
		// CHECKSTYLE:ON
	}

	static void row(String scenario, String rate, Histogram nanos) {
		// CHECKSTYLE:OFF: a benchmark's console output is its result
		System.out.printf("| %s | %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n", scenario, rate,
				millis(nanos.getValueAtPercentile(50)), millis(nanos.getValueAtPercentile(99)),
				millis(nanos.getValueAtPercentile(99.9)), millis(nanos.getMaxValue()));
		// CHECKSTYLE:ON
	}

	static double millis(long nanos) {
		return nanos / (double) TimeUnit.MILLISECONDS.toNanos(1);
	}

}
