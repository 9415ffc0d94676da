package dev.hubsync.chaos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import dev.hubsync.chaos.faults.FaultKind;
import dev.hubsync.chaos.report.Report;
import dev.hubsync.chaos.run.ChaosRun;
import dev.hubsync.chaos.run.Profile;
import dev.hubsync.chaos.run.RunResult;
import dev.hubsync.chaos.scaleout.ScaleOut;
import dev.hubsync.chaos.stack.ServiceJars;
import dev.hubsync.chaos.workload.Operation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar chaos/target/chaos.jar}: runs HubSync as deployed under a seeded
 * workload and seeded faults, prints the report, and exits 0 only when every invariant
 * holds (1 when one does not, 2 on a usage or start-up error).
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, sortOptions = false,
		description = {
				"Runs HubSync as deployed (every service its own JVM, Kafka and PostgreSQL embedded) under a"
						+ " seeded workload and seeded faults, then checks that both sides converged.",
				"Exit status: 0 every invariant holds, 1 one does not, 2 usage or start-up error." })
public final class ChaosMain implements Callable<Integer> {

	@Option(names = "--profile", description = "short (≤ 4 min, ≤ 6 JVMs) or long (30 min, the deployment shape)"
			+ " (default: ${DEFAULT-VALUE}).")
	String profile = "short";

	@Option(names = "--seed", description = "Seed of the workload and the fault schedule (default: ${DEFAULT-VALUE}).")
	long seed = 42;

	@Option(names = "--workers", description = "sync-worker replicas (default: the profile's: 2 short, 3 long).")
	Integer workers;

	@Option(names = "--minutes",
			description = "Minutes of workload and faults (default: the profile's: 1 short," + " 30 long).")
	Double minutes;

	@Option(names = "--rate", description = "Workload operations per second (default: the profile's).")
	Double rate;

	@Option(names = "--faults", split = ",", description = "Fault kinds to inject, comma-separated, or none"
			+ " (default: every kind: ${COMPLETION-CANDIDATES}).")
	List<String> faults;

	@Option(names = "--operations", split = ",",
			description = "Workload operations, comma-separated (default: every" + " one: ${COMPLETION-CANDIDATES}).")
	java.util.EnumSet<Operation> operations = java.util.EnumSet.allOf(Operation.class);

	@Option(names = "--scale-out", description = "Print the scale-out figures (1, 2, 3 workers; lifted and"
			+ " Professional limits) instead of a chaos run.")
	boolean scaleOut;

	@Option(names = "--scale-out-records",
			description = "Records per direction in each scale-out measurement" + " (default: ${DEFAULT-VALUE}).")
	int scaleOutRecords = 2000;

	@Option(names = "--root", description = "The built checkout whose service jars run (default: found from the"
			+ " working directory or this jar).")
	Path root;

	@Option(names = "--work-dir", description = "Where the services' logs go (default: a new temporary directory).")
	Path workDirectory;

	/**
	 * Runs the harness.
	 * @param args see {@code --help}
	 */
	public static void main(String[] args) {
		// a failure of the harness itself (not an invariant) exits 2, as a usage error
		// does
		System.exit(new CommandLine(new ChaosMain()).setExitCodeExceptionMapper((ex) -> 2).execute(args));
	}

	@Override
	public Integer call() throws Exception {
		ServiceJars jars = (this.root != null) ? new ServiceJars(this.root) : findJars();
		Path work = (this.workDirectory != null) ? this.workDirectory : Files.createTempDirectory("hubsync-chaos-");
		if (this.scaleOut) {
			List<String> table = new ScaleOut(jars, work, this.scaleOutRecords).run();
			print(table);
			return 0;
		}
		Profile chosen = Profile.named(this.profile);
		if (this.workers != null) {
			chosen = chosen.withWorkers(this.workers);
		}
		if (this.minutes != null) {
			chosen = chosen.withWorkload(Duration.ofMillis((long) (this.minutes * 60_000)));
		}
		if (this.rate != null) {
			chosen = chosen.withRate(this.rate);
		}
		if (this.faults != null) {
			java.util.Set<FaultKind> kinds = java.util.EnumSet.noneOf(FaultKind.class);
			this.faults.stream()
				.filter((name) -> !"none".equalsIgnoreCase(name))
				.forEach((name) -> kinds.add(FaultKind.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT))));
			chosen = chosen.withFaults(kinds);
		}
		RunResult result = new ChaosRun(chosen, this.seed, this.operations, jars, work).run();
		List<String> report = Report.lines(result, replay());
		print(report);
		print(List.of("logs: " + work.toAbsolutePath()));
		return result.passed() ? 0 : 1;
	}

	private String replay() {
		StringBuilder command = new StringBuilder(
				"java -jar chaos/target/chaos.jar --profile " + this.profile + " --seed " + this.seed);
		if (this.workers != null) {
			command.append(" --workers ").append(this.workers);
		}
		if (this.minutes != null) {
			command.append(" --minutes ").append(this.minutes);
		}
		if (this.rate != null) {
			command.append(" --rate ").append(this.rate);
		}
		if (this.faults != null) {
			command.append(" --faults ").append(String.join(",", this.faults));
		}
		if (this.operations.size() < Operation.values().length) {
			command.append(" --operations ")
				.append(String.join(",", this.operations.stream().map(Operation::name).toList()));
		}
		return command.toString();
	}

	private static ServiceJars findJars() {
		try {
			return ServiceJars.find(Path.of("").toAbsolutePath());
		}
		catch (IllegalStateException ex) {
			// java -jar chaos/target/chaos.jar from elsewhere: the class path is the jar
			String classPath = System.getProperty("java.class.path", "");
			return ServiceJars.find(Path.of(classPath.split(java.io.File.pathSeparator)[0]));
		}
	}

	private static void print(List<String> lines) {
		// CHECKSTYLE:OFF: the report is the harness's output
		lines.forEach(System.out::println);
		System.out.flush();
		// CHECKSTYLE:ON
	}

}
