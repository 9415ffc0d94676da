package dev.hubsync.infra;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.hubsync.infra.junit.SharedInfra;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Checks that hold for any real Kafka and PostgreSQL, embedded or in containers, so both
 * paths run the same assertions.
 */
public final class InfraContract {

	private InfraContract() {
	}

	/**
	 * A record produced with spring-kafka's template arrives at a spring-kafka listener
	 * container.
	 */
	public static void recordTravelsThroughTheBroker(String bootstrapServers) throws Exception {
		String topic = SharedInfra.uniqueName("contract");
		DefaultKafkaProducerFactory<String, String> producers = new DefaultKafkaProducerFactory<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
				new StringSerializer(), new StringSerializer());
		BlockingQueue<ConsumerRecord<String, String>> received = new LinkedBlockingQueue<>();
		KafkaMessageListenerContainer<String, String> container = listener(bootstrapServers, topic, received);
		try {
			KafkaTemplate<String, String> template = new KafkaTemplate<>(producers);
			template.send(topic, "100000:0-1:512", "{\"hello\":\"kafka\"}").get(30, TimeUnit.SECONDS);
			ConsumerRecord<String, String> record = received.poll(60, TimeUnit.SECONDS);
			assertThat(record).isNotNull();
			assertThat(record.key()).isEqualTo("100000:0-1:512");
			assertThat(record.value()).isEqualTo("{\"hello\":\"kafka\"}");
		}
		finally {
			container.stop();
			producers.destroy();
		}
	}

	/** All records of a topic, read from the beginning with a fresh group. */
	public static List<String> readAll(String bootstrapServers, String topic, int expected) {
		BlockingQueue<ConsumerRecord<String, String>> received = new LinkedBlockingQueue<>();
		KafkaMessageListenerContainer<String, String> container = listener(bootstrapServers, topic, received);
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> received.size() >= expected);
			List<String> values = new ArrayList<>();
			received.forEach((record) -> values.add(record.value()));
			return values;
		}
		finally {
			container.stop();
		}
	}

	private static KafkaMessageListenerContainer<String, String> listener(String bootstrapServers, String topic,
			BlockingQueue<ConsumerRecord<String, String>> received) {
		DefaultKafkaConsumerFactory<String, String> consumers = new DefaultKafkaConsumerFactory<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new StringDeserializer());
		ContainerProperties properties = new ContainerProperties(topic);
		properties.setGroupId(SharedInfra.uniqueName("group"));
		properties.setMessageListener((MessageListener<String, String>) received::add);
		KafkaMessageListenerContainer<String, String> container = new KafkaMessageListenerContainer<>(consumers,
				properties);
		container.start();
		return container;
	}

	/**
	 * A logical replication slot with pgoutput sees an insert and a transactional logical
	 * decoding message (what the sync-origin marker relies on).
	 */
	public static void logicalDecodingWorks(String jdbcUrl, String user, String password) throws SQLException {
		String slot = SharedInfra.uniqueName("slot");
		String publication = SharedInfra.uniqueName("pub");
		String table = SharedInfra.uniqueName("contract");
		try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v text)");
			statement.execute("CREATE PUBLICATION " + publication + " FOR TABLE " + table);
			statement.execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
			connection.setAutoCommit(false);
			statement.execute("SELECT pg_logical_emit_message(true, 'hubsync', 'correlation-42')");
			statement.execute("INSERT INTO " + table + " VALUES (1, 'hello-pgoutput')");
			connection.commit();
			connection.setAutoCommit(true);
			List<byte[]> messages = new ArrayList<>();
			try (ResultSet rows = statement.executeQuery("SELECT data FROM pg_logical_slot_get_binary_changes('" + slot
					+ "', NULL, NULL, 'proto_version', '1', 'publication_names', '" + publication
					+ "', 'messages', 'true')")) {
				while (rows.next()) {
					messages.add(rows.getBytes(1));
				}
			}
			statement.execute("SELECT pg_drop_replication_slot('" + slot + "')");
			assertThat(messages).anySatisfy((data) -> {
				assertThat((char) data[0]).isEqualTo('I');
				assertThat(new String(data, StandardCharsets.UTF_8)).contains("hello-pgoutput");
			});
			assertThat(messages).anySatisfy((data) -> {
				assertThat((char) data[0]).isEqualTo('M');
				assertThat(new String(data, StandardCharsets.UTF_8)).contains("hubsync").contains("correlation-42");
			});
		}
	}

}
