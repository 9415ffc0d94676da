package dev.hubsync.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.hubsync.emulator.testing.EmulatorAdmin;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.demo.DemoPlatform;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import dev.hubsync.ingress.WebhookIngressApplication;
import dev.hubsync.worker.SyncWorkerApplication;
import dev.hubsync.worker.bulk.BulkRun;
import dev.hubsync.worker.bulk.BulkSync;
import dev.hubsync.worker.reconcile.Reconciler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Backfill: leads that exist before HubSync (no links, no change events) pushed to the
 * HubSpot emulator by the worker's bulk sync at a Professional app's limits (190 requests
 * per 10 s, batches of 100: a ceiling of 1,900 records/s). Once with webhooks off, once
 * with the emulator's webhooks going through the real ingress into the worker, whose
 * echoes must be dropped without a read. Broker, PostgreSQL, emulator, ingress and worker
 * share this JVM and its cores.
 */
@Command(name = "worker-backfill", description = "Bulk sync of leads to HubSpot: records/s, calls per record.")
final class WorkerBackfillBenchmark implements Runnable {

	/**
	 * The paths the worker calls in the default API version, as the emulator logs them.
	 */
	private static final ApiPaths PATHS = ApiPaths.defaults();

	private static final double CEILING = 1_900;

	private static final String RECONCILE_ROW = "reconcile | ";

	@Option(names = "--rows", description = "Leads to backfill (default: ${DEFAULT-VALUE}).")
	int rows = 100_000;

	@Option(names = "--webhooks", split = ",",
			description = "Runs: off, on or both, comma-separated (default: ${DEFAULT-VALUE}).")
	List<String> webhooks = List.of("off", "on");

	@Option(names = "--slow-query-log", description = "Logs PostgreSQL statements slower than this many ms with"
			+ " their plans (auto_explain) to the temporary server's log; 0 is off (default: ${DEFAULT-VALUE}).")
	int slowQueryMillis;

	@Option(names = "--warmup", description = "Leads backfilled first and not measured, so the measured run"
			+ " meets compiled code as a long-running service would; the rate windows refill before the measured"
			+ " run starts (default: ${DEFAULT-VALUE}: a cold start).")
	int warmup;

	@Option(names = "--reconcile", description = "After the backfill, reconcile the contacts once (no fix) and"
			+ " print its time, records compared per second and calls.")
	boolean reconcile;

	@Option(names = "--existing", description = "The portal already has a contact for every lead (same email,"
			+ " last changed a day ago): the bulk sync links them and merges each pair — the lead's last name goes"
			+ " to HubSpot, the contact's phone to the lead.")
	boolean existing;

	private final List<String> reconcileRows = new ArrayList<>();

