package dev.hubsync.worker.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.TopicSpec;
import dev.hubsync.events.Topics;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.properties.PropertyCreate;
import dev.hubsync.hubspot.properties.PropertyGroup;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.mapping.MappingFiles;
import dev.hubsync.worker.SyncWorkerApplication;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What the worker's integration tests share to run one: the demo mappings published as
 * the mapping service publishes them, a worker started against the shared broker, a demo
 * database and an emulator, and {@link #closeAll} for what a test class opened. A class
 * that starts all of these at once uses {@link WorkerFixture}.
 */
public final class Workers {

	private Workers() {
	}

	/**
	 * Publishes the demo mappings to the mapping topic, creating it when absent.
	 * @throws Exception when Kafka refuses
	 */
	public static void publishDemoMappings() throws Exception {
		publishDemoMappings(SharedInfra.kafka().bootstrapServers());
	}

	/**
	 * Publishes the demo mappings to a broker's mapping topic, creating it when absent.
	 * @param bootstrapServers the broker
	 * @throws Exception when Kafka refuses
	 */
	public static void publishDemoMappings(String bootstrapServers) throws Exception {
		publishMappings(bootstrapServers, demoMappingYaml());
	}

	/**
	 * Returns the demo mappings' YAML, for a test that changes them.
	 * @return the YAML text
	 * @throws IOException when the resource cannot be read
	 */
	public static String demoMappingYaml() throws IOException {
		try (InputStream in = Workers.class.getResourceAsStream("/hubsync/demo-mapping.yaml")) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	/**
	 * Creates HubSync's own HubSpot properties ({@code hubsync_record_id}, unique, and
	 * {@code hubsync_source_system}, in the group {@code hubsync}) on the synced object
	 * types, as an installation's first start does.
	 * @param user a client of the portal
	 */
	public static void ensureOwnProperties(HubSpotClient user) {
		ensureOwnProperties(user, "contacts", "companies", "deals");
	}

	/**
	 * Creates HubSync's own HubSpot properties on the given object types.
	 * @param user a client of the portal
	 * @param types the object types (names or ids)
	 */
	public static void ensureOwnProperties(HubSpotClient user, String... types) {
		for (String type : types) {
			user.properties().ensureGroup(type, new PropertyGroup("hubsync", "HubSync", null));
			user.properties()
				.ensure(type, PropertyCreate.text("hubsync_record_id", "HubSync record id", "hubsync", true));
			user.properties()
				.ensure(type, PropertyCreate.text("hubsync_source_system", "HubSync source system", "hubsync", false));
		}
	}

	/**
	 * Publishes mappings given as YAML (the demo's, changed by a test) to a broker's
	 * mapping topic, creating it when absent. A test that changes the mappings uses a
	 * broker of its own: the shared broker's mappings are every test class's.
	 * @param bootstrapServers the broker
	 * @param yaml the mappings
	 * @throws Exception when Kafka refuses
	 */
	public static void publishMappings(String bootstrapServers, String yaml) throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
			TopicSpec spec = TopicSpec.mappingConfig();
			if (!admin.listTopics().names().get().contains(spec.name())) {
				admin
					.createTopics(
							List.of(new NewTopic(spec.name(), spec.partitions(), (short) 1).configs(spec.config())))
					.all()
					.get();
			}
		}
		RecordCodec<MappingConfig> codec = new RecordCodec<>(MappingConfig.class);
		try (InputStream in = new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
						new ByteArraySerializer())) {
			for (MappingConfig mapping : MappingFiles.read(in, "demo-mapping.yaml", Instant.now())) {
				producer
					.send(new ProducerRecord<>(Topics.MAPPING_CONFIG, mapping.objectTypeId(), codec.encode(mapping)))
					.get();
			}
		}
	}

	/**
	 * Closes each resource that is not null, in the order given, and goes on when one
	 * fails: for {@code @AfterAll}, where a failed close must not leave the rest running.
	 * @param resources the resources, nulls among them (what never started)
	 * @throws Exception the first failure, with the later ones suppressed
	 */
	public static void closeAll(@Nullable AutoCloseable... resources) throws Exception {
		closeAll(Arrays.asList(resources));
	}

	/**
	 * Closes each resource that is not null, in the order given, and goes on when one
	 * fails.
	 * @param resources the resources, nulls among them
	 * @throws Exception the first failure, with the later ones suppressed
	 */
	public static void closeAll(List<? extends @Nullable AutoCloseable> resources) throws Exception {
		Exception first = null;
		for (AutoCloseable resource : resources) {
			if (resource == null) {
				continue;
			}
			try {
				resource.close();
			}
			catch (Exception ex) {
				if (first == null) {
					first = ex;
				}
				else {
					first.addSuppressed(ex);
				}
			}
		}
		if (first != null) {
			throw first;
		}
	}

	/**
	 * Starts a worker: on a free port, without the poller and without a first-start bulk
	 * sync (tests start what they test), quiet Kafka logs, and the test's own settings.
	 * @param database the platform database
	 * @param emulatorUrl the HubSpot emulator
	 * @param settings further {@code --key=value} arguments
	 * @return the running worker
	 */
	public static ConfigurableApplicationContext start(DemoDatabase database, URI emulatorUrl, String... settings) {
		String kafkaSetting = "--spring.kafka.bootstrap-servers=";
		// the shared broker only when the test names no broker of its own
		String kafka = Arrays.stream(settings).anyMatch((setting) -> setting.startsWith(kafkaSetting)) ? ""
				: SharedInfra.kafka().bootstrapServers();
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				// tests read the health's details (a deployment shows them to no one)
				"--management.endpoint.health.show-details=always", "--spring.main.banner-mode=off",
				"--spring.datasource.url=" + database.jdbcUrl(), "--spring.datasource.username=" + database.user(),
				"--spring.datasource.password=" + database.password(), kafkaSetting + kafka,
				"--hubsync.hubspot.base-url=" + emulatorUrl, "--hubsync.worker.poller.enabled=false",
				"--hubsync.worker.bulk.on-first-start=false", "--logging.level.org.apache.kafka=WARN"));
		// a setting given overrides the default of the same key (a key given twice binds
		// as a list)
		for (String setting : settings) {
			String name = setting.substring(0, setting.indexOf('=') + 1);
			args.removeIf((arg) -> arg.startsWith(name));
			args.add(setting);
		}
		return new SpringApplicationBuilder(SyncWorkerApplication.class)
			.properties(Map.of("spring.config.name", SyncWorkerApplication.CONFIG_NAME))
			.run(args.toArray(String[]::new));
	}

}
