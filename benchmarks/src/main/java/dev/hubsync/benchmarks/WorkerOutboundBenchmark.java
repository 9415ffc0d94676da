package dev.hubsync.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.demo.DemoPlatform;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import dev.hubsync.publisher.OutboundPublisherApplication;
import dev.hubsync.worker.SyncWorkerApplication;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Platform to HubSpot through the real chain: rows written with SQL, captured by the
 * outbound publisher (Debezium), written to the HubSpot emulator by the sync worker, at a
 * Professional app's rate limits; broker, PostgreSQL, emulator, publisher and worker
 * share this JVM and its cores. Measures HubSpot write calls per change and the latency
 * from a row's commit to the worker's record of the HubSpot write.
 */
@Command(name = "worker-outbound",
		description = "Outbound sync through publisher and worker: calls per change, latency.")
final class WorkerOutboundBenchmark implements Runnable {

	/**
	 * The paths the worker calls in the default API version, as the emulator logs them.
	 */
	private static final ApiPaths PATHS = ApiPaths.defaults();

	@Option(names = "--rows", description = "Leads created in one transaction (default: ${DEFAULT-VALUE}).")
	int rows = 1000;

	@Option(names = "--rate", description = "Single-row updates per second (default: ${DEFAULT-VALUE}).")
	int rate = 50;

	@Option(names = "--seconds", description = "Duration of the update phase (default: ${DEFAULT-VALUE}).")
	int seconds = 20;

	@Override
	public void run() {
		try (KafkaBroker broker = KafkaBroker.startTemporary();
				PostgresServer postgres = PostgresServer.startTemporary()) {
			DemoDatabase demo = DemoPlatform.install(postgres);
			WorkerInboundBenchmark.publishMappings(broker);
			try (HubSpotEmulator emulator = HubSpotEmulator.start(Map.of("logging.level.root", "WARN"));
					ConfigurableApplicationContext publisher = new SpringApplicationBuilder(
							OutboundPublisherApplication.class)
						.properties(Map.of("spring.config.name", OutboundPublisherApplication.CONFIG_NAME))
						.run("--server.port=0", "--management.server.port=0",
								"--spring.datasource.url=" + demo.jdbcUrl(),
								"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
								"--logging.level.root=WARN", "--spring.main.banner-mode=off",
								"--hubsync.publisher.snapshot-mode=no_data");
					ConfigurableApplicationContext worker = new SpringApplicationBuilder(SyncWorkerApplication.class)
						.properties(Map.of("spring.config.name", SyncWorkerApplication.CONFIG_NAME))
						.run("--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
								"--spring.datasource.url=" + demo.jdbcUrl(),
								"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
								"--hubsync.hubspot.base-url=" + emulator.baseUrl(),
								"--hubsync.worker.poller.enabled=false", "--hubsync.worker.bulk.on-first-start=false",
								"--logging.level.root=WARN", "--hubsync.admin.api-key=bench",
								"--hubsync.admin.allow-weak-keys=true")) {
				Report.header("Sync worker, outbound, through the publisher, at Professional rate limits");
				List<String> keys = create(demo, emulator);
				update(demo, emulator, keys);
			}
		}
	}

	private List<String> create(DemoDatabase demo, HubSpotEmulator emulator) {
		List<String> keys = new ArrayList<>();
		int before = writes(emulator);
		long began = System.nanoTime();
		try (Connection connection = demo.connect()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO leads (email, first_name,"
					+ " last_name, lifecycle_stage) VALUES (?, 'Bench', ?, 'lead') RETURNING id::text")) {
				for (int i = 0; i < this.rows; i++) {
					insert.setString(1, "outbound" + i + "-" + UUID.randomUUID() + "@example.com");
					insert.setString(2, "Lead " + i);
					try (ResultSet rs = insert.executeQuery()) {
						rs.next();
						keys.add(rs.getString(1));
					}
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		awaitLinks(demo, keys.size());
		double seconds = (System.nanoTime() - began) / 1e9;
		int calls = writes(emulator) - before;
		Report.row(
				String.format("%d leads in one transaction: %d HubSpot write calls (%.3f per change), all linked in"
						+ " %.1f s", this.rows, calls, calls / (double) this.rows, seconds),
				String.format("%.0f changes/s", this.rows / seconds), latencies(demo, keys));
		return keys;
	}

	private void update(DemoDatabase demo, HubSpotEmulator emulator, List<String> keys) {
		int total = Math.min(keys.size(), this.rate * this.seconds);
		int before = writes(emulator);
		long interval = TimeUnit.SECONDS.toNanos(1) / this.rate;
		List<String> updated = keys.subList(0, total);
		long processedBefore = processed(demo);
		try (Connection connection = demo.connect();
				PreparedStatement statement = connection
					.prepareStatement("UPDATE leads SET last_name = last_name || ' (renamed)' WHERE id = ?::uuid")) {
			long due = System.nanoTime();
			for (String key : updated) {
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				statement.setString(1, key);
				statement.executeUpdate();
				due += interval;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (processed(demo) < processedBefore + total && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		int calls = writes(emulator) - before;
		Report.row(
				String.format("single-row updates, one field each: %d HubSpot write calls for %d changes (%.3f per"
						+ " change)", calls, total, calls / (double) total),
				String.format("%d changes/s", this.rate), latencies(demo, updated));
	}

	/**
	 * Latency from a row's last commit ({@code updated_at}, set by the demo's trigger in
	 * the committing transaction) to the transaction that recorded the HubSpot write
	 * ({@code processed_event.processed_at} of the row's newest change).
	 */
	private static Histogram latencies(DemoDatabase demo, List<String> keys) {
		Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
		try (Connection connection = demo.connect();
				PreparedStatement statement = connection.prepareStatement("SELECT (extract(epoch FROM"
						+ " max(p.processed_at) - l.updated_at) * 1000000)::bigint FROM leads l JOIN hubsync.processed_event p"
						+ " ON p.identity LIKE 'local:leads:' || l.id::text || ':%' WHERE l.id::text = ANY(?) GROUP BY l.id,"
						+ " l.updated_at")) {
			statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					histogram.recordValue(Math.max(0, rs.getLong(1)) * 1000);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return histogram;
	}

	private static int writes(HubSpotEmulator emulator) {
		return emulator.admin().requests("POST", PATHS.objects("contacts") + "/batch/").size();
	}

	private static long processed(DemoDatabase demo) {
		try (Connection connection = demo.connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement
					.executeQuery("SELECT count(*) FROM hubsync.processed_event WHERE identity LIKE 'local:%'")) {
			rs.next();
			return rs.getLong(1);
		}
		catch (SQLException ex) {
			return 0;
		}
	}

	private static void awaitLinks(DemoDatabase demo, int count) {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (System.nanoTime() < deadline) {
			try (Connection connection = demo.connect();
					Statement statement = connection.createStatement();
					ResultSet rs = statement
						.executeQuery("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1'")) {
				rs.next();
				if (rs.getLong(1) >= count) {
					return;
				}
			}
			catch (SQLException ex) {
				// the schema may not exist yet
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
		throw new IllegalStateException("not every lead was linked within 5 minutes");
	}

}
