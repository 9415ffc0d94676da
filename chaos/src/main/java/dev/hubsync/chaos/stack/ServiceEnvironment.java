package dev.hubsync.chaos.stack;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hubsync.infra.demo.DemoDatabase;

/**
 * Each service's settings, as docker-compose sets them (the same keys, passed as
 * environment variables), with the shape's compressed time windows.
 */
final class ServiceEnvironment {

	private final StackShape shape;

	private final String bootstrapServers;

	private final DemoDatabase platform;

	private final URI emulator;

	private final URI forwarder;

	ServiceEnvironment(StackShape shape, String bootstrapServers, DemoDatabase platform, URI emulator, URI forwarder) {
		this.shape = shape;
		this.bootstrapServers = bootstrapServers;
		this.platform = platform;
		this.emulator = emulator;
		this.forwarder = forwarder;
	}

	private Map<String, String> common() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.main.banner-mode", "off");
		settings.put("spring.kafka.bootstrap-servers", this.bootstrapServers);
		settings.put("logging.level.org.apache.kafka", "WARN");
		settings.put("logging.level.io.debezium", "WARN");
		return settings;
	}

	private Map<String, String> database(Map<String, String> settings) {
		settings.put("spring.datasource.url", this.platform.jdbcUrl());
		settings.put("spring.datasource.username", this.platform.user());
		settings.put("spring.datasource.password", this.platform.password());
		return settings;
	}

	private Map<String, String> hubspot(Map<String, String> settings) {
		settings.put("hubsync.hubspot.base-url", this.emulator.toString());
		settings.put("hubsync.hubspot.access-token", Stack.APP_TOKEN);
		settings.put("hubsync.hubspot.app-id", String.valueOf(Stack.APP_ID));
		settings.put("hubsync.hubspot.portal-id", "100000");
		return settings;
	}

	Map<String, String> emulator() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("spring.main.banner-mode", "off");
		settings.put("emulator.webhook.target-url", this.forwarder + "/webhooks/hubspot");
		settings.put("emulator.webhook.client-secret", Stack.CLIENT_SECRET);
		settings.put("emulator.webhook.retry-schedule",
				this.shape.webhookRetrySchedule()
					.stream()
					.map((d) -> d.toMillis() + "ms")
					.collect(Collectors.joining(",")));
		settings.put("emulator.request-log-capacity", "5000000");
		if (this.shape.liftedLimits()) {
			settings.put("emulator.rate-limit.enabled", "false");
		}
		return settings;
	}

	Map<String, String> ingress() {
		Map<String, String> settings = common();
		settings.put("hubsync.ingress.client-secrets", Stack.CLIENT_SECRET);
		// the URL HubSpot calls and signs: the forwarder's, as behind a load balancer
		settings.put("hubsync.ingress.public-base-url", this.forwarder.toString());
		return settings;
	}

	Map<String, String> mapping() {
		Map<String, String> settings = hubspot(database(common()));
		settings.put("hubsync.admin.api-key", Stack.ADMIN_KEY);
		settings.put("hubsync.admin.allow-weak-keys", "true");
		return settings;
	}

	Map<String, String> worker() {
		Map<String, String> settings = hubspot(database(common()));
		settings.put("hubsync.admin.api-key", Stack.ADMIN_KEY);
		settings.put("hubsync.admin.allow-weak-keys", "true");
		settings.put("hubsync.hubspot.rate-limit.store", "postgresql");
		settings.put("hubsync.hubspot.rate-limit.table", "hubsync.rate_budget");
		settings.put("hubsync.hubspot.request-timeout", "3s");
		settings.put("hubsync.worker.poller.interval", this.shape.pollerInterval().toMillis() + "ms");
		settings.put("hubsync.worker.retry.max-backoff", "10s");
		// what the inbound direction decided for each association it read: the
		// report's sync log has no line for an association left alone (a package, as
		// an environment variable cannot spell a class name's capitals)
		settings.put("logging.level.dev.hubsync.worker.inbound", "DEBUG");
		// and each write the outbound direction sends (records and properties), to tell
		// what a write that changed nothing was
		settings.put("logging.level.dev.hubsync.worker.outbound", "DEBUG");
		// and each replica's rebalances (partitions revoked and assigned), to tell which
		// replica owned a record that two of them wrote
		settings.put("logging.level.org.apache.kafka.clients.consumer.internals", "INFO");
		// a killed replica's partitions move after 10 s, not the default 45 s
		settings.put("spring.kafka.consumer.properties.session.timeout.ms", "10000");
		settings.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "2000");
		if (this.shape.liftedLimits()) {
			settings.put("hubsync.hubspot.rate-limit.ten-secondly", "1000000");
			settings.put("hubsync.hubspot.rate-limit.daily", "100000000");
			settings.put("hubsync.hubspot.rate-limit.search-per-second", "1000");
		}
		return settings;
	}

	Map<String, String> publisher() {
		Map<String, String> settings = database(common());
		settings.put("hubsync.publisher.lock-poll-interval", "500ms");
		settings.put("hubsync.publisher.restart-backoff", "2s");
		return settings;
	}

}
