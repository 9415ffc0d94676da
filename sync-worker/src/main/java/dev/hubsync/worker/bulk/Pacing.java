package dev.hubsync.worker.bulk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.worker.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.SendResult;

/**
 * Paces a bulk sync against the workers that consume its events: it publishes a page only
 * while they are at most {@code max-ahead} events behind, measures a phase's progress
 * from the consumer group's committed offsets ({@link Backlog}, so every instance
 * counts), and ends a phase when its events are consumed, or reports it stalled when
 * nobody consumes them for {@code stall-timeout}.
 */
final class Pacing {

	private static final Logger logger = LoggerFactory.getLogger(BulkSync.class);

	private final WorkerProperties.Bulk settings;

	private final Clock clock;

	private final CountDownLatch stopping;

	Pacing(WorkerProperties.Bulk settings, Clock clock, CountDownLatch stopping) {
		this.settings = settings;
		this.clock = clock;
		this.stopping = stopping;
	}

	/**
	 * Waits until the workers have consumed every event a phase published (written,
	 * linked, set aside or dead-lettered: nothing is waited on twice), measuring every
	 * progress interval; a phase whose events are not consumed for the stall timeout is
	 * reported stalled.
	 */
	void settle(BulkRun.Phase phase, Backlog backlog) throws InterruptedException {
		Instant lastProgress = this.clock.instant();
		long lastDone = -1;
		while (true) {
			if (measure(phase, backlog, true) == 0) {
				phase.state = "finished";
				return;
			}
			if (phase.done != lastDone) {
				lastDone = phase.done;
				lastProgress = this.clock.instant();
			}
			else if (Duration.between(lastProgress, this.clock.instant()).compareTo(this.settings.stallTimeout()) > 0) {
				phase.state = "stalled";
				logger.warn(
						"Bulk sync {} {}: {} of {} events not consumed after {} without progress; is a worker"
								+ " consuming? (see hubsync-ops status)",
						ObjectTypes.pathName(phase.objectTypeId), phase.direction.wireValue(),
						phase.published - phase.done, phase.published, this.settings.stallTimeout());
				return;
			}
			if (this.stopping.await(this.settings.progressInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new InterruptedException("stopping");
			}
		}
	}

	/**
	 * Measures a phase's progress: records done are events consumed plus rows set aside
	 * before publishing.
	 * @return the events not consumed yet, or -1 when not measured now
	 */
	int measure(BulkRun.Phase phase, Backlog backlog, boolean force) {
		Instant now = this.clock.instant();
		if (!force && Duration.between(phase.measuredAt, now).compareTo(this.settings.progressInterval()) < 0) {
			return -1;
		}
		int waiting = backlog.refresh();
		phase.done = Math.max(0, phase.published - waiting) + phase.duplicates;
		phase.measuredAt = now;
		if (!force) {
			log(phase);
		}
		return waiting;
	}

	static void log(BulkRun.Phase phase) {
		BulkRun.Progress progress = phase.progress();
		logger.info("Bulk sync {} {}: {}/{} ({} %), {}/s, ETA {}; {} linked to existing records, {} set aside",
				ObjectTypes.pathName(phase.objectTypeId), phase.direction.wireValue(), progress.done(),
				progress.total(), (progress.total() == 0) ? 100 : progress.done() * 100 / progress.total(),
				String.format(Locale.ROOT, "%.0f", progress.perSecond()),
				(progress.etaSeconds() != null) ? progress.etaSeconds() + " s" : "-", progress.linked(),
				progress.setAside());
	}

	/**
	 * Waits until the workers are at most {@code max-ahead} events behind what this phase
	 * published. Without progress for the stall timeout (no worker consuming) it stops
	 * waiting and publishes the rest: the events then wait in the topic.
	 */
	void throttle(BulkRun.Phase phase, Backlog backlog) throws InterruptedException {
		int last = Integer.MAX_VALUE;
		Instant lastProgress = this.clock.instant();
		int ahead;
		while ((ahead = backlog.refresh()) > this.settings.maxAhead()) {
			if (ahead < last) {
				last = ahead;
				lastProgress = this.clock.instant();
			}
			else if (Duration.between(lastProgress, this.clock.instant()).compareTo(this.settings.stallTimeout()) > 0) {
				logger.warn(
						"Bulk sync {} {}: the workers consumed none of its {} waiting events in {}; publishing the"
								+ " rest without waiting",
						ObjectTypes.pathName(phase.objectTypeId), phase.direction.wireValue(), ahead,
						this.settings.stallTimeout());
				backlog.forget();
				return;
			}
			if (this.stopping.await(this.settings.aheadCheckInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new InterruptedException("stopping");
			}
		}
	}

	static void await(List<CompletableFuture<SendResult<String, byte[]>>> sends, Backlog backlog) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
				backlog.published(send.get().getRecordMetadata());
			}
			sends.clear();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge the bulk sync's events: " + ex.getMessage(), ex);
		}
	}

}
