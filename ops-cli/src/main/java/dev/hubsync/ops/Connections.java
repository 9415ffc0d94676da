package dev.hubsync.ops;

import java.io.Console;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * Where Kafka, the platform database and the worker's admin API are: options, each with
 * an environment variable, defaulting to the dev stack. Secrets are never options (they
 * would show in {@code ps} and shell history): the database password and the admin key
 * come from {@code HUBSYNC_OPS_DB_PASSWORD} and {@code HUBSYNC_OPS_API_KEY}, or a prompt;
 * only against the dev stack's own addresses do they fall back to its documented values.
 */
public class Connections {

	static final String DEV_JDBC_URL = "jdbc:postgresql://localhost:55432/platform";

	static final String DEV_WORKER_URL = "http://localhost:8082";

	@Option(names = "--bootstrap-servers", defaultValue = "${env:HUBSYNC_OPS_BOOTSTRAP_SERVERS:-localhost:9092}",
			description = "Kafka (env HUBSYNC_OPS_BOOTSTRAP_SERVERS, default: ${DEFAULT-VALUE}).")
	String bootstrapServers;

	@Option(names = "--kafka-config", defaultValue = "${env:HUBSYNC_OPS_KAFKA_CONFIG}",
			description = "A Kafka client properties file (security.protocol, sasl.*, ssl.*) applied to every"
					+ " Kafka connection (env HUBSYNC_OPS_KAFKA_CONFIG).")
	@Nullable Path kafkaConfig;

	@Option(names = "--jdbc-url", defaultValue = "${env:HUBSYNC_OPS_JDBC_URL:-" + DEV_JDBC_URL + "}",
			description = "The platform database, where the hubsync schema is; TLS through the URL's parameters"
					+ " (sslmode=verify-full&sslrootcert=…) (env HUBSYNC_OPS_JDBC_URL, default: ${DEFAULT-VALUE}).")
	String jdbcUrl;

	@Option(names = "--db-user", defaultValue = "${env:HUBSYNC_OPS_DB_USER:-hubsync}",
			description = "Database user (env HUBSYNC_OPS_DB_USER, default: ${DEFAULT-VALUE}); the password comes"
					+ " from HUBSYNC_OPS_DB_PASSWORD or a prompt.")
	String dbUser;

	@Option(names = "--worker-url", defaultValue = "${env:HUBSYNC_OPS_WORKER_URL:-" + DEV_WORKER_URL + "}",
			description = "The sync worker's admin API (env HUBSYNC_OPS_WORKER_URL, default: ${DEFAULT-VALUE}); the"
					+ " key comes from HUBSYNC_OPS_API_KEY or a prompt.")
	String workerUrl;

	Connection database() throws SQLException {
		return DriverManager.getConnection(this.jdbcUrl, this.dbUser, dbPassword());
	}

	Admin admin() {
		Map<String, Object> config = kafka();
		config.put("request.timeout.ms", 15_000);
		config.put("default.api.timeout.ms", 30_000);
		return Admin.create(config);
	}

	KafkaConsumer<byte[], byte[]> consumer() {
		Map<String, Object> config = kafka();
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	KafkaProducer<byte[], byte[]> producer() {
		Map<String, Object> config = kafka();
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put("max.in.flight.requests.per.connection", 1);
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

	WorkerApi worker() {
		return new WorkerApi(this.workerUrl, apiKey());
	}

	/**
	 * What a command that changes something acts on, printed before it does.
	 * @return the Kafka cluster, database and worker
	 */
	String target() {
		return "Kafka " + this.bootstrapServers + ((this.kafkaConfig != null) ? " (" + this.kafkaConfig + ")" : "")
				+ ", database " + this.jdbcUrl + " as " + this.dbUser + ", worker " + this.workerUrl;
	}

	private Map<String, Object> kafka() {
		Map<String, Object> config = new HashMap<>();
		if (this.kafkaConfig != null) {
			Properties properties = new Properties();
			try (Reader reader = Files.newBufferedReader(this.kafkaConfig)) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new OpsException("cannot read the Kafka client properties " + this.kafkaConfig + ": " + ex);
			}
			properties.forEach((key, value) -> config.put(String.valueOf(key), value));
		}
		config.put("bootstrap.servers", this.bootstrapServers);
		return config;
	}

	private String dbPassword() {
		return secret("HUBSYNC_OPS_DB_PASSWORD", "hubsync.ops.db-password",
				"Database password for " + this.dbUser + ": ", DEV_JDBC_URL.equals(this.jdbcUrl) ? "hubsync" : null);
	}

	private String apiKey() {
		return secret("HUBSYNC_OPS_API_KEY", "hubsync.ops.api-key", "Admin API key: ",
				DEV_WORKER_URL.equals(this.workerUrl) ? "dev-admin-key" : null);
	}

	/**
	 * A secret from the environment, a system property (a JVM embedding the CLI), a
	 * prompt on a terminal, or the dev stack's documented value when the target is the
	 * dev stack.
	 */
	private static String secret(String variable, String property, String prompt, @Nullable String devValue) {
		String value = System.getenv(variable);
		if (value == null) {
			value = System.getProperty(property);
		}
		Console console = System.console();
		if (value == null && devValue == null && console != null) {
			char[] typed = console.readPassword(prompt);
			value = (typed != null) ? new String(typed) : null;
		}
		if (value == null) {
			value = devValue;
		}
		if (value == null || value.isEmpty()) {
			throw new OpsException("set " + variable + " (secrets are not taken as options)");
		}
		return value;
	}

}
