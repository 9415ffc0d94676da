package dev.hubsync.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Drives load: closed loop (each client sends as soon as its previous request is
 * answered) to find the maximum rate, or open loop at a fixed rate, where latency is
 * measured from when a request was due, not when it was sent, so a stalled server cannot
 * hide its stall (coordinated omission).
 */
final class Load {

	private Load() {
	}

	/** One request; returns normally when it succeeded. */
	@FunctionalInterface
	interface Call {

		void run() throws Exception;

	}

	record Result(long requests, double seconds, Histogram latency) {

		double rate() {
			return this.requests / this.seconds;
		}

	}

	static Result closed(int clients, int seconds, Call call) {
		Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
		AtomicLong requests = new AtomicLong();
		long began = System.nanoTime();
		long end = began + TimeUnit.SECONDS.toNanos(seconds);
		run(clients, () -> {
			while (System.nanoTime() < end) {
				long start = System.nanoTime();
				call.run();
				record(latency, System.nanoTime() - start);
				requests.incrementAndGet();
			}
		});
		return new Result(requests.get(), (System.nanoTime() - began) / 1e9, latency);
	}

	static Result open(int clients, int seconds, double ratePerSecond, Call call) {
		Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
		AtomicLong requests = new AtomicLong();
		long interval = (long) (1e9 * clients / ratePerSecond);
		long began = System.nanoTime();
		long end = began + TimeUnit.SECONDS.toNanos(seconds);
		run(clients, () -> {
			long due = System.nanoTime();
			while (due < end) {
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				call.run();
				record(latency, System.nanoTime() - due);
				requests.incrementAndGet();
				due += interval;
			}
		});
		return new Result(requests.get(), (System.nanoTime() - began) / 1e9, latency);
	}

	private static void record(Histogram latency, long nanos) {
		synchronized (latency) {
			latency.recordValue(Math.min(nanos, latency.getHighestTrackableValue()));
		}
	}

	private static void run(int clients, Call worker) {
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			futures.add(pool.submit(() -> {
				worker.run();
				return null;
			}));
		}
		try {
			for (Future<?> future : futures) {
				future.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("a load client failed", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
