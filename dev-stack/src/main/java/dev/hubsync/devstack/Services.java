package dev.hubsync.devstack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.LogContext;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.ingress.WebhookIngressApplication;
import dev.hubsync.mappingservice.MappingServiceApplication;
import dev.hubsync.mappingservice.mappings.MappingService;
import dev.hubsync.publisher.OutboundPublisherApplication;
import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.capture.EngineState;
import dev.hubsync.worker.SyncWorkerApplication;
import dev.hubsync.worker.mapping.MappingFollower;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * The services of the dev stack, each in its own Spring context with its own
 * configuration name, wired as ARCHITECTURE §9/§14 and the dev-stack issue say: the
 * emulator's webhooks go to the ingress signed v3 with {@code dev-client-secret}; HubSync
 * calls the emulator as app 4242 ({@code hubsync-app-token}); admin APIs take
 * {@code dev-admin-key}; the rate budget is shared through PostgreSQL; the demo mapping
 * is loaded and the HubSpot properties it needs exist. Settings are passed as arguments
 * so they outrank each service's own properties file.
 */
final class Services implements AutoCloseable {

	/**
	 * The app's client secret: the emulator's default clients' (the journal reader's
	 * token), which signs its webhooks too.
	 */
	static final String CLIENT_SECRET = HubSpotEmulator.CLIENT_SECRET;

	static final String ADMIN_KEY = "dev-admin-key";

	private static final Logger logger = LoggerFactory.getLogger(Services.class);

	private final List<AutoCloseable> started = new ArrayList<>();

	private final Map<Integer, Integer> managementPorts = new java.util.concurrent.ConcurrentHashMap<>();

	private HubSpotEmulator emulator;

	private ServicePorts ports;

	private @Nullable ConfigurableApplicationContext worker;

	/** The environment a real HubSpot portal needs (see the README). */
	static final List<String> REAL_HUBSPOT_ENVIRONMENT = List.of("HUBSYNC_HUBSPOT_ACCESS_TOKEN",
			"HUBSYNC_HUBSPOT_APP_ID", "HUBSYNC_HUBSPOT_PORTAL_ID", "HUBSYNC_INGRESS_CLIENT_SECRETS");

	static Services start(ServicePorts ports, Path data, KafkaBroker kafka, ServiceLogins logins, Duration pollInterval,
			@Nullable URI realHubSpot, String ingressMode) {
		Services services = new Services();
		services.ports = ports;
		try {
			services.startAll(ports, data, kafka, logins, pollInterval, realHubSpot, ingressMode);
			return services;
		}
		catch (RuntimeException ex) {
			services.close();
			throw ex;
		}
	}

	private void startAll(ServicePorts ports, Path data, KafkaBroker kafka, ServiceLogins logins, Duration pollInterval,
			@Nullable URI realHubSpot, String ingressMode) {
		String ingressUrl = "http://localhost:" + ports.ingress();
		List<String> ingressSettings = new ArrayList<>();
		List<String> identity = new ArrayList<>();
		String hubspot;
		if (realHubSpot == null) {
			// the first application of the JVM sets up logging for all: with the
			// services'
			// correlation pattern (the event in hand on every line)
			Map<String, Object> emulatorSettings = new java.util.HashMap<>(Map.of("server.port", ports.emulator(),
					"emulator.storage.dir", data.resolve("hubspot"), "emulator.webhook.client-secret", CLIENT_SECRET,
					"logging.pattern.correlation", LogContext.CONSOLE_PATTERN));
			if (!"journal".equals(ingressMode)) {
				emulatorSettings.put("emulator.webhook.target-url", ingressUrl + "/webhooks/hubspot");
			}
			this.emulator = HubSpotEmulator.start(emulatorSettings);
			this.started.add(this.emulator);
			hubspot = "http://localhost:" + ports.emulator();
			ingressSettings.add("--hubsync.ingress.client-secrets=" + CLIENT_SECRET);
			ingressSettings.add("--hubsync.ingress.public-base-url=" + ingressUrl);
			ingressSettings.add("--hubsync.ingress.mode=" + ingressMode);
			if (!"webhooks".equals(ingressMode)) {
				JournalSubscriptions.subscribeDemoTypes(this.emulator.baseUrl(), HubSpotEmulator.PORTAL_ID,
						CLIENT_SECRET);
				ingressSettings.add("--hubsync.ingress.journal.base-url=" + hubspot);
				ingressSettings.add("--hubsync.ingress.journal.client-id=" + JournalSubscriptions.CLIENT_ID);
				ingressSettings.add("--hubsync.ingress.portal-ids=" + HubSpotEmulator.PORTAL_ID);
				ingressSettings.add("--hubsync.ingress.journal.poll-interval=200ms");
			}
		}
		else {
			// A real portal: token, app id, portal id and client secret come from the
			// environment
			// (which outranks the services' own files); HubSpot reaches the ingress
			// through
			// HUBSYNC_INGRESS_PUBLIC_BASE_URL when set, else the poller covers for the
			// webhooks.
			List<String> missing = REAL_HUBSPOT_ENVIRONMENT.stream()
				.filter((name) -> System.getenv(name) == null || System.getenv(name).isBlank())
				.toList();
			if (!missing.isEmpty()) {
				throw new IllegalStateException("--hubspot-url needs the environment variables " + missing);
			}
			hubspot = realHubSpot.toString();
		}
		identity.add("--hubsync.hubspot.base-url=" + hubspot);
		String bootstrap = "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers();
		start(WebhookIngressApplication.class, WebhookIngressApplication.CONFIG_NAME, ports.ingress(),
				with(ingressSettings, bootstrap));
		ConfigurableApplicationContext mapping = start(MappingServiceApplication.class,
				MappingServiceApplication.CONFIG_NAME, ports.mapping(),
				with(with(database(logins.mapping()), identity.toArray(String[]::new)), bootstrap,
						"--hubsync.admin.api-key=" + ADMIN_KEY, "--hubsync.admin.allow-weak-keys=true"));
		mapping.getBean(MappingService.class).createProperties(true);
		ConfigurableApplicationContext worker = start(SyncWorkerApplication.class, SyncWorkerApplication.CONFIG_NAME,
				ports.worker(),
				with(with(with(database(logins.worker()), logins.workerSettings().toArray(String[]::new)),
						identity.toArray(String[]::new)), bootstrap, "--hubsync.admin.api-key=" + ADMIN_KEY,
						"--hubsync.admin.allow-weak-keys=true", "--hubsync.hubspot.rate-limit.store=postgresql",
						"--hubsync.hubspot.rate-limit.table=hubsync.rate_budget",
						"--hubsync.worker.poller.interval=" + pollInterval.toMillis() + "ms",
						"--hubsync.console.mapping-service-url=http://localhost:" + ports.mapping(),
						actuator("webhook-ingress", ports.ingress()), actuator("mapping-service", ports.mapping()),
						actuator("outbound-publisher", ports.publisher())));
		this.worker = worker;
		ConfigurableApplicationContext publisher = start(OutboundPublisherApplication.class,
				OutboundPublisherApplication.CONFIG_NAME, ports.publisher(),
				with(database(logins.publisher()), bootstrap));
		awaitReady(worker, publisher);
	}

