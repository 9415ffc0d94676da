package dev.hubsync.publisher.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import dev.hubsync.events.Topics;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.serde.LocalChangeCodec;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.publisher.OutboundPublisherApplication;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts publishers in this JVM on a demo database and reads what they publish. */
public final class Publishers {

	private Publishers() {
	}

	/** The arguments of a publisher on a database and slot. */
	public static List<String> arguments(DemoDatabase demo, String slot, String... extra) {
		return arguments(SharedInfra.kafka().bootstrapServers(), demo, slot, extra);
	}

	/** The arguments of a publisher on a Kafka, database and slot. */
	public static List<String> arguments(String bootstrapServers, DemoDatabase demo, String slot, String... extra) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--management.server.port=0",
				"--spring.datasource.url=" + demo.jdbcUrl(), "--spring.datasource.username=" + demo.user(),
				"--spring.datasource.password=" + demo.password(),
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--hubsync.publisher.slot-name=" + slot,
				"--hubsync.publisher.publication-name=" + slot + "_pub", "--hubsync.publisher.lock-poll-interval=200ms",
				"--hubsync.publisher.restart-backoff=500ms", "--hubsync.publisher.offset-flush-interval=200ms",
				"--spring.main.banner-mode=off", "--logging.level.io.debezium=WARN",
				"--logging.level.org.apache.kafka=WARN"));
		args.addAll(List.of(extra));
		return args;
	}

	/** Starts a publisher in this JVM. */
	public static ConfigurableApplicationContext start(DemoDatabase demo, String slot, String... extra) {
		return start(arguments(demo, slot, extra));
	}

	/** Starts a publisher in this JVM with these arguments. */
	public static ConfigurableApplicationContext start(List<String> arguments) {
		return new SpringApplicationBuilder(OutboundPublisherApplication.class)
			.properties(Map.of("spring.config.name", OutboundPublisherApplication.CONFIG_NAME))
			.run(arguments.toArray(String[]::new));
	}

	/**
	 * A consumer of the local changes topic from its beginning, in a group of its own.
	 */
	public static KafkaConsumer<String, byte[]> consumer() {
		return consumer(SharedInfra.kafka().bootstrapServers(), Map.of());
	}

	/**
	 * A consumer of the local changes topic of this Kafka from its beginning, in a group
	 * of its own, with more client settings (SASL).
	 */
	public static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, Map<String, Object> settings) {
		Map<String, Object> config = new HashMap<>(settings);
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		consumer.subscribe(List.of(Topics.LOCAL_CHANGES));
		return consumer;
	}

	/**
	 * The changes a consumer reads within a bounded wait that pass a filter: as soon as
	 * one arrives, or empty when none did.
	 */
	public static List<LocalChange> changesWithin(KafkaConsumer<String, byte[]> consumer, Predicate<LocalChange> filter,
			Duration within) {
		List<LocalChange> found = new ArrayList<>();
		try {
			Awaitility.await().atMost(within).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					LocalChange change = decode(record);
					if (filter.test(change)) {
						found.add(change);
					}
				});
				return !found.isEmpty();
			});
		}
		catch (ConditionTimeoutException ex) {
			// none arrived within the wait
		}
		return found;
	}

	public static LocalChange decode(ConsumerRecord<String, byte[]> record) {
		return new LocalChangeCodec().decode(record.value());
	}

}
