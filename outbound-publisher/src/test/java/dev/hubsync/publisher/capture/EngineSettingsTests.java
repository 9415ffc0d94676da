package dev.hubsync.publisher.capture;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.hubsync.publisher.PublisherProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS and SASL reach Debezium: the JDBC URL's TLS parameters become the connector's, and
 * the Kafka clients' security settings reach the offset store (issue #21).
 */
class EngineSettingsTests {

	private final PublisherProperties settings = new Binder(new MapConfigurationPropertySource(Map.of()))
		.bindOrCreate("hubsync.publisher", Bindable.of(PublisherProperties.class));

	@Test
	void theDatabaseUrlsTlsParametersReachTheConnector() {
		Properties config = EngineSettings.of(this.settings, List.of(),
				"jdbc:postgresql://db.internal:6432/platform?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem"
						+ "&ApplicationName=x",
				"publisher", "secret", "kafka:9093", Map.of());
		assertThat(config).containsEntry("database.hostname", "db.internal")
			.containsEntry("database.port", "6432")
			.containsEntry("database.dbname", "platform")
			.containsEntry("database.sslmode", "verify-full")
			.containsEntry("database.sslrootcert", "/etc/ca.pem")
			.doesNotContainKey("database.ApplicationName")
			.containsEntry("offset.storage", OffsetStore.class.getName());
	}

	@Test
	void theKafkaClientsSecurityReachesTheOffsetStore() {
		Properties config = EngineSettings
			.of(this.settings, List.of(), "jdbc:postgresql://db:5432/platform", "p", "s", "kafka:9093", Map.of(
					"security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"p\" password=\"x\";",
					"ssl.truststore.location", "/etc/truststore.p12", "client.id", "not-copied"));
		assertThat(config).containsEntry("security.protocol", "SASL_SSL")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsKey("sasl.jaas.config")
			.containsEntry("ssl.truststore.location", "/etc/truststore.p12")
			.doesNotContainKey("client.id")
			.doesNotContainKey("database.sslmode");
	}

}