	@Override
	public void run() {
		// CHECKSTYLE:OFF: a benchmark's console output is its result
		System.out.println();
		System.out.println("## Backfill through the bulk sync, at Professional rate limits");
		System.out.println();
		System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
				+ System.getProperty("java.version"));
		System.out.println();
		System.out.println("| webhooks | contacts exist | warm-up leads | leads | time | records/s | of the 1,900/s"
				+ " ceiling | of the ceiling at its calls per record | write calls | write calls per record | all calls"
				+ " per record | list calls | read calls | association calls | other calls | 429s answered (all"
				+ " retried) | webhook events received |");
		System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		if (this.webhooks.size() == 1) {
			System.out.println(run(this.webhooks.get(0).equals("on")));
		}
		else {
			for (String mode : this.webhooks) {
				System.out.println(fork(mode));
			}
		}
		if (!this.reconcileRows.isEmpty()) {
			System.out.println();
			System.out.println("Reconcile of the backfilled contacts (background lane, no fix):");
			System.out.println();
			System.out.println("| webhooks | records compared | time | compared/s | HubSpot calls | drift |");
			System.out.println("|---|---|---|---|---|---|");
			this.reconcileRows.forEach(System.out::println);
		}
		// CHECKSTYLE:ON
	}

	/**
	 * Measures one mode in a JVM of its own: a second embedded broker started in the same
	 * JVM after the first has stopped answered the first produce requests with
	 * NOT_LEADER_OR_FOLLOWER and then OUT_OF_ORDER_SEQUENCE_NUMBER for ever, and a fresh
	 * JVM also keeps the first run's compiled code from flattering the second.
	 */
	private String fork(String mode) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElseThrow());
		List<String> arguments = List.of(ProcessHandle.current().info().arguments().orElseThrow());
		int subcommand = arguments.indexOf("worker-backfill");
		if (subcommand < 0) {
			throw new IllegalStateException("cannot find the subcommand in " + arguments);
		}
		command.addAll(arguments.subList(0, subcommand + 1));
		command.addAll(List.of("--rows", String.valueOf(this.rows), "--webhooks", mode, "--slow-query-log",
				String.valueOf(this.slowQueryMillis), "--warmup", String.valueOf(this.warmup)));
		if (this.reconcile) {
			command.add("--reconcile");
		}
		if (this.existing) {
			command.add("--existing");
		}
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String row = null;
			try (var lines = new java.io.BufferedReader(
					new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.startsWith("| " + mode + " |")) {
						row = line;
					}
					else if (line.startsWith(RECONCILE_ROW + mode + " |")) {
						this.reconcileRows.add(line.substring(RECONCILE_ROW.length() - 2));
					}
					else if (line.contains("Bulk sync") || line.startsWith("Caused by")
							|| line.contains("Exception:")) {
						System.out.println(line); // CHECKSTYLE:OFF:LINE progress and
													// failures of the child
					}
				}
			}
			int exit = process.waitFor();
			if (row == null) {
				throw new IllegalStateException("the " + mode + " run exited with " + exit + " and no result");
			}
			return row;
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start the " + mode + " run: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private String run(boolean webhooksOn) {
		try (KafkaBroker broker = KafkaBroker.startTemporary();
				PostgresServer postgres = PostgresServer.startTemporary()) {
			DemoDatabase demo = DemoPlatform.install(postgres);
			WorkerInboundBenchmark.publishMappings(broker);
			if (this.slowQueryMillis > 0) {
				// how the bulk sync's plan regression on stale statistics was found
				String threshold = "'" + this.slowQueryMillis + "ms'";
				postgres.execute("postgres", "ALTER SYSTEM SET log_min_duration_statement = " + threshold,
						"ALTER SYSTEM SET session_preload_libraries = 'auto_explain'",
						"ALTER SYSTEM SET auto_explain.log_min_duration = " + threshold,
						"ALTER SYSTEM SET auto_explain.log_analyze = 'on'", "SELECT pg_reload_conf()");
			}
			int ingressPort = freePort();
			String ingressUrl = "http://localhost:" + ingressPort;
			List<AutoCloseable> started = new ArrayList<>();
			try {
				HubSpotEmulator emulator = HubSpotEmulator.start(webhooksOn
						? Map.of("logging.level.root", "WARN", "emulator.webhook.target-url",
								ingressUrl + "/webhooks/hubspot", "emulator.webhook.client-secret", "bench-secret")
						: Map.of("logging.level.root", "WARN"));
				started.add(emulator);
				if (webhooksOn) {
					started.add(new SpringApplicationBuilder(WebhookIngressApplication.class)
						.properties(Map.of("spring.config.name", WebhookIngressApplication.CONFIG_NAME))
						.run("--server.port=" + ingressPort, "--management.server.port=0",
								"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
								"--hubsync.ingress.client-secrets=bench-secret",
								"--hubsync.ingress.public-base-url=" + ingressUrl, "--logging.level.root=WARN",
								"--spring.main.banner-mode=off"));
				}
				ConfigurableApplicationContext worker = new SpringApplicationBuilder(SyncWorkerApplication.class)
					.properties(Map.of("spring.config.name", SyncWorkerApplication.CONFIG_NAME))
					.run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
							"--spring.datasource.url=" + demo.jdbcUrl(),
							"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
							"--hubsync.hubspot.base-url=" + emulator.baseUrl(), "--hubsync.worker.poller.enabled=false",
							"--hubsync.worker.bulk.on-first-start=false", "--logging.level.root=WARN",
							"--hubsync.worker.bulk.progress-interval=200ms", "--hubsync.admin.api-key=bench",
							"--hubsync.admin.allow-weak-keys=true", "--logging.level.dev.hubsync.worker.bulk=INFO");
				started.add(0, worker);
				long warmEchoes = 0;
				if (this.warmup > 0) {
					insert(demo, "warmup", this.warmup);
					backfill(demo, worker, this.warmup, 0, false);
					warmEchoes = webhooksOn ? webhookEvents(worker) : 0;
					// the worker's and the emulator's 10-second rate windows refill
					LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(11));
				}
				insert(demo, "backfill", this.rows);
				if (this.existing) {
					// a contact per lead, last changed a day ago: the same first name and
					// stage, no last name, a phone the lead lacks
					emulator.admin()
						.seed("contacts", this.rows,
								Map.of("email", "backfill{n}@example.com", "firstname", "Backfill", "lifecyclestage",
										"lead", "phone", "+14155550100"),
								java.time.Instant.now().minus(java.time.Duration.ofDays(1)).toString());
				}
				return measure(demo, emulator.admin(), worker, webhooksOn, warmEchoes);
			}
			finally {
				for (AutoCloseable closeable : started) {
					closeable.close();
				}
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String measure(DemoDatabase demo, EmulatorAdmin admin, ConfigurableApplicationContext worker,
			boolean webhooksOn, long warmEchoes) {
		admin.clearRequests();
		double seconds = backfill(demo, worker, this.rows, this.warmup, this.existing);
		List<EmulatorAdmin.Request> requests = admin.requests(null, "/crm/");
		long writes = requests.stream()
			.filter((r) -> r.status() != 429 && (r.path().equals(PATHS.objectsBatch("contacts", "upsert"))
					|| r.path().equals(PATHS.objectsBatch("contacts", "update"))))
			.count();
		long associations = requests.stream().filter((r) -> r.path().contains("/associations/")).count();
		long limited = requests.stream().filter((r) -> r.status() == 429).count();
		long reads = requests.stream()
			.filter((r) -> r.status() != 429 && r.path().equals(PATHS.objectsBatch("contacts", "read")))
			.count();
		long lists = requests.stream()
			.filter((r) -> r.status() != 429 && r.method().equals("GET") && r.path().equals(PATHS.objects("contacts")))
			.count();
		long other = requests.size() - writes - associations - limited - reads - lists;
		double perSecond = this.rows / seconds;
		long webhookEvents = webhooksOn ? webhookEvents(worker) - warmEchoes : 0;
		if (this.reconcile) {
			this.reconcileRows.add(reconcile(admin, worker, webhooksOn ? "on" : "off"));
		}
		double callsPerRecord = (requests.size() - limited) / (double) this.rows;
		// the rate budget allows 19 calls a second: at this many calls per record, this
		// many records a second at most
		double callBound = CEILING / 100 / callsPerRecord;
		return String.format(
				"| %s | %s | %,d | %,d | %.1f s | %,.0f | %.1f %% | %.1f %% | %,d | %.4f | %.4f | %,d | %,d | %,d | %,d"
						+ " | %,d | %s |",
				webhooksOn ? "on" : "off", this.existing ? "yes" : "no", this.warmup, this.rows, seconds, perSecond,
				100 * perSecond / CEILING, 100 * perSecond / callBound, writes, writes / (double) this.rows,
				callsPerRecord, lists, reads, associations, other, limited,
				webhooksOn ? String.format("%,d", webhookEvents) : "-");
	}

	/**
	 * Bulk-syncs the unlinked leads and waits until the last one is linked.
	 * @return the seconds it took
	 */
	private static double backfill(DemoDatabase demo, ConfigurableApplicationContext worker, int rows,
			long linkedBefore, boolean merged) {
		long began = System.nanoTime();
		BulkRun run = worker.getBean(BulkSync.class)
			.start(Set.of("contacts"), Set.of(BulkSync.Direction.PUSH), "benchmark");
		// the time until the last lead is linked; the run itself notices at its next
		// progress measurement
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
		long linked = 0;
		while (linked < rows && !(run.isFinished() && !run.state().equals("finished"))
				&& System.nanoTime() < deadline) {
			// counting the links scans them: once a second until the end is near, then
			// often enough that the time is exact to 50 ms (a count every 100 ms took a
			// tenth of a core from the run it measured)
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos((linked < rows * 0.97) ? 1000 : 50));
			linked = count(demo, "SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1'") - linkedBefore;
		}
		// existing contacts are linked first and merged afterwards: the end is the run's
		while (merged && !run.isFinished() && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		double seconds = (System.nanoTime() - began) / 1e9;
		if (merged && !run.state().equals("finished")) {
			throw new IllegalStateException("the bulk sync " + run.state() + ": " + run.detail());
		}
		if (linked != rows) {
			throw new IllegalStateException(
					"only " + linked + " of " + rows + " leads linked: " + run.state() + " " + run.detail());
		}
		return seconds;
	}

	/**
	 * Reconciles the contacts once and describes it as a table row (prefixed so a parent
	 * process can pick it out of the child's output).
	 */
	private static String reconcile(EmulatorAdmin admin, ConfigurableApplicationContext worker, String mode) {
		admin.clearRequests();
		long began = System.nanoTime();
		Reconciler.Run run = worker.getBean(Reconciler.class).start("contacts", false, false);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
		while (run.state().equals("running") && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		double seconds = (System.nanoTime() - began) / 1e9;
		if (!run.state().equals("finished")) {
			throw new IllegalStateException("reconcile " + run.state() + ": " + run.detail());
		}
		return String.format("%s%s | %,d | %.1f s | %,.0f | %,d | %s |", RECONCILE_ROW, mode, run.scanned(), seconds,
				run.scanned() / seconds, admin.requests(null, "/crm/").size(), run.detail());
	}

	/**
	 * Counts the echoes the worker dropped (its outcome counter; echoes leave no
	 * processed identity), once the count stops growing.
	 */
	private static long webhookEvents(ConfigurableApplicationContext worker) {
		MeterRegistry meters = worker.getBean(MeterRegistry.class);
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		long last = -1;
		while (System.nanoTime() < deadline) {
			long now = (long) meters.find("hubsync.worker.outcomes")
				.tags("direction", "inbound", "outcome", "echo")
				.counters()
				.stream()
				.mapToDouble(Counter::count)
				.sum();
			if (now == last && now > 0) {
				return now;
			}
			last = now;
			LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
		}
		return last;
	}

	private static void insert(DemoDatabase demo, String prefix, int rows) throws SQLException {
		try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
			statement.execute("INSERT INTO leads (email, first_name, last_name, lifecycle_stage) SELECT '" + prefix
					+ "' || g || '@example.com', 'Backfill', 'Lead ' || g, 'lead' FROM generate_series(0, " + (rows - 1)
					+ ") g");
		}
	}

	private static long count(DemoDatabase demo, String sql) {
		try (Connection connection = demo.connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
