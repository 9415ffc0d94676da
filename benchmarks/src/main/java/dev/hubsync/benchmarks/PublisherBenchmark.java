package dev.hubsync.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.hubsync.events.Topics;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.serde.LocalChangeCodec;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.demo.DemoPlatform;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import dev.hubsync.publisher.OutboundPublisherApplication;
import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.capture.EngineState;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The outbound publisher with real PostgreSQL and Kafka: bulk transactions as fast as
 * PostgreSQL takes them, then single-row transactions at a fixed rate. Latency is from a
 * transaction's commit time to a consumer receiving the change (so it includes Kafka's
 * delivery to a consumer, a little more than the publisher's own
 * commit-to-acknowledgement).
 */
@Command(name = "publisher", description = "Changes/s and commit-to-consumer latency of the outbound publisher.")
final class PublisherBenchmark implements Runnable {

	@Option(names = "--bulk", description = "Rows inserted in bulk (default: ${DEFAULT-VALUE}).")
	int bulk = 50_000;

	@Option(names = "--batch", description = "Rows per bulk transaction (default: ${DEFAULT-VALUE}).")
	int batch = 1000;

	@Option(names = "--rate", description = "Single-row transactions per second (default: ${DEFAULT-VALUE}).")
	int rate = 1000;

	@Option(names = "--seconds", description = "Duration of the single-row phase (default: ${DEFAULT-VALUE}).")
	int seconds = 20;

	@Option(names = "--set",
			description = "Extra publisher properties, e.g. --set hubsync.publisher.max-batch-size=8192")
	List<String> extra = new java.util.ArrayList<>();

	@Override
	public void run() {
		try (KafkaBroker broker = KafkaBroker.startTemporary();
				PostgresServer postgres = PostgresServer.startTemporary()) {
			DemoDatabase demo = DemoPlatform.install(postgres);
			try (ConfigurableApplicationContext publisher = new SpringApplicationBuilder(
					OutboundPublisherApplication.class)
				.properties(Map.of("spring.config.name", OutboundPublisherApplication.CONFIG_NAME))
				.run(arguments(demo, broker))) {
				CaptureService capture = publisher.getBean(CaptureService.class);
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (capture.state() != EngineState.RUNNING && System.nanoTime() < deadline) {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
				}
				Report.header("Outbound publisher with real PostgreSQL and Kafka");
				bulkPhase(demo, broker);
				singlePhase(demo, broker);
			}
		}
	}

	private String[] arguments(DemoDatabase demo, KafkaBroker broker) {
		List<String> args = new java.util.ArrayList<>(
				List.of("--server.port=0", "--management.server.port=0", "--spring.datasource.url=" + demo.jdbcUrl(),
						"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(), "--logging.level.root=WARN",
						"--spring.main.banner-mode=off", "--hubsync.publisher.snapshot-mode=no_data"));
		this.extra.forEach((setting) -> args.add("--" + setting));
		return args.toArray(String[]::new);
	}

	private void bulkPhase(DemoDatabase demo, KafkaBroker broker) {
		String marker = "bulk-" + UUID.randomUUID();
		Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
		AtomicLong received = new AtomicLong();
		AtomicBoolean done = new AtomicBoolean();
		Thread consumer = consume(broker, marker, latency, received, done);
		long began = System.nanoTime();
		try (Connection connection = demo.connect()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO companies (name, domain) VALUES (?, ?)")) {
				for (int i = 0; i < this.bulk; i++) {
					insert.setString(1, "Bulk " + i);
					insert.setString(2, marker);
					insert.addBatch();
					if ((i + 1) % this.batch == 0) {
						insert.executeBatch();
						connection.commit();
					}
				}
				insert.executeBatch();
				connection.commit();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		long committed = System.nanoTime();
		awaitCount(received, this.bulk);
		double seconds = (System.nanoTime() - began) / 1e9;
		done.set(true);
		join(consumer);
		Report.row(String.format("bulk: %d rows in transactions of %d (commits took %.1f s)", this.bulk, this.batch,
				(committed - began) / 1e9), String.format("%.0f changes/s", this.bulk / seconds), latency);
	}

	private void singlePhase(DemoDatabase demo, KafkaBroker broker) {
		String marker = "single-" + UUID.randomUUID();
		Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
		AtomicLong received = new AtomicLong();
		AtomicBoolean done = new AtomicBoolean();
		Thread consumer = consume(broker, marker, latency, received, done);
		long interval = TimeUnit.SECONDS.toNanos(1) / this.rate;
		long total = (long) this.rate * this.seconds;
		long began = System.nanoTime();
		try (Connection connection = demo.connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO companies (name, domain) VALUES (?, ?)")) {
			long due = System.nanoTime();
			for (long i = 0; i < total; i++) {
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				insert.setString(1, "Single " + i);
				insert.setString(2, marker);
				insert.executeUpdate();
				due += interval;
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		double sent = (System.nanoTime() - began) / 1e9;
		awaitCount(received, total);
		done.set(true);
		join(consumer);
		Report.row(String.format("single-row transactions at %d/s", this.rate),
				String.format("%.0f changes/s", total / sent), latency);
	}

	private static Thread consume(KafkaBroker broker, String marker, Histogram latency, AtomicLong received,
			AtomicBoolean done) {
		Thread thread = new Thread(() -> {
			LocalChangeCodec codec = new LocalChangeCodec();
			try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
							ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
							ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
							5000),
					new StringDeserializer(), new ByteArrayDeserializer())) {
				consumer.subscribe(List.of(Topics.LOCAL_CHANGES));
				consumer.poll(Duration.ofMillis(500));
				received.set(0);
				while (!done.get()) {
					consumer.poll(Duration.ofMillis(50)).forEach((record) -> {
						// Counting by a byte match and decoding one change in ten keeps
						// the harness from
						// competing with the publisher for the two cores it measures.
						if (!new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
							return;
						}
						if (received.incrementAndGet() % 10 == 0) {
							LocalChange change = codec.decode(record.value());
							long nanos = Math.max(0,
									(System.currentTimeMillis() - change.commitTime().toEpochMilli()) * 1_000_000L);
							latency.recordValue(Math.min(nanos, latency.getHighestTrackableValue()));
						}
					});
				}
			}
		}, "bench-consumer");
		thread.start();
		// let the consumer join its group before changes start
		LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(3));
		return thread;
	}

	private static void awaitCount(AtomicLong received, long expected) {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		while (received.get() < expected && System.nanoTime() < deadline) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
		if (received.get() < expected) {
			throw new IllegalStateException("only " + received.get() + " of " + expected + " changes arrived");
		}
	}

	private static void join(Thread thread) {
		try {
			thread.join(10_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