	/** The console's link to another service's actuator (its liveness and readiness). */
	private static String actuator(String name, int port) {
		return "--hubsync.console.actuators." + name + "=http://localhost:" + ServicePorts.management(port)
				+ "/actuator";
	}

	private static List<String> database(DemoDatabase login) {
		return List.of("--spring.datasource.url=" + login.jdbcUrl(), "--spring.datasource.username=" + login.user(),
				"--spring.datasource.password=" + login.password());
	}

	private static List<String> with(List<String> base, String... more) {
		List<String> all = new ArrayList<>(base);
		all.addAll(List.of(more));
		return all;
	}

	private ConfigurableApplicationContext start(Class<?> application, String configName, int port,
			List<String> settings) {
		List<String> args = new ArrayList<>(settings);
		args.add("--server.port=" + port);
		args.add("--management.server.port=" + ServicePorts.management(port));
		args.add("--spring.main.banner-mode=off");
		args.add("--logging.level.org.apache.kafka=WARN");
		args.add("--logging.level.io.debezium=WARN");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.properties(Map.of("spring.config.name", configName))
			.run(args.toArray(String[]::new));
		this.started.add(context);
		this.managementPorts.put(port,
				context.getEnvironment().getProperty("local.management.port", Integer.class, port));
		logger.info("{} is up on port {}", configName, port);
		return context;
	}

	/**
	 * Ready means: the worker has its mappings and its listeners their partitions, and
	 * Debezium is streaming.
	 */
	private static void awaitReady(ConfigurableApplicationContext worker, ConfigurableApplicationContext publisher) {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		CaptureService capture = publisher.getBean(CaptureService.class);
		KafkaListenerEndpointRegistry listeners = worker.getBean(KafkaListenerEndpointRegistry.class);
		while (System.nanoTime() < deadline) {
			boolean streaming = capture.state() == EngineState.RUNNING;
			boolean assigned = listeners.getListenerContainers().stream().allMatch(Services::assigned);
			boolean mapped;
			try {
				mapped = worker.getBean(MappingFollower.class).awaitCaughtUp(Duration.ZERO);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			if (streaming && assigned && mapped) {
				return;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
		}
		throw new IllegalStateException("the services did not become ready within 3 minutes");
	}

	private static boolean assigned(MessageListenerContainer container) {
		return !container.isRunning()
				|| (container.getAssignedPartitions() != null && !container.getAssignedPartitions().isEmpty());
	}

	List<String> describe() {
		return List.of(
				"  HubSpot emulator   http://localhost:" + this.ports.emulator()
						+ " (tokens: emulator-token = user 1, hubsync-app-token = HubSync's app 4242)",
				"  webhook-ingress    http://localhost:" + this.ports.ingress() + "/webhooks/hubspot (secret "
						+ CLIENT_SECRET + ")",
				"  mapping-service    http://localhost:" + this.ports.mapping() + "/api/mappings (key " + ADMIN_KEY
						+ ", OpenAPI /v3/api-docs)",
				"  sync-worker        http://localhost:" + this.ports.worker() + "/api/status (key " + ADMIN_KEY + ")",
				"  admin console      http://localhost:" + this.ports.worker() + "/console (log in with " + ADMIN_KEY
						+ ")",
				"  outbound-publisher http://localhost:" + this.ports.publisher()
						+ " (health and metrics of each service on its management port: 9180 to 9183)");
	}

	@Nullable HubSpotEmulator emulator() {
		return this.emulator;
	}

	@Nullable ConfigurableApplicationContext worker() {
		return this.worker;
	}

	/**
	 * Returns the management (actuator) port each service listens on, by service port.
	 */
	Map<Integer, Integer> managementPorts() {
		return Map.copyOf(this.managementPorts);
	}

	@Override
	public void close() {
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
