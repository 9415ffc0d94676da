package dev.hubsync.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.infra.TempDirectories;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.demo.DemoPlatform;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running dev stack. {@link #start(DevStackOptions)} starts the parts in order and
 * {@link #close()} stops them in reverse, so nothing outlives the stack, PostgreSQL's
 * child process included.
 */
public final class DevStack implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(DevStack.class);

	private final DevStackOptions options;

	private final List<AutoCloseable> started = new ArrayList<>();

	private KafkaBroker kafka;

	private PostgresServer postgres;

	private DemoDatabase platform;

	private @Nullable Services services;

	private final BiFunction<PostgresServer, DemoDatabase, ServiceLogins> logins;

	private DevStack(DevStackOptions options, BiFunction<PostgresServer, DemoDatabase, ServiceLogins> logins) {
		this.options = options;
		this.logins = logins;
	}

	/**
	 * Starts the dev stack.
	 * @param options data directory and ports
	 * @return the running stack
	 */
	public static DevStack start(DevStackOptions options) {
		return start(options, (server, platform) -> ServiceLogins.shared(platform));
	}

	/**
	 * Starts the dev stack with the services logging in to PostgreSQL as other roles than
	 * the demo's, e.g. those of {@code deploy/postgres/roles.sql}.
	 * @param options data directory and ports
	 * @param logins sets the roles up once the demo database is installed (as the
	 * superuser, through the server) and returns each service's login
	 * @return the running stack
	 */
	public static DevStack start(DevStackOptions options,
			BiFunction<PostgresServer, DemoDatabase, ServiceLogins> logins) {
		DevStack stack = new DevStack(options, logins);
		try {
			stack.startParts();
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	private void startParts() {
		Path data = this.options.dataDirectory().toAbsolutePath();
		PostgresServer postgresServer = PostgresServer.builder()
			.port(this.options.postgresPort())
			.dataDirectory(data.resolve("postgres"))
			.build();
		if (this.options.fresh()) {
			logger.info("Starting fresh: deleting {}", data);
			postgresServer.wipe();
			TempDirectories.delete(data);
		}
		this.kafka = KafkaBroker.builder()
			.port(this.options.kafkaPort())
			.controllerPort(this.options.kafkaControllerPort())
			.dataDirectory(data.resolve("kafka"))
			.start();
		this.started.add(this.kafka);
		this.postgres = postgresServer.start();
		this.started.add(this.postgres);
		this.platform = DemoPlatform.install(this.postgres);
		ServicePorts ports = this.options.services();
		if (ports != null) {
			this.services = Services.start(ports, data, this.kafka, this.logins.apply(this.postgres, this.platform),
					this.options.pollInterval(), this.options.realHubSpot(), this.options.ingressMode());
			this.started.add(this.services);
			if (this.services.emulator() != null) {
				// the demo mapping maps owners: each of the emulator's owners has its
				// user
				DemoData.users(this.platform, this.services.emulator().baseUrl());
				if (this.options.demoData() > 0) {
					DemoData.create(this.options.demoData(), this.platform, this.services.emulator().baseUrl());
				}
			}
		}
	}

	/**
	 * Returns the HubSpot emulator.
	 * @return the emulator, or null when only the infrastructure runs
	 */
	public @Nullable HubSpotEmulator emulator() {
		return (this.services != null) ? this.services.emulator() : null;
	}

	/**
	 * Returns the sync worker's application context, for tests that stop and start its
	 * listeners as an operator stops and starts its instances.
	 * @return the context, or null when only the infrastructure runs
	 */
	public @Nullable ConfigurableApplicationContext worker() {
		return (this.services != null) ? this.services.worker() : null;
	}

	/**
	 * Returns the port a service's actuator (health, metrics) answers on.
	 * @param servicePort the service's HTTP port
	 * @return its management port
	 */
	public int managementPort(int servicePort) {
		if (this.services == null || !this.services.managementPorts().containsKey(servicePort)) {
			throw new IllegalArgumentException("no service runs on port " + servicePort);
		}
		return this.services.managementPorts().get(servicePort);
	}

	/**
	 * Returns the broker.
	 * @return the running broker
	 */
	public KafkaBroker kafka() {
		return this.kafka;
	}

	/**
	 * Returns the PostgreSQL server.
	 * @return the running server
	 */
	public PostgresServer postgres() {
		return this.postgres;
	}

	/**
	 * Returns the demo platform database.
	 * @return where it is
	 */
	public DemoDatabase platform() {
		return this.platform;
	}

	/**
	 * Describes where everything is, for the console.
	 * @return one line per part
	 */
	public List<String> describe() {
		List<String> lines = new ArrayList<>(List.of("  Kafka        " + this.kafka.bootstrapServers(),
				"  PostgreSQL   " + this.platform.jdbcUrl() + " (user " + this.platform.user() + ", password "
						+ this.platform.password() + ")",
				"  Data         " + this.options.dataDirectory().toAbsolutePath().normalize()));
		if (this.services != null) {
			lines.addAll(this.services.describe());
		}
		return lines;
	}

	/**
	 * Stops every part, in reverse start order.
	 */
	@Override
	public synchronized void close() {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			try {
				this.started.get(i).close();
			}
			catch (Exception ex) {
				logger.warn("Could not stop {}", this.started.get(i), ex);
			}
		}
		this.started.clear();
	}

}
