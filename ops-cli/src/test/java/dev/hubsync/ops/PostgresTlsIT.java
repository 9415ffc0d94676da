package dev.hubsync.ops;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.Topics;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator CLI reaches a PostgreSQL that requires TLS through its JDBC URL (issue
 * #21): {@code dlt list} reads HubSync's re-drive record over TLS verified against the
 * server's root certificate, and the same command without TLS is refused by the server.
 */
class PostgresTlsIT {

	private static final String OPERATOR = "tls_operator";

	private static final String PASSWORD = "tls-operator-secret";

	@TempDir
	static Path data;

	private static PostgresServer server;

	private static KafkaBroker broker;

	@BeforeAll
	static void start() throws Exception {
		server = PostgresServer.builder().dataDirectory(data.resolve("pg")).requireTls().start();
		server.createRole(OPERATOR, PASSWORD);
		server.createDatabase("platform", OPERATOR);
		// the worker's re-drive record, with one dead letter re-driven
		server.execute("platform", "CREATE SCHEMA hubsync AUTHORIZATION " + OPERATOR,
				"CREATE TABLE hubsync.dlt_redrive (dlt_topic text NOT NULL, dlt_partition int NOT NULL,"
						+ " dlt_offset bigint NOT NULL, record_key text, target_topic text NOT NULL,"
						+ " target_offset bigint, redriven_at timestamptz NOT NULL DEFAULT now(),"
						+ " redriven_by text NOT NULL, PRIMARY KEY (dlt_topic, dlt_partition, dlt_offset))",
				"GRANT SELECT ON hubsync.dlt_redrive TO " + OPERATOR);
		broker = KafkaBroker.builder().dataDirectory(data.resolve("kafka")).start();
		broker.createTopics(new NewTopic(Topics.HUBSPOT_EVENTS_DLT, 1, (short) 1));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
				new StringSerializer())) {
			for (String key : new String[] { "re-driven", "waiting" }) {
				RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.HUBSPOT_EVENTS_DLT, 0, key, "{}"))
					.get(30, TimeUnit.SECONDS);
				if ("re-driven".equals(key)) {
					server.execute("platform",
							"INSERT INTO hubsync.dlt_redrive (dlt_topic, dlt_partition, dlt_offset, record_key,"
									+ " target_topic, redriven_by) VALUES ('" + Topics.HUBSPOT_EVENTS_DLT + "', 0, "
									+ sent.offset() + ", 're-driven', '" + Topics.HUBSPOT_EVENTS + "', 'test')");
				}
			}
		}
		System.setProperty("hubsync.ops.db-password", PASSWORD);
	}

	@AfterAll
	static void stop() {
		System.clearProperty("hubsync.ops.db-password");
		if (broker != null) {
			broker.close();
		}
		if (server != null) {
			server.close();
		}
	}

	@Test
	void theCliReadsTheDatabaseOverVerifiedTls() {
		String url = server.jdbcUrl("platform") + "?sslmode=verify-full&sslrootcert="
				+ server.rootCertificate().toAbsolutePath();
		HubSyncOpsTests.Result result = HubSyncOpsTests.run(dltList(url));
		assertThat(result.exit()).as(result.text()).isZero();
		assertThat(result.out()).contains("2 dead letter(s), 1 not re-driven");
	}

	@Test
	void withoutTlsTheServerRefusesTheCli() {
		HubSyncOpsTests.Result result = HubSyncOpsTests.run(dltList(server.jdbcUrl("platform") + "?sslmode=disable"));
		assertThat(result.exit()).as(result.text()).isNotZero();
		assertThat(result.err()).contains("no encryption");
	}

	private static String[] dltList(String jdbcUrl) {
		return new String[] { "dlt", "list", "--topic", Topics.HUBSPOT_EVENTS_DLT, "--bootstrap-servers",
				broker.bootstrapServers(), "--jdbc-url", jdbcUrl, "--db-user", OPERATOR };
	}

}
