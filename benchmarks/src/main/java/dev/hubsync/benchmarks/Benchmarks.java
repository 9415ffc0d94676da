package dev.hubsync.benchmarks;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar benchmarks/target/benchmarks.jar <benchmark> [options]}. */
@Command(name = "benchmarks", mixinStandardHelpOptions = true, description = "HubSync benchmarks",
		subcommands = { EmulatorBenchmark.class, IngressBenchmark.class, PublisherBenchmark.class,
				MappingBenchmark.class, WorkerInboundBenchmark.class, WorkerOutboundBenchmark.class,
				WorkerBackfillBenchmark.class })
public final class Benchmarks implements Runnable {

	/**
	 * Runs a benchmark.
	 * @param args the benchmark's name and options
	 */
	public static void main(String[] args) {
		System.exit(new CommandLine(new Benchmarks()).execute(args));
	}

	@Override
	public void run() {
		new CommandLine(this).usage(System.out);
	}

}
