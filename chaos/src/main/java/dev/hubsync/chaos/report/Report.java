package dev.hubsync.chaos.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.hubsync.chaos.check.Violation;
import dev.hubsync.chaos.faults.FaultRecord;
import dev.hubsync.chaos.run.RunResult;

/**
 * The report of a run, as printed: the headline (convergence), the figures, the faults,
 * and every violation with its record, its sync log and how to replay it.
 */
public final class Report {

	/** Starts the headline line. */
	public static final String HEADLINE = "HubSync chaos";

	private Report() {
	}

	/**
	 * Renders a run's report.
	 * @param result the run
	 * @param replay the command that replays it
	 * @return the lines
	 */
	public static List<String> lines(RunResult result, String replay) {
		List<String> lines = new ArrayList<>();
		lines.add(headline(result));
		lines.add("");
		lines.add(String.format(Locale.ROOT,
				"profile %s, seed %d, %d JVMs (%d ingress, %d worker, %d publisher), %d cores,"
						+ " load average %.2f at the end of the faults",
				result.profile().name(), result.seed(), result.jvms(), result.profile().ingresses(),
				result.profile().workers(), result.profile().publishers(), result.cores(), result.loadAverage()));
		lines.add(String.format(Locale.ROOT, "stack started in %s; workload and faults ran %s",
				seconds(result.startup()), seconds(result.active())));
		lines.add(String.format(Locale.ROOT,
				"workload: %d records, %d changes (%d writes failed and are kept as unacknowledged): %s",
				result.records(), result.changes(), result.failedWrites(), result.operations()));
		lines.add("convergence: from the end of the last fault to the end of the first read of both sides that"
				+ " agreed with the ledger (a read every " + seconds(result.profile().checkInterval()) + ")");
		lines.add(String.format(Locale.ROOT, "events handled: %d (%.1f events/s over the workload and convergence)",
				result.events(), result.eventsPerSecond()));
		lines.add(String.format(Locale.ROOT, "HubSpot calls by HubSync: %d (%.2f per change), %d answered 429",
				result.hubspotCalls(), (result.changes() > 0) ? (double) result.hubspotCalls() / result.changes() : 0,
				result.rateLimited()));
		lines.add("");
		lines.add("faults (" + result.faults().size() + "):");
		for (FaultRecord fault : result.faults()) {
			lines.add(String.format(Locale.ROOT, "  %-20s %s .. %s  %s%s", fault.kind(), fault.began(), fault.ended(),
					fault.detail(), (fault.error() != null) ? "  FAILED: " + fault.error() : ""));
		}
		lines.add("");
		Map<String, Integer> counts = new TreeMap<>();
		result.failures().forEach((v) -> counts.merge(v.invariant().name(), 1, Integer::sum));
		int justified = result.violations().size() - result.failures().size();
		lines.add(result.failures().isEmpty()
				? "invariants: all hold"
						+ ((justified > 0) ? " (" + justified + " violation(s) justified by a fault)" : "")
				: "invariants: " + result.failures().size() + " violation(s) " + counts + ", " + justified
						+ " more justified by a fault; replay with: " + replay);
		for (Violation violation : result.violations()) {
			lines.add("");
			lines.add(((violation.justification() != null) ? "JUSTIFIED " : "VIOLATION ") + violation.invariant() + " "
					+ violation.record() + " [seed " + result.seed() + "]");
			lines.add("  " + violation.detail());
			if (violation.justification() != null) {
				lines.add("  justified: " + violation.justification());
			}
			lines.add("  platform key " + violation.platformKey() + ", HubSpot id " + violation.hubspotId());
			if (!violation.syncLog().isEmpty()) {
				lines.add("  sync log:");
				violation.syncLog().forEach((line) -> lines.add("    " + line));
			}
		}
		lines.add("");
		lines.add((result.passed() ? "PASSED" : "FAILED") + " (seed " + result.seed() + "; replay: " + replay + ")");
		return lines;
	}

	/**
	 * Renders the headline: the convergence time and the verdict.
	 * @param result the run
	 * @return the line
	 */
	public static String headline(RunResult result) {
		String convergence = (result.convergence() != null)
				? "convergence " + seconds(result.convergence()) + " after the last fault"
				: "no convergence within " + seconds(result.profile().convergenceTimeout()) + " after the last fault";
		return HEADLINE + " " + result.profile().name() + " (seed " + result.seed() + "): " + convergence + ", "
				+ (result.failures().isEmpty() ? "every invariant holds" : result.failures().size() + " violation(s)");
	}

	/**
	 * Formats a duration in seconds with one decimal.
	 * @param duration the duration
	 * @return e.g. {@code 12.3 s}
	 */
	public static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

}
