package dev.hubsync.chaos.run;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import dev.hubsync.chaos.check.InvariantChecker;
import dev.hubsync.chaos.check.OrderingCheck;
import dev.hubsync.chaos.check.Snapshot;
import dev.hubsync.chaos.check.SnapshotReader;
import dev.hubsync.chaos.check.Violation;
import dev.hubsync.chaos.faults.FaultInjector;
import dev.hubsync.chaos.faults.FaultPlan;
import dev.hubsync.chaos.faults.FaultRecord;
import dev.hubsync.chaos.stack.ServiceJars;
import dev.hubsync.chaos.stack.Stack;
import dev.hubsync.chaos.stack.StackShape;
import dev.hubsync.chaos.workload.Entity;
import dev.hubsync.chaos.workload.HubSpotWriter;
import dev.hubsync.chaos.workload.Ledger;
import dev.hubsync.chaos.workload.Operation;
import dev.hubsync.chaos.workload.PlatformWriter;
import dev.hubsync.chaos.workload.Workload;
import dev.hubsync.chaos.workload.WorkloadSettings;
import dev.hubsync.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chaos run: records born before the start, the stack, the workload and the faults at
 * once, then convergence and the invariants.
 */
public final class ChaosRun {

	private static final Logger logger = LoggerFactory.getLogger(ChaosRun.class);

	private static final int SYNC_LOG_LINES = 25;

	private final Profile profile;

	private final long seed;

	private final ServiceJars jars;

	private final Path workDirectory;

	private final java.util.Set<Operation> operations;

	private final JsonMapper json = JsonMapper.builder().build();

	/**
	 * Prepares a run.
	 * @param profile the profile
	 * @param seed the seed
	 * @param operations the workload's operations
	 * @param jars the services' jars
	 * @param workDirectory where logs go
	 */
	public ChaosRun(Profile profile, long seed, java.util.Set<Operation> operations, ServiceJars jars,
			Path workDirectory) {
		this.profile = profile;
		this.seed = seed;
		this.operations = operations;
		this.jars = jars;
		this.workDirectory = workDirectory;
	}

	/**
	 * Runs it.
	 * @return what it found
	 * @throws SQLException when the platform cannot be read at the end
	 */
	public RunResult run() throws SQLException {
		StackShape shape = new StackShape(this.profile.ingresses(), this.profile.workers(), this.profile.publishers(),
				this.profile.keepMappingService(), this.profile.jvmOptions(), this.profile.pollerInterval(),
				this.profile.webhookRetrySchedule(), false, this.profile.readyTimeout(), this.workDirectory);
		long began = System.nanoTime();
		try (Stack stack = Stack.startInfrastructure(this.jars, shape, this.json)) {
			Ledger ledger = new Ledger();
			PlatformWriter platform = new PlatformWriter(stack.platform());
			HubSpotWriter hubspot = new HubSpotWriter(stack.hubspotUrl(), stack.emulator());
			Workload workload = new Workload(
					new WorkloadSettings(this.seed, this.profile.rate(), this.profile.workload(),
							this.profile.bornBefore(), 8, Duration.ofSeconds(3), this.operations),
					ledger, platform, hubspot);
			workload.bornBefore();
			stack.startServices();
			Duration startup = Duration.ofNanos(System.nanoTime() - began);
			logger.info("stack ready in {} s; workload and faults start", startup.toSeconds());
			long activeFrom = System.nanoTime();
			FaultInjector injector = new FaultInjector(stack, this.profile.readyTimeout());
			List<FaultRecord> faults = inject(stack, injector, workload);
			Duration active = Duration.ofNanos(System.nanoTime() - activeFrom);
			double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			Instant lastFault = faults.stream().map(FaultRecord::ended).max(Instant::compareTo).orElse(Instant.now());
			SnapshotReader reader = new SnapshotReader(platform, hubspot.client(), stack.kafka().bootstrapServers());
			InvariantChecker checker = new InvariantChecker(this.profile.ambiguity());
			Instant converged = awaitConvergence(reader, checker, ledger,
					(found) -> justify(found, stack.emulator().droppedEvents(), faults));
			List<Violation> violations = withWrites(stack,
					justify(fullCheck(reader, checker, ledger), stack.emulator().droppedEvents(), faults));
			long events = consumedEvents(stack);
			Duration convergence = (converged != null) ? Duration.between(lastFault, converged) : null;
			double seconds = Math.max(1,
					(active.toMillis() + ((convergence != null) ? Math.max(0, convergence.toMillis()) : 0)) / 1000.0);
			long calls = stack.emulator().requests("app:" + Stack.APP_ID, 0, 999);
			long limited = stack.emulator().requests("app:" + Stack.APP_ID, 429, 429);
			return new RunResult(this.profile, this.seed, shape.jvms(), startup, active, convergence, faults,
					ledger.changes(), ledger.failures(), ledger.operations(), events, events / seconds, calls, limited,
					ledger.entities().size(), violations, Runtime.getRuntime().availableProcessors(), load);
		}
	}

