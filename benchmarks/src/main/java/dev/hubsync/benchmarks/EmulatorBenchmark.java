package dev.hubsync.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.ratelimit.RateBudgets;
import dev.hubsync.hubspot.ratelimit.RateLimits;
import dev.hubsync.hubspot.transport.RetrySettings;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The emulator's sustained throughput for batch upserts of 100 contacts on loopback:
 * clients upsert distinct records (half new, half updates) as fast as the emulator
 * answers, with rate limits off so the emulator alone is measured.
 */
@Command(name = "emulator", description = "Sustained batch-upsert requests/s of the HubSpot emulator on loopback.")
final class EmulatorBenchmark implements Runnable {

	@Option(names = "--seconds", description = "Measured duration (default: ${DEFAULT-VALUE}).")
	int seconds = 20;

	@Option(names = "--warmup", description = "Warm-up duration in seconds (default: ${DEFAULT-VALUE}).")
	int warmup = 5;

	@Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
	int clients = 8;

	@Option(names = "--batch", description = "Inputs per upsert (default: ${DEFAULT-VALUE}).")
	int batch = 100;

	@Override
	public void run() {
		try (HubSpotEmulator emulator = HubSpotEmulator
			.start(Map.of("emulator.rate-limit.enabled", "false", "logging.level.root", "WARN"))) {
			HubSpotClient client = HubSpotClient.builder()
				.baseUrl(emulator.baseUrl())
				.tokens(TokenProvider.of(HubSpotEmulator.APP_TOKEN))
				.budget(RateBudgets.inMemory(new RateLimits(1_000_000, Duration.ofSeconds(10), 0, ZoneId.of("UTC"),
						1000, Duration.ofSeconds(1), 0), Clock.systemUTC()))
				.retry(new RetrySettings(1, Duration.ofMillis(10), Duration.ofMillis(10), 1, 0))
				.build();
			Report
				.header("HubSpot emulator: batch upserts of " + this.batch + " contacts, " + this.clients + " clients");
			measure(client, this.warmup, null);
			Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
			long[] counts = measure(client, this.seconds, latency);
			double requestsPerSecond = counts[0] / (double) this.seconds;
			Report.row("upsert " + this.batch + " per request", String.format("%.0f requests/s (%.0f records/s)",
					requestsPerSecond, requestsPerSecond * this.batch), latency);
			Histogram reads = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
			long[] readCounts = measureReads(client, this.seconds, reads);
			Report.row("read one contact by id",
					String.format("%.0f requests/s", readCounts[0] / (double) this.seconds), reads);
		}
	}

	private long[] measure(HubSpotClient client, int duration, Histogram latency) {
		AtomicLong requests = new AtomicLong();
		AtomicLong sequence = new AtomicLong();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
		ExecutorService pool = Executors.newFixedThreadPool(this.clients);
		List<Future<?>> workers = new ArrayList<>();
		for (int c = 0; c < this.clients; c++) {
			workers.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					List<BatchInputs.Upsert> inputs = inputs(sequence);
					long began = System.nanoTime();
					client.batch().upsert("contacts", inputs);
					if (latency != null) {
						synchronized (latency) {
							latency.recordValue(System.nanoTime() - began);
						}
					}
					requests.incrementAndGet();
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			try {
				worker.get();
			}
			catch (Exception ex) {
				throw new IllegalStateException("benchmark client failed", ex);
			}
		}
		pool.shutdown();
		return new long[] { requests.get() };
	}

	private long[] measureReads(HubSpotClient client, int duration, Histogram latency) {
		AtomicLong requests = new AtomicLong();
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(duration);
		ExecutorService pool = Executors.newFixedThreadPool(this.clients);
		List<Future<?>> workers = new ArrayList<>();
		for (int c = 0; c < this.clients; c++) {
			workers.add(pool.submit(() -> {
				while (System.nanoTime() < end) {
					String id = String.valueOf(1001 + ThreadLocalRandom.current().nextInt(1000));
					long began = System.nanoTime();
					client.objects().get("contacts", id, ReadOptions.properties(List.of("email", "firstname")));
					synchronized (latency) {
						latency.recordValue(System.nanoTime() - began);
					}
					requests.incrementAndGet();
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			try {
				worker.get();
			}
			catch (Exception ex) {
				throw new IllegalStateException("benchmark client failed", ex);
			}
		}
		pool.shutdown();
		return new long[] { requests.get() };
	}

	/**
	 * Half of each batch creates new contacts, half updates a run of existing ones, all
	 * distinct within the batch (a batch may not name one record twice).
	 */
	private List<BatchInputs.Upsert> inputs(AtomicLong sequence) {
		int fresh = this.batch / 2;
		long first = sequence.getAndAdd(fresh);
		List<BatchInputs.Upsert> inputs = new ArrayList<>();
		for (int i = 0; i < fresh; i++) {
			inputs.add(upsert(first + i));
		}
		long existing = Math.max(0, first - this.batch);
		long start = (existing > 0) ? ThreadLocalRandom.current().nextLong(existing) : first + fresh;
		for (int i = 0; i < this.batch - fresh; i++) {
			long n = (existing > 0) ? start + i : sequence.getAndIncrement();
			inputs.add(upsert(n));
		}
		return inputs;
	}

	private static BatchInputs.Upsert upsert(long n) {
		return new BatchInputs.Upsert("c" + n + "@bench.io", "email",
				Map.of("firstname", "F" + n, "lastname", "L" + System.nanoTime()), null);
	}

}
