package dev.hubsync.ops;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code hubsync-ops reconcile}: the worker compares both sides of an object type record
 * by record through the mapping (its admin API runs it, on the rate budget's background
 * lane); this command starts the run, draws its progress on standard error and prints the
 * drift as a table. Exit 0 when nothing is left to do (no drift, or every drift healed by
 * events it enqueued), 1 when drift needs attention.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
		description = "Compare both sides record by record; print the drift; --fix heals it through the pipeline.")
final class ReconcileCommand implements Callable<Integer> {

	private static final int BAR = 30;

	@Spec
	CommandSpec spec;

	@Mixin
	Connections connections;

	@Option(names = "--object", required = true, description = "contacts, companies or deals.")
	String object;

	@Option(names = "--fix",
			description = "Enqueue healing events (snapshots of rows, polled events of records) into the normal"
					+ " pipeline, where matching, conflict rules and the deletion guard apply.")
	boolean fix;

	@Option(names = "--relink",
			description = "First rebuild lost links from hubsync_record_id and, where unambiguous, email.")
	boolean relink;

	@Option(names = "--show", defaultValue = "50", description = "Drift rows printed (all are counted; default 50).")
	int show;

	@Option(names = "--poll-interval", defaultValue = "1s",
			description = "How often progress is read: 1s, 500ms, 1m, PT5S (default 1s).")
	String pollInterval;

	@Override
	public Integer call() throws InterruptedException {
		String type = this.object.toLowerCase(Locale.ROOT);
		if (!ControlCommands.OBJECT_TYPES.contains(type)) {
			throw new OpsException(
					"--object must be one of " + ControlCommands.OBJECT_TYPES + ", not '" + this.object + "'");
		}
		Duration interval = TimeRange.duration(this.pollInterval);
		WorkerApi worker = this.connections.worker();
		JsonMapper json = JsonMapper.builder().build();
		JsonNode started = json
			.readTree(worker.post("/api/reconcile/" + type + "?fix=" + this.fix + "&relink=" + this.relink));
		long id = started.path("id").asLong();
		PrintWriter err = this.spec.commandLine().getErr();
		JsonNode run;
		while (true) {
			run = json.readTree(worker.get("/api/reconcile/runs/" + id));
			progress(err, run);
			if (!run.path("state").asString().equals("running")) {
				break;
			}
			TimeUnit.MILLISECONDS.sleep(interval.toMillis()); // the configured
																// --poll-interval
		}
		err.println();
		return report(run);
	}

	private static void progress(PrintWriter err, JsonNode run) {
		long scanned = run.path("scanned").asLong();
		long expected = Math.max(1, run.path("expected").asLong());
		int filled = (int) Math.min(BAR, scanned * BAR / expected);
		JsonNode eta = run.path("etaSeconds");
		err.printf("\r[%s%s] %3d %% %,d/%,d %s, %,d/s, ETA %s   ", "#".repeat(filled), ".".repeat(BAR - filled),
				Math.min(100, scanned * 100 / expected), scanned, expected, run.path("phase").asString(),
				run.path("perSecond").asLong(), eta.isNull() ? "-" : eta.asLong() + " s");
		err.flush();
	}

	private int report(JsonNode run) {
		PrintWriter out = this.spec.commandLine().getOut();
		String type = run.path("objectType").asString();
		if (!run.path("state").asString().equals("finished")) {
			throw new OpsException(
					"reconcile of " + type + " " + run.path("state").asString() + ": " + run.path("detail").asString());
		}
		JsonNode counts = run.path("counts");
		long total = 0;
		for (JsonNode count : counts) {
			total += count.asLong();
		}
		out.printf("Reconciled %s: %,d compared, %s%n", type, run.path("scanned").asLong(),
				(total == 0) ? "no drift" : total + " drift(s) " + counts);
		if (run.path("relink").asBoolean()) {
			out.printf("Relinked %,d record(s)%n", run.path("relinked").asLong());
		}
		if (total == 0) {
			return 0;
		}
		out.printf("%-22s %-38s %-14s %-9s %s%n", "KIND", "PLATFORM KEY", "HUBSPOT ID", "HEALING", "DETAIL");
		int printed = 0;
		boolean unhealed = false;
		for (JsonNode drift : run.path("drift")) {
			String healing = drift.path("healing").asString();
			unhealed |= healing.equals("none");
			if (printed++ < this.show) {
				out.printf("%-22s %-38s %-14s %-9s %s%n", drift.path("kind").asString(),
						text(drift.path("platformKey")), text(drift.path("hubspotId")), healing,
						drift.path("detail").asString());
				for (JsonNode field : drift.path("fields")) {
					out.printf("    %-30s platform %-28s hubspot %-28s synced %s%n", field.path("property").asString(),
							quoted(field.path("platform")), quoted(field.path("hubspot")),
							quoted(field.path("synced")));
				}
			}
		}
		if (printed > this.show) {
			out.printf("… %,d more (--show N prints more)%n", printed - this.show);
		}
		if (this.fix) {
			out.printf("Enqueued %,d healing event(s); they flow through the normal pipeline (watch hubsync-ops"
					+ " status). Run reconcile again to confirm.%n", run.path("healingEvents").asLong());
			return unhealed ? 1 : 0;
		}
		out.println("Run with --fix to heal what has a healing direction.");
		return 1;
	}

	private static String text(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? "-" : node.asString();
	}

	private static String quoted(JsonNode node) {
		return (node.isMissingNode() || node.isNull()) ? "-" : "\"" + node.asString() + "\"";
	}

}
