package dev.hubsync.chaos.stack;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.hubsync.infra.FreePorts;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.demo.DemoPlatform;
import dev.hubsync.infra.kafka.KafkaBroker;
import dev.hubsync.infra.postgres.PostgresServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HubSync as deployed, on one machine: Kafka and PostgreSQL embedded in this JVM, the
 * emulator and every service instance in a JVM of its own, configured as docker-compose
 * configures the containers (the same variables), with the time windows the shape gives.
 * {@link #startInfrastructure} brings up Kafka, PostgreSQL and the emulator, so records
 * can be born before HubSync starts; {@link #startServices} starts HubSync.
 */
public final class Stack implements AutoCloseable {

	/** The admin API key every service is given. */
	public static final String ADMIN_KEY = "dev-admin-key";

	/** The webhook signing secret shared by the emulator and the ingresses. */
	public static final String CLIENT_SECRET = "dev-client-secret";

	/** HubSync's app token in the emulator (app 4242). */
	public static final String APP_TOKEN = "hubsync-app-token";

	/** A user's token in the emulator: people and the workload write with it. */
	public static final String USER_TOKEN = "emulator-token";

	/** HubSync's app id. */
	public static final long APP_ID = 4242;

	private static final Logger logger = LoggerFactory.getLogger(Stack.class);

	private final ServiceJars jars;

	private final StackShape shape;

	private final JsonMapper json;

	private final Path logs;

	private final KafkaBroker kafka;

	private final PostgresServer postgres;

	private final DemoDatabase platform;

	private final ServiceProcess emulator;

	private final EmulatorControl control;

	private final ServiceEnvironment environment;

	private final WebhookForwarder forwarder;

	private final List<ServiceProcess> ingresses = new ArrayList<>();

	private final List<ServiceProcess> workers = new ArrayList<>();

	private final List<ServiceProcess> publishers = new ArrayList<>();

	private @Nullable ServiceProcess mapping;

	private Stack(ServiceJars jars, StackShape shape, JsonMapper json, KafkaBroker kafka, PostgresServer postgres) {
		this.jars = jars;
		this.shape = shape;
		this.json = json;
		this.logs = shape.workDirectory().resolve("logs");
		this.kafka = kafka;
		this.postgres = postgres;
		this.platform = DemoPlatform.install(postgres);
		this.forwarder = WebhookForwarder.start(() -> this.ingresses.stream().map(ServiceProcess::baseUrl).toList());
		int emulatorPort = FreePorts.find();
		this.environment = new ServiceEnvironment(shape, kafka.bootstrapServers(), this.platform,
				URI.create("http://127.0.0.1:" + emulatorPort), this.forwarder.baseUrl());
		this.emulator = new ServiceProcess("emulator", ServiceKind.EMULATOR, jars.jar(ServiceKind.EMULATOR),
				emulatorPort, this.environment.emulator(), shape.jvmOptions(), this.logs);
		this.control = new EmulatorControl(this.emulator.baseUrl(), json);
	}

	/**
	 * Starts Kafka, PostgreSQL with the demo platform, and the emulator, whose webhooks
	 * go to the forwarder (which has no ingress behind it yet: HubSpot retries).
	 * @param jars the runnable jars
	 * @param shape the shape
	 * @param json the mapper
	 * @return the stack, HubSync not started
	 */
	public static Stack startInfrastructure(ServiceJars jars, StackShape shape, JsonMapper json) {
		jars.verify();
		try {
			Files.createDirectories(shape.workDirectory().resolve("logs"));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("cannot create " + shape.workDirectory() + ": " + ex.getMessage(), ex);
		}
		// Data under the work directory, not temporary: a temporary server's directory is
		// swept by other JVMs' servers, and this one is stopped and started on purpose.
		KafkaBroker kafka = KafkaBroker.builder().dataDirectory(shape.workDirectory().resolve("kafka")).start();
		PostgresServer postgres;
		try {
			postgres = PostgresServer.builder().dataDirectory(shape.workDirectory().resolve("postgres")).start();
		}
		catch (RuntimeException ex) {
			kafka.close();
			throw ex;
		}
		Stack stack = new Stack(jars, shape, json, kafka, postgres);
		try {
			stack.emulator.start().awaitReady(shape.readyTimeout());
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/**
	 * Starts HubSync: the ingresses, mapping-service (which publishes the mappings and
	 * creates the HubSpot properties), the workers and the publishers, and waits until
	 * the workers have their mappings and one publisher captures.
	 */
	public void startServices() {
		for (int i = 1; i <= this.shape.ingresses(); i++) {
			this.ingresses.add(service("ingress-" + i, ServiceKind.INGRESS, this.environment.ingress()));
		}
		this.mapping = service("mapping", ServiceKind.MAPPING, this.environment.mapping());
		this.ingresses.forEach(ServiceProcess::start);
		this.mapping.start();
		this.mapping.awaitReady(this.shape.readyTimeout());
		ServiceProcess.Answer created = this.mapping.post("/api/hubspot/properties");
		if (created.status() >= 300) {
			throw new IllegalStateException("mapping-service did not create the HubSpot properties: " + created);
		}
		for (int i = 1; i <= this.shape.workers(); i++) {
			this.workers.add(service("worker-" + i, ServiceKind.WORKER, this.environment.worker()));
		}
		for (int i = 1; i <= this.shape.publishers(); i++) {
			this.publishers.add(service("publisher-" + i, ServiceKind.PUBLISHER, this.environment.publisher()));
		}
		this.workers.forEach(ServiceProcess::start);
		this.ingresses.forEach((ingress) -> ingress.awaitReady(this.shape.readyTimeout()));
		this.workers.forEach((worker) -> awaitWorkerReady(worker, this.shape.readyTimeout()));
		if (!this.shape.keepMappingService()) {
			this.mapping.close();
			logger.info("mapping-service stopped: the workers have the mappings");
		}
		this.publishers.forEach(ServiceProcess::start);
		this.publishers.forEach((publisher) -> publisher.awaitReady(this.shape.readyTimeout()));
		awaitCapture(this.shape.readyTimeout());
	}

	private ServiceProcess service(String name, ServiceKind kind, Map<String, String> settings) {
		return new ServiceProcess(name, kind, this.jars.jar(kind), FreePorts.find(), settings, this.shape.jvmOptions(),
				this.logs);
	}

	/**
	 * Waits until a worker is ready and has the mapping of every object type.
	 * @param worker the worker
	 * @param timeout how long to wait
	 */
	public void awaitWorkerReady(ServiceProcess worker, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		worker.awaitReady(timeout);
		while (System.nanoTime() < deadline) {
			ServiceProcess.Answer status = worker.fetch("/api/status");
			if (status.status() == 200 && this.json.readTree(status.body()).path("mappings").size() >= 3) {
				return;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
		}
		throw new IllegalStateException(worker.name() + " did not get the mappings within " + timeout);
	}

	/**
	 * Waits until one publisher captures.
	 * @param timeout how long to wait
	 * @return the capturing publisher
	 */
	public ServiceProcess awaitCapture(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<ServiceProcess> capturing = capturingPublisher();
			if (capturing.isPresent()) {
				return capturing.get();
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
		}
		throw new IllegalStateException("no publisher captured within " + timeout);
	}

	/**
	 * Finds the publisher whose Debezium engine runs (the others stand by).
	 * @return the capturing publisher, if one captures now
	 */
	public Optional<ServiceProcess> capturingPublisher() {
		for (ServiceProcess publisher : this.publishers) {
			if (!publisher.alive()) {
				continue;
			}
			ServiceProcess.Answer health = publisher.fetch("/actuator/health");
			if (health.status() == 0) {
				continue;
			}
			JsonNode state = this.json.readTree(health.body())
				.path("components")
				.path("capture")
				.path("details")
				.path("state");
			if ("RUNNING".equals(state.asString())) {
				return Optional.of(publisher);
			}
		}
		return Optional.empty();
	}

	/**
	 * Starts again every instance that is not running (one whose restart failed while the
	 * database or the broker was away), as an orchestrator's restart policy would, and
	 * waits until each is ready.
	 * @return the instances restarted
	 */
	public List<String> revive() {
		List<String> revived = new ArrayList<>();
		List<ServiceProcess> all = new ArrayList<>(this.ingresses);
		all.addAll(this.workers);
		all.addAll(this.publishers);
		for (ServiceProcess instance : all) {
			if (!instance.alive()) {
				instance.start();
				revived.add(instance.name());
			}
		}
		for (ServiceProcess instance : all) {
			if (revived.contains(instance.name())) {
				if (instance.kind() == ServiceKind.WORKER) {
					awaitWorkerReady(instance, this.shape.readyTimeout());
				}
				else {
					instance.awaitReady(this.shape.readyTimeout());
				}
			}
		}
		return revived;
	}

	/**
	 * Keeps this many worker replicas running: stops the others (SIGTERM, as a scale-down
	 * does) or starts them again, then waits until the running ones are ready.
	 * @param count how many replicas run
	 */
	public void scaleWorkers(int count) {
		for (int i = 0; i < this.workers.size(); i++) {
			ServiceProcess worker = this.workers.get(i);
			if (i < count) {
				worker.start();
			}
			else {
				worker.close();
			}
		}
		this.workers.subList(0, Math.min(count, this.workers.size()))
			.forEach((worker) -> awaitWorkerReady(worker, this.shape.readyTimeout()));
	}

	/**
	 * Stops the broker, waits, and starts it again on the same port and data.
	 * @param down how long it stays down
	 */
	public void restartKafka(Duration down) {
		this.kafka.stop();
		LockSupport.parkNanos(down.toNanos());
		this.kafka.start();
	}

	/**
	 * Stops PostgreSQL (fast: open transactions roll back), waits, and starts it again.
	 * @param down how long it stays down
	 */
	public void restartPostgres(Duration down) {
		this.postgres.stop();
		LockSupport.parkNanos(down.toNanos());
		this.postgres.start();
	}

	/**
	 * Returns the demo platform database.
	 * @return where it is
	 */
	public DemoDatabase platform() {
		return this.platform;
	}

	/**
	 * Returns the emulator's base URL (HubSpot's API).
	 * @return the URL
	 */
	public URI hubspotUrl() {
		return this.emulator.baseUrl();
	}

	/**
	 * Returns the emulator's admin client.
	 * @return the client
	 */
	public EmulatorControl emulator() {
		return this.control;
	}

	/**
	 * Returns the broker.
	 * @return the broker
	 */
	public KafkaBroker kafka() {
		return this.kafka;
	}

	/**
	 * Returns the worker replicas.
	 * @return the workers
	 */
	public List<ServiceProcess> workers() {
		return List.copyOf(this.workers);
	}

	/**
	 * Returns the ingress instances.
	 * @return the ingresses
	 */
	public List<ServiceProcess> ingresses() {
		return List.copyOf(this.ingresses);
	}

	/**
	 * Returns the publisher instances.
	 * @return the publishers
	 */
	public List<ServiceProcess> publishers() {
		return List.copyOf(this.publishers);
	}

	/**
	 * Returns the forwarder HubSpot calls.
	 * @return the forwarder
	 */
	public WebhookForwarder forwarder() {
		return this.forwarder;
	}

	/**
	 * Returns the shape.
	 * @return the shape
	 */
	public StackShape shape() {
		return this.shape;
	}

	/**
	 * Stops everything: services, emulator, forwarder, PostgreSQL and Kafka.
	 */
	@Override
	public void close() {
		List<ServiceProcess> all = new ArrayList<>(this.publishers);
		all.addAll(this.workers);
		if (this.mapping != null) {
			all.add(this.mapping);
		}
		all.addAll(this.ingresses);
		all.add(this.emulator);
		all.parallelStream().forEach(ServiceProcess::close);
		this.forwarder.close();
		this.postgres.close();
		this.kafka.close();
		dev.hubsync.infra.TempDirectories.delete(this.shape.workDirectory().resolve("kafka"));
		dev.hubsync.infra.TempDirectories.delete(this.shape.workDirectory().resolve("postgres"));
	}

}
