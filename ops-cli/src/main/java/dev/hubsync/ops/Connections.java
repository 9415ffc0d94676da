package dev.hubsync.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Option;

/**
 * Where Kafka, the platform database and the worker's admin API are: options, each with
 * an environment variable, defaulting to the dev stack.
 */
public class Connections {

	@Option(names = "--bootstrap-servers", defaultValue = "${env:HUBSYNC_OPS_BOOTSTRAP_SERVERS:-localhost:9092}",
			description = "Kafka (env HUBSYNC_OPS_BOOTSTRAP_SERVERS, default: ${DEFAULT-VALUE}).")
	String bootstrapServers;

	@Option(names = "--jdbc-url",
			defaultValue = "${env:HUBSYNC_OPS_JDBC_URL:-jdbc:postgresql://localhost:55432/platform}",
			description = "The platform database, where the hubsync schema is (env HUBSYNC_OPS_JDBC_URL, default:"
					+ " ${DEFAULT-VALUE}).")
	String jdbcUrl;

	@Option(names = "--db-user", defaultValue = "${env:HUBSYNC_OPS_DB_USER:-hubsync}",
			description = "Database user (env HUBSYNC_OPS_DB_USER, default: ${DEFAULT-VALUE}).")
	String dbUser;

	@Option(names = "--db-password", defaultValue = "${env:HUBSYNC_OPS_DB_PASSWORD:-hubsync}",
			description = "Database password (env HUBSYNC_OPS_DB_PASSWORD).", arity = "0..1", interactive = false)
	String dbPassword;

	@Option(names = "--worker-url", defaultValue = "${env:HUBSYNC_OPS_WORKER_URL:-http://localhost:8082}",
			description = "The sync worker's admin API (env HUBSYNC_OPS_WORKER_URL, default: ${DEFAULT-VALUE}).")
	String workerUrl;

	@Option(names = "--api-key", defaultValue = "${env:HUBSYNC_OPS_API_KEY:-dev-admin-key}",
			description = "The admin API key (env HUBSYNC_OPS_API_KEY).")
	String apiKey;

	Connection database() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.dbUser, this.dbPassword);
	}

	Admin admin() {
		return Admin.create(Map.of("bootstrap.servers", this.bootstrapServers, "request.timeout.ms", 15_000,
				"default.api.timeout.ms", 30_000));
	}

	KafkaConsumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
						"read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	KafkaProducer<byte[], byte[]> producer() {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				"max.in.flight.requests.per.connection", 1), new ByteArraySerializer(), new ByteArraySerializer());
	}

	WorkerApi worker() {
		return new WorkerApi(this.workerUrl, this.apiKey);
	}

}
