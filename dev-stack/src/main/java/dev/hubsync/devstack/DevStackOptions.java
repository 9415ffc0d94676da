package dev.hubsync.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Where the dev stack keeps its data and which ports it uses.
 *
 * @param dataDirectory where Kafka, PostgreSQL and later the emulator keep their state
 * @param fresh whether to delete the data directory before starting
 * @param kafkaPort Kafka's client port
 * @param kafkaControllerPort Kafka's controller port
 * @param postgresPort PostgreSQL's port
 * @param services the services' ports; null starts the infrastructure only
 * @param pollInterval the reconciliation poller's interval
 * @param demoData records to create on each side once ready (0: none)
 * @param realHubSpot a real HubSpot API to use instead of the emulator; null for the
 * emulator
 * @param ingressMode how the ingress takes HubSpot's changes: {@code webhooks},
 * {@code journal} (the emulator sends no webhooks; the ingress reads its webhooks
 * journal) or {@code both}
 */
public record DevStackOptions(Path dataDirectory, boolean fresh, int kafkaPort, int kafkaControllerPort,
		int postgresPort, @Nullable ServicePorts services, Duration pollInterval, int demoData,
		@Nullable URI realHubSpot, String ingressMode) {

	/**
	 * Checks the ingress mode.
	 * @param dataDirectory the data directory
	 * @param fresh whether to start clean
	 * @param kafkaPort Kafka's port
	 * @param kafkaControllerPort Kafka's controller port
	 * @param postgresPort PostgreSQL's port
	 * @param services the services' ports
	 * @param pollInterval the poller's interval
	 * @param demoData demo records
	 * @param realHubSpot a real HubSpot API
	 * @param ingressMode the ingress mode
	 */
	public DevStackOptions {
		if (!java.util.List.of("webhooks", "journal", "both").contains(ingressMode)) {
			throw new IllegalArgumentException("the ingress mode is webhooks, journal or both, not " + ingressMode);
		}
	}

	/**
	 * Options with the ingress taking webhooks.
	 * @param dataDirectory the data directory
	 * @param fresh whether to start clean
	 * @param kafkaPort Kafka's port
	 * @param kafkaControllerPort Kafka's controller port
	 * @param postgresPort PostgreSQL's port
	 * @param services the services' ports
	 * @param pollInterval the poller's interval
	 * @param demoData demo records
	 * @param realHubSpot a real HubSpot API
	 */
	public DevStackOptions(Path dataDirectory, boolean fresh, int kafkaPort, int kafkaControllerPort, int postgresPort,
			@Nullable ServicePorts services, Duration pollInterval, int demoData, @Nullable URI realHubSpot) {
		this(dataDirectory, fresh, kafkaPort, kafkaControllerPort, postgresPort, services, pollInterval, demoData,
				realHubSpot, "webhooks");
	}

	/**
	 * Options for the infrastructure alone.
	 * @param dataDirectory the data directory
	 * @param fresh whether to start clean
	 * @param kafkaPort Kafka's port
	 * @param kafkaControllerPort Kafka's controller port
	 * @param postgresPort PostgreSQL's port
	 */
	public DevStackOptions(Path dataDirectory, boolean fresh, int kafkaPort, int kafkaControllerPort,
			int postgresPort) {
		this(dataDirectory, fresh, kafkaPort, kafkaControllerPort, postgresPort, null, Duration.ofSeconds(60), 0, null);
	}

	/** Kafka's client port in the dev stack. */
	public static final int KAFKA_PORT = 9092;

	/** Kafka's controller port in the dev stack. */
	public static final int KAFKA_CONTROLLER_PORT = 9093;

	/** PostgreSQL's port in the dev stack. */
	public static final int POSTGRES_PORT = 55432;

	/**
	 * Returns the defaults: {@code ./.hubsync-dev} and the dev stack's fixed ports.
	 * @return the default options
	 */
	public static DevStackOptions defaults() {
		return new DevStackOptions(Path.of(".hubsync-dev"), false, KAFKA_PORT, KAFKA_CONTROLLER_PORT, POSTGRES_PORT,
				ServicePorts.defaults(), Duration.ofSeconds(60), 0, null);
	}

}
