package dev.hubsync.publisher.capture;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.hubsync.events.Topics;
import dev.hubsync.events.local.SyncOrigin;
import dev.hubsync.publisher.PublisherProperties;
import dev.hubsync.publisher.tables.CapturedTable;
import org.jspecify.annotations.Nullable;

/**
 * The Debezium engine's configuration, from the publisher's settings and the datasource:
 * the PostgreSQL connector with pgoutput, offsets in a Kafka topic, bounded connector
 * retries, and a {@code topic.prefix} per slot (engines in one JVM clash on JMX names
 * otherwise).
 */
final class EngineSettings {

	private EngineSettings() {
	}

	/**
	 * The JDBC URL parameters that carry TLS, as the PostgreSQL driver and Debezium name
	 * them.
	 */
	private static final List<String> TLS_PARAMETERS = List.of("sslmode", "sslrootcert", "sslcert", "sslkey",
			"sslpassword", "sslfactory");

	static Properties of(PublisherProperties settings, List<CapturedTable> tables, String jdbcUrl, String user,
			String password, String bootstrapServers) {
		return of(settings, tables, jdbcUrl, user, password, bootstrapServers, Map.of());
	}

	/**
	 * The engine's configuration, with the database URL's TLS parameters (Debezium takes
	 * host, port and database apart, so {@code sslmode} and friends would be lost) and
	 * the Kafka clients' security settings for the offset store (Kafka Connect's offset
	 * store reads them at the top level).
	 */
	static Properties of(PublisherProperties settings, List<CapturedTable> tables, String jdbcUrl, String user,
			String password, String bootstrapServers, Map<String, ?> kafkaClient) {
		URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
		Properties config = new Properties();
		for (Map.Entry<String, String> parameter : parameters(database.getRawQuery()).entrySet()) {
			if (TLS_PARAMETERS.contains(parameter.getKey())) {
				config.setProperty("database." + parameter.getKey(), parameter.getValue());
			}
		}
		kafkaClient.forEach((key, value) -> {
			if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
				config.setProperty(key, String.valueOf(value));
			}
		});
		config.setProperty("name", "hubsync-publisher-" + settings.slotName());
		config.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
		config.setProperty("database.hostname", database.getHost());
		config.setProperty("database.port", String.valueOf((database.getPort() > 0) ? database.getPort() : 5432));
		config.setProperty("database.dbname", database.getPath().substring(1));
		config.setProperty("database.user", user);
		config.setProperty("database.password", password);
		config.setProperty("topic.prefix", "hubsync-publisher-" + settings.slotName().replace('_', '-'));
		config.setProperty("plugin.name", "pgoutput");
		config.setProperty("slot.name", settings.slotName());
		config.setProperty("publication.name", settings.publicationName());
		config.setProperty("publication.autocreate.mode", "filtered");
		config.setProperty("table.include.list",
				String.join(",", tables.stream().map(CapturedTable::qualified).toList()));
		config.setProperty("message.prefix.include.list", SyncOrigin.MESSAGE_PREFIX);
		config.setProperty("snapshot.mode", settings.snapshotMode());
		config.setProperty("tombstones.on.delete", "false");
		config.setProperty("decimal.handling.mode", "precise");
		config.setProperty("time.precision.mode", "adaptive_time_microseconds");
		config.setProperty("binary.handling.mode", "bytes");
		config.setProperty("poll.interval.ms", String.valueOf(settings.pollInterval().toMillis()));
		config.setProperty("max.batch.size", String.valueOf(settings.maxBatchSize()));
		config.setProperty("max.queue.size", String.valueOf(settings.maxBatchSize() * 4));
		config.setProperty("heartbeat.interval.ms", String.valueOf(settings.heartbeatInterval().toMillis()));
		config.setProperty("errors.max.retries", String.valueOf(settings.errorsMaxRetries()));
		config.setProperty("offset.storage", OffsetStore.class.getName());
		config.setProperty("offset.storage.topic", Topics.PUBLISHER_OFFSETS);
		config.setProperty("offset.storage.partitions", "1");
		config.setProperty("offset.storage.replication.factor", String.valueOf(settings.offsetsReplicationFactor()));
		config.setProperty("offset.flush.interval.ms", String.valueOf(settings.offsetFlushInterval().toMillis()));
		config.setProperty("offset.flush.timeout.ms", "10000");
		config.setProperty("bootstrap.servers", bootstrapServers);
		config.setProperty("slot.drop.on.stop", "false");
		config.setProperty("include.unknown.datatypes", "true");
		return config;
	}

	private static Map<String, String> parameters(@Nullable String query) {
		Map<String, String> parameters = new LinkedHashMap<>();
		if (query == null || query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return parameters;
	}

}