	private List<FaultRecord> inject(Stack stack, FaultInjector injector, Workload workload) {
		FaultPlan plan = FaultPlan.draw(this.seed, this.profile.workload(), this.profile.faults(),
				this.profile.faultCycles(), this.profile.faultMin(), this.profile.faultMax());
		AtomicBoolean faultsDone = new AtomicBoolean();
		Thread faults = new Thread(() -> {
			try {
				injector.run(plan, () -> true);
			}
			finally {
				faultsDone.set(true);
			}
		}, "chaos-faults");
		faults.start();
		workload.run(faultsDone::get);
		try {
			faults.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return injector.records();
	}

	private Instant awaitConvergence(SnapshotReader reader, InvariantChecker checker, Ledger ledger,
			java.util.function.UnaryOperator<List<Violation>> justification) {
		long deadline = System.nanoTime() + this.profile.convergenceTimeout().toNanos();
		List<Violation> last = List.of();
		while (System.nanoTime() < deadline) {
			try {
				last = justification.apply(checker.check(ledger, reader.read(false)))
					.stream()
					.filter((violation) -> violation.justification() == null)
					.toList();
				if (last.isEmpty()) {
					// the end of the read that found both sides agreeing: convergence
					// came
					// at the latest then (within one check interval)
					logger.info("both sides agree with the ledger");
					return Instant.now();
				}
			}
			catch (SQLException | RuntimeException ex) {
				logger.info("convergence check failed: {}", ex.toString());
			}
			if (!last.isEmpty()) {
				logger.info("not converged yet: {} violation(s), e.g. {} {}: {}", last.size(), last.get(0).invariant(),
						last.get(0).record(), last.get(0).detail());
			}
			LockSupport.parkNanos(this.profile.checkInterval().toNanos());
		}
		return null;
	}

	private List<Violation> fullCheck(SnapshotReader reader, InvariantChecker checker, Ledger ledger)
			throws SQLException {
		Snapshot snapshot = reader.read(true);
		List<Violation> violations = new ArrayList<>(checker.check(ledger, snapshot));
		for (Entity entity : ledger.entities()) {
			String key = entity.platformKey();
			if (key == null || entity.mergedWith() != null) {
				continue;
			}
			List<String> ids = snapshot.links()
				.stream()
				.filter((link) -> link.platformKey().equals(key))
				.map(Snapshot.LinkRow::hubspotId)
				.toList();
			violations.addAll(OrderingCheck.check(entity, reader, key, ids));
		}
		Map<String, Entity> byKey = new java.util.HashMap<>();
		ledger.entities().stream().filter((e) -> e.platformKey() != null).forEach((e) -> byKey.put(e.platformKey(), e));
		for (List<String> echo : reader.platformEchoes()) {
			Entity entity = byKey.get(echo.get(1));
			violations.add(Violation.of(dev.hubsync.chaos.check.Invariant.NO_ECHO,
					(entity != null) ? entity.label() : echo.get(0) + " " + echo.get(1), "the sync wrote " + echo.get(3)
							+ " = '" + echo.get(4) + "' to the platform row, which held it already",
					echo.get(0), echo.get(1), echo.get(2)));
		}
		List<Violation> withLogs = new ArrayList<>();
		for (Violation violation : violations) {
			withLogs
				.add((violation.objectTypeId() != null) ? violation.withSyncLog(reader.syncLog(violation.objectTypeId(),
						violation.platformKey(), violation.hubspotId(), SYNC_LOG_LINES)) : violation);
		}
		return withLogs;
	}

	/**
	 * Adds to each write that changed nothing the HubSync writes HubSpot handled around
	 * it (within 1 s), to tell which call it was.
	 */
	private static List<Violation> withWrites(Stack stack, List<Violation> violations) {
		List<Violation> described = new ArrayList<>();
		for (Violation violation : violations) {
			String detail = violation.detail();
			if (violation.invariant() != dev.hubsync.chaos.check.Invariant.NO_ECHO || !detail.contains(" at [")) {
				described.add(violation);
				continue;
			}
			List<String> log = new ArrayList<>(violation.syncLog());
			for (String time : detail.substring(detail.indexOf(" at [") + 5, detail.length() - 1).split(", ")) {
				stack.emulator()
					.writesAround("app:" + Stack.APP_ID, Instant.parse(time.trim()), Duration.ofSeconds(1))
					.forEach((line) -> log.add("HubSpot call around the empty write: " + line));
			}
			described.add(violation.withSyncLog(log));
		}
		return described;
	}

	/**
	 * Justifies the violations of records whose webhooks a fault dropped, where nothing
	 * but a reconcile would bring the change in: the poller finds records whose
	 * last-modified time moved (creations, property changes), not deletions, restores,
	 * merges or association changes (HubSpot loses such events too; the README's runbook
	 * reconciles).
	 */
	static List<Violation> justify(List<Violation> violations, Map<String, java.util.Set<String>> dropped,
			List<FaultRecord> faults) {
		List<Violation> justified = new ArrayList<>();
		for (Violation violation : violations) {
			String timedOut = timedOutRetry(violation, faults);
			if (timedOut != null) {
				justified.add(violation.justifiedBy(timedOut));
				continue;
			}
			java.util.Set<String> lost = (violation.hubspotId() != null) ? dropped.get(violation.hubspotId()) : null;
			List<String> unhealed = (lost == null) ? List.of()
					: lost.stream().filter((type) -> explains(type, violation)).toList();
			justified.add(unhealed.isEmpty() ? violation : violation.justifiedBy("WEBHOOKS_DROPPED lost " + unhealed
					+ " events of HubSpot record " + violation.hubspotId() + ", which the poller does not heal"));
		}
		return justified;
	}

	/**
	 * Tells whether a lost event explains a violation: a lost association change explains
	 * a contact's company, a lost deletion, restore or merge the record's existence.
	 */
	private static boolean explains(String subscriptionType, Violation violation) {
		if (subscriptionType.endsWith(".associationChange")) {
			return violation.detail().startsWith(dev.hubsync.chaos.workload.ObjectKind.COMPANY_FIELD + ":");
		}
		if (subscriptionType.endsWith(".deletion") || subscriptionType.endsWith(".restore")
				|| subscriptionType.endsWith(".merge")) {
			return switch (violation.invariant()) {
				case DELETIONS_FOLLOWED, NO_RECORD_LOST, NO_DUPLICATE -> true;
				default -> false;
			};
		}
		return false; // creations and property changes: the poller brings them
	}

	/**
	 * Justifies writes that changed nothing when they are the retry of a write that timed
	 * out and landed anyway (HubSpot has no idempotency key): every one of them within a
	 * {@code SLOW_ANSWERS} fault or the 10 s after it (the worker retries within them).
	 */
	private static String timedOutRetry(Violation violation, List<FaultRecord> faults) {
		if (violation.invariant() != dev.hubsync.chaos.check.Invariant.NO_ECHO
				|| !violation.detail().contains(" at [")) {
			return null;
		}
		String times = violation.detail()
			.substring(violation.detail().indexOf(" at [") + 5, violation.detail().length() - 1);
		for (String time : times.split(", ")) {
			Instant at = Instant.parse(time.trim());
			boolean inside = faults.stream()
				.anyMatch((fault) -> fault.kind() == dev.hubsync.chaos.faults.FaultKind.SLOW_ANSWERS
						&& !at.isBefore(fault.began()) && !at.isAfter(fault.ended().plusSeconds(10)));
			if (!inside) {
				return null;
			}
		}
		return "SLOW_ANSWERS: a write that timed out landed, and its retry changed nothing";
	}

	private static long consumedEvents(Stack stack) {
		try (Admin admin = stack.kafka().admin()) {
			Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
			for (String topic : List.of(Topics.HUBSPOT_EVENTS, Topics.LOCAL_CHANGES)) {
				admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.get(topic)
					.partitions()
					.forEach((p) -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
			}
			return admin.listOffsets(latest)
				.all()
				.get(30, TimeUnit.SECONDS)
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException ex) {
			logger.warn("cannot count the events: {}", ex.toString());
			return 0;
		}
	}

}
