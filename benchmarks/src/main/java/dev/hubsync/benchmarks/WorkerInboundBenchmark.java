package dev.hubsync.benchmarks;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.TopicSpec;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.demo.DemoPlatform;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import dev.hubsync.mapping.MappingFiles;
import dev.hubsync.worker.SyncWorkerApplication;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The sync worker's inbound direction against the HubSpot emulator, a real PostgreSQL and
 * a real Kafka broker, all in this JVM. Contacts are seeded in the emulator and linked
 * first (a warm-up sync); then (a) with a Professional app's rate limits, property-change
 * events in bursts of 20 per contact at a fixed rate: HubSpot read calls per event and
 * event-to-commit latency (the worker's own {@code hubsync.worker.latency} timer, from
 * the event's {@code occurredAt} to the commit); (b) rate limits lifted: a backlog of
 * events drained as fast as the worker goes.
 */
@Command(name = "worker-inbound", description = "Inbound sync: HubSpot reads per event, latency, events/s.")
final class WorkerInboundBenchmark implements Runnable {

	/**
	 * The paths the worker calls in the default API version, as the emulator logs them.
	 */
	private static final ApiPaths PATHS = ApiPaths.defaults();

	@Option(names = "--contacts", description = "Contacts seeded and linked (default: ${DEFAULT-VALUE}).")
	int contacts = 1000;

	@Option(names = "--rate", description = "Events per second in phase (a) (default: ${DEFAULT-VALUE}).")
	int rate = 500;

	@Option(names = "--seconds", description = "Duration of phase (a) (default: ${DEFAULT-VALUE}).")
	int seconds = 20;

	@Option(names = "--burst", description = "Events per contact per burst (default: ${DEFAULT-VALUE}).")
	int burst = 20;

	@Option(names = "--backlog", description = "Events drained in phase (b) (default: ${DEFAULT-VALUE}).")
	int backlog = 40_000;

	private final AtomicLong eventIds = new AtomicLong();

	@Override
	public void run() {
		try (KafkaBroker broker = KafkaBroker.startTemporary();
				PostgresServer postgres = PostgresServer.startTemporary()) {
			DemoDatabase demo = DemoPlatform.install(postgres);
			publishMappings(broker);
			Report.header("Sync worker, inbound, against the emulator (one JVM: broker, PostgreSQL, emulator, worker)");
			try (HubSpotEmulator emulator = HubSpotEmulator.start(Map.of("logging.level.root", "WARN"));
					KafkaProducer<String, byte[]> producer = producer(broker)) {
				List<String> ids = emulator.admin()
					.seed("contacts", this.contacts,
							Map.of("email", "bench{n}@example.com", "firstname", "Bench", "lastname", "Contact {n}"),
							null);
				try (ConfigurableApplicationContext worker = worker(demo, broker, emulator, false)) {
					warmUp(producer, demo, ids);
					phaseA(producer, demo, emulator, worker, ids);
				}
			}
			try (HubSpotEmulator emulator = HubSpotEmulator
				.start(Map.of("logging.level.root", "WARN", "emulator.rate-limit.enabled", "false"));
					KafkaProducer<String, byte[]> producer = producer(broker)) {
				List<String> ids = emulator.admin()
					.seed("contacts", this.contacts,
							Map.of("email", "fast{n}@example.com", "firstname", "Fast", "lastname", "Contact {n}"),
							null);
				DemoDatabase fresh = DemoPlatform.install(postgres, "platform_fast");
				try (ConfigurableApplicationContext worker = worker(fresh, broker, emulator, true)) {
					warmUp(producer, fresh, ids);
					phaseB(producer, fresh, worker, ids);
				}
			}
		}
	}

	private void warmUp(KafkaProducer<String, byte[]> producer, DemoDatabase demo, List<String> ids) {
		long before = processed(demo);
		for (String id : ids) {
			send(producer, event("contact.creation", Long.parseLong(id), Instant.now(), null, null));
		}
		producer.flush();
		awaitProcessed(demo, before + ids.size());
	}

	private void phaseA(KafkaProducer<String, byte[]> producer, DemoDatabase demo, HubSpotEmulator emulator,
			ConfigurableApplicationContext worker, List<String> ids) {
		int readsBefore = reads(emulator);
		long firstEventId = this.eventIds.get() + 1;
		long before = processed(demo);
		long total = (long) this.rate * this.seconds;
		long interval = TimeUnit.SECONDS.toNanos(1) / this.rate;
		long due = System.nanoTime();
		int contact = 0;
		for (long i = 0; i < total; i++) {
			if (i % this.burst == 0) {
				contact = (contact + 1) % ids.size();
			}
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			send(producer, event("contact.propertyChange", Long.parseLong(ids.get(contact)), Instant.now(), "lastname",
					"Value " + i));
			due += interval;
		}
		producer.flush();
		awaitProcessed(demo, before + total);
		int reads = reads(emulator) - readsBefore;
		Histogram latency = latencies(demo, firstEventId, this.eventIds.get());
		Report.row(String.format(
				"(a) Pro rate limits, %d events/s in bursts of %d per contact, %d s: %d HubSpot read calls"
						+ " for %d events = %.4f per event",
				this.rate, this.burst, this.seconds, reads, total, reads / (double) total),
				String.format("%d events/s", this.rate), latency);
	}

	private void phaseB(KafkaProducer<String, byte[]> producer, DemoDatabase demo,
			ConfigurableApplicationContext worker, List<String> ids) {
		MessageListenerContainer container = worker.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("hubsync-inbound");
		container.stop();
		long before = processed(demo);
		int contact = 0;
		for (int i = 0; i < this.backlog; i++) {
			if (i % this.burst == 0) {
				contact = (contact + 1) % ids.size();
			}
			send(producer, event("contact.propertyChange", Long.parseLong(ids.get(contact)), Instant.now(), "lastname",
					"Fast " + i));
		}
		producer.flush();
		long began = System.nanoTime();
		container.start();
		awaitProcessed(demo, before + this.backlog);
		double seconds = (System.nanoTime() - began) / 1e9;
		// CHECKSTYLE:OFF: a benchmark's console output is its result
		System.out.printf("| (b) rate limits lifted, backlog of %d events in bursts of %d drained in %.1f s | %,.0f"
				+ " events/s | | | | |%n", this.backlog, this.burst, seconds, this.backlog / seconds);
		// CHECKSTYLE:ON
	}

	/**
	 * Event-to-commit latencies of a range of events: the identity holds the event's
	 * {@code occurredAt}; {@code processed_at} is the time of the transaction that
	 * applied it (its start, milliseconds before its commit).
	 */
	private static Histogram latencies(DemoDatabase demo, long firstEventId, long lastEventId) {
		Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(10), 3);
		try (Connection connection = demo.connect();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SELECT identity,"
						+ " (extract(epoch FROM processed_at) * 1000000)::bigint FROM hubsync.processed_event"
						+ " WHERE identity LIKE 'webhook:%'")) {
			while (rs.next()) {
				String[] parts = rs.getString(1).split(":");
				long eventId = Long.parseLong(parts[2]);
				if (eventId < firstEventId || eventId > lastEventId) {
					continue;
				}
				long occurredMicros = Long.parseLong(parts[5]) * 1000;
				long micros = rs.getLong(2) - occurredMicros;
				histogram.recordValue(Math.max(0, micros) * 1000);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
		return histogram;
	}

	private static int reads(HubSpotEmulator emulator) {
		return emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "read")).size()
				+ emulator.admin().requests("POST", PATHS.associationsFrom("contacts")).size();
	}

	private ConfigurableApplicationContext worker(DemoDatabase demo, KafkaBroker broker, HubSpotEmulator emulator,
			boolean unlimited) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.main.banner-mode=off", "--spring.datasource.url=" + demo.jdbcUrl(),
				"--spring.datasource.username=" + demo.user(), "--spring.datasource.password=" + demo.password(),
				"--spring.kafka.bootstrap-servers=" + broker.bootstrapServers(),
				"--hubsync.hubspot.base-url=" + emulator.baseUrl(), "--hubsync.worker.poller.enabled=false",
				"--hubsync.worker.bulk.on-first-start=false",
				"--hubsync.worker.inbound.group-id=bench-" + UUID.randomUUID(), "--logging.level.root=WARN",
				"--hubsync.admin.api-key=bench", "--hubsync.admin.allow-weak-keys=true"));
		if (unlimited) {
			args.add("--hubsync.hubspot.rate-limit.ten-secondly=10000000");
			args.add("--hubsync.hubspot.rate-limit.daily=0");
		}
		return new SpringApplicationBuilder(SyncWorkerApplication.class)
			.properties(Map.of("spring.config.name", SyncWorkerApplication.CONFIG_NAME))
			.run(args.toArray(String[]::new));
	}

	static void publishMappings(KafkaBroker broker) {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
				InputStream in = WorkerInboundBenchmark.class.getResourceAsStream("/hubsync/demo-mapping.yaml");
				KafkaProducer<String, byte[]> producer = producer(broker)) {
			TopicSpec spec = TopicSpec.mappingConfig();
			admin.createTopics(List.of(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.config())))
				.all()
				.get();
			RecordCodec<MappingConfig> codec = new RecordCodec<>(MappingConfig.class);
			for (MappingConfig mapping : MappingFiles.read(in, "demo-mapping.yaml", Instant.now())) {
				producer
					.send(new ProducerRecord<>(Topics.MAPPING_CONFIG, mapping.objectTypeId(), codec.encode(mapping)))
					.get();
			}
		}
		catch (java.io.IOException | java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException("could not publish the demo mapping", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private static KafkaProducer<String, byte[]> producer(KafkaBroker broker) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
				ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ByteArraySerializer());
	}

	private String event(String type, long objectId, Instant at, String property, String value) {
		StringBuilder json = new StringBuilder("{\"eventId\":").append(this.eventIds.incrementAndGet())
			.append(",\"subscriptionId\":1,\"portalId\":")
			.append(HubSpotEmulator.PORTAL_ID)
			.append(",\"appId\":")
			.append(HubSpotEmulator.APP_ID)
			.append(",\"occurredAt\":")
			.append(at.toEpochMilli())
			.append(",\"subscriptionType\":\"")
			.append(type)
			.append("\",\"attemptNumber\":0,\"objectId\":")
			.append(objectId)
			.append(",\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:1\"");
		if (property != null) {
			json.append(",\"propertyName\":\"")
				.append(property)
				.append("\",\"propertyValue\":\"")
				.append(value)
				.append('"');
		}
		return json.append('}').toString();
	}

	private static void send(KafkaProducer<String, byte[]> producer, String json) {
		WebhookEvent event = WebhookEvent.parse(json);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.HUBSPOT_EVENTS, event.key().toString(),
				EventSerdes.hubSpotEvents()
					.serialize(Topics.HUBSPOT_EVENTS, new HubSpotEvent(event, Instant.now(), EventSource.WEBHOOK)));
		record.headers()
			.add(EventHeaders.CORRELATION_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
		producer.send(record);
	}

	private static long processed(DemoDatabase demo) {
		try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM hubsync.processed_event")) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			return 0;
		}
	}

	private static void awaitProcessed(DemoDatabase demo, long target) {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
		while (processed(demo) < target) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("only " + processed(demo) + " of " + target + " events processed");
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
		}
	}

}
