package dev.hubsync.chaos.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import dev.hubsync.chaos.stack.EmulatorControl;
import dev.hubsync.chaos.stack.ServiceProcess;
import dev.hubsync.chaos.stack.Stack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects a plan's faults one after the other: each is applied, held for its length, then
 * undone (the instance restarted and ready again, the emulator's faults cleared) before
 * the next one is due. Records what happened, so the report and the checker know which
 * faults ran and when the last one ended.
 */
public final class FaultInjector {

	private static final Logger logger = LoggerFactory.getLogger(FaultInjector.class);

	/**
	 * Batch calls, written as legacy paths: the emulator applies a rule written for a
	 * legacy path to its dated twin too
	 * ({@code /crm/objects/2026-09/contacts/batch/upsert}), so these faults hit the
	 * worker whatever API version it speaks; {@code /crm/v4/**} likewise covers dated
	 * association calls.
	 */
	private static final String BATCH_PATHS = "/crm/v3/objects/*/batch/**";

	private final Stack stack;

	private final EmulatorControl emulator;

	private final Duration readyTimeout;

	private final List<FaultRecord> records = new CopyOnWriteArrayList<>();

	/**
	 * Creates an injector.
	 * @param stack the running stack
	 * @param readyTimeout how long a restarted instance may take to be ready
	 */
	public FaultInjector(Stack stack, Duration readyTimeout) {
		this.stack = stack;
		this.emulator = stack.emulator();
		this.readyTimeout = readyTimeout;
	}

	/**
	 * Runs the plan from now.
	 * @param plan the plan
	 * @param running told false to stop early
	 */
	public void run(FaultPlan plan, BooleanSupplier running) {
		long start = System.nanoTime();
		for (ScheduledFault fault : plan.faults()) {
			long due = start + fault.offset().toNanos();
			while (running.getAsBoolean() && System.nanoTime() < due) {
				LockSupport.parkNanos(Math.min(due - System.nanoTime(), 100_000_000L));
			}
			if (!running.getAsBoolean()) {
				return;
			}
			inject(fault);
		}
	}

	private void inject(ScheduledFault fault) {
		Instant began = Instant.now();
		String detail = fault.kind().name();
		String error = null;
		try {
			detail = apply(fault);
		}
		catch (RuntimeException ex) {
			error = ex.getMessage();
			logger.warn("fault {} failed: {}", fault.kind(), ex.toString());
			this.emulator.clearFaults();
		}
		for (int attempt = 1; attempt <= 3; attempt++) {
			try {
				List<String> revived = this.stack.revive();
				if (!revived.isEmpty()) {
					detail += "; restarted again: " + revived;
				}
				break;
			}
			catch (RuntimeException ex) {
				logger.warn("restart after {} failed (attempt {} of 3): {}", fault.kind(), attempt, ex.toString());
			}
		}
		FaultRecord record = new FaultRecord(fault.kind(), detail, began, Instant.now(), error);
		this.records.add(record);
		logger.info("fault {} ({}) from {} to {}{}", record.kind(), record.detail(), record.began(), record.ended(),
				(error != null) ? ": " + error : "");
	}

	private String apply(ScheduledFault fault) {
		Duration length = fault.length();
		return switch (fault.kind()) {
			case KILL_WORKER -> killAndRestart(pick(this.stack.workers(), fault.target()), length, true);
			case KILL_INGRESS -> killAndRestart(pick(this.stack.ingresses(), fault.target()), length, false);
			case KILL_PUBLISHER -> killAndRestart(
					this.stack.capturingPublisher().orElseGet(() -> pick(this.stack.publishers(), fault.target())),
					length, false);
			case RESTART_KAFKA -> {
				this.stack.restartKafka(length);
				yield "broker down " + length.toMillis() + " ms";
			}
			case RESTART_POSTGRES -> {
				this.stack.restartPostgres(length);
				yield "database down " + length.toMillis() + " ms";
			}
			case STORM_429 -> emulatorFault(Map.of("storm429", Map.of("durationMs", length.toMillis())), length,
					"every call 429 for " + length.toMillis() + " ms");
			case ERRORS_5XX ->
				emulatorFault(
						Map.of("rules",
								List.of(rule(BATCH_PATHS, 0.5, 503, null, null),
										rule("/crm/v4/**", 0.5, 502, null, null))),
						length, "half the batch and association calls 5xx");
			case SLOW_ANSWERS -> emulatorFault(Map.of("rules", List.of(rule(BATCH_PATHS, 0.0, null, 4000L, null))),
					length, "batch calls answer after 4 s (the worker gives up after 3 s)");
			case WEBHOOKS_DROPPED -> emulatorFault(webhooks(0.3, 0, false), length, "30 % of deliveries lost");
			case WEBHOOKS_DUPLICATED -> emulatorFault(webhooks(0, 0.5, false), length, "50 % of deliveries twice");
			case WEBHOOKS_REORDERED ->
				emulatorFault(webhooks(0, 0, true), length, "events shuffled, deliveries delayed");
			case DAILY_LIMIT -> emulatorFault(Map.of("rules", List.of(rule("/crm/**", 1.0, 429, null, "DAILY"))),
					length, "429 DAILY on every CRM call, reset after " + length.toMillis() + " ms");
		};
	}

	private static ServiceProcess pick(List<ServiceProcess> instances, int target) {
		return instances.get(Math.floorMod(target, instances.size()));
	}

	private String killAndRestart(ServiceProcess instance, Duration down, boolean worker) {
		instance.kill();
		LockSupport.parkNanos(down.toNanos());
		instance.start();
		if (worker) {
			this.stack.awaitWorkerReady(instance, this.readyTimeout);
		}
		else {
			instance.awaitReady(this.readyTimeout);
		}
		return "SIGKILL " + instance.name() + ", down " + down.toMillis() + " ms";
	}

	private String emulatorFault(Map<String, ?> faults, Duration length, String detail) {
		this.emulator.faults(faults);
		try {
			LockSupport.parkNanos(length.toNanos());
		}
		finally {
			this.emulator.clearFaults();
		}
		return detail;
	}

	private static Map<String, Object> rule(String path, double errorRate, Integer status, Long latencyMs,
			String policyName) {
		Map<String, Object> rule = new java.util.LinkedHashMap<>();
		rule.put("path", path);
		rule.put("errorRate", errorRate);
		rule.put("status", status);
		rule.put("latencyMs", latencyMs);
		rule.put("policyName", policyName);
		if ("DAILY".equals(policyName)) {
			// the daily reset, compressed: the client pauses until Retry-After
			rule.put("retryAfterSeconds", 5);
			rule.put("method", null);
		}
		return rule;
	}

	private static Map<String, Object> webhooks(double dropRate, double duplicateRate, boolean reorder) {
		return Map.of("webhooks", Map.of("dropRate", dropRate, "duplicateRate", duplicateRate, "reorder", reorder));
	}

	/**
	 * Returns the faults injected so far.
	 * @return the records, in order
	 */
	public List<FaultRecord> records() {
		return new ArrayList<>(this.records);
	}

}
