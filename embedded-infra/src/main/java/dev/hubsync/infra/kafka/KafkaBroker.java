package dev.hubsync.infra.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.infra.FreePorts;
import dev.hubsync.infra.ServerState;
import dev.hubsync.infra.TempDirectories;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker, combined broker and controller in KRaft mode, in this JVM.
 * Internal topics have replication factor 1 and consumer groups start without the initial
 * rebalance delay, so a single broker is quick to use.
 *
 * <p>
 * Ports are fixed when given (the dev stack's 9092 and 9093) and free loopback ports
 * otherwise (tests). Storage is formatted on first start; a broker given a data directory
 * keeps its topics across {@link #stop()}/{@link #start()} and across JVMs. A temporary
 * data directory is deleted by {@link #close()}.
 *
 * <p>
 * Lifecycle: {@link ServerState}. {@code start()} returns once the broker answers an
 * admin client; {@code stop()} shuts it down in order (broker, then controller).
 */
public final class KafkaBroker implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(KafkaBroker.class);

	private static final int NODE_ID = 1;

	private final int port;

	private final int controllerPort;

	private final Path dataDirectory;

	private final boolean temporary;

	private final Map<String, String> overrides;

	private final Duration startTimeout;

	private volatile ServerState state = ServerState.NEW;

	private @Nullable KafkaRaftServer server;

	private static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

	private final int scramPort;

	private KafkaBroker(Builder builder) {
		this.scramPort = builder.scram ? FreePorts.find() : 0;
		this.port = (builder.port != 0) ? builder.port : FreePorts.find();
		this.controllerPort = (builder.controllerPort != 0) ? builder.controllerPort : FreePorts.find();
		this.temporary = builder.dataDirectory == null;
		this.dataDirectory = (builder.dataDirectory != null) ? builder.dataDirectory
				: TempDirectories.create("hubsync-kafka");
		this.overrides = Map.copyOf(builder.overrides);
		this.startTimeout = builder.startTimeout;
	}

	/**
	 * Starts configuring a broker.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a broker on free ports with a temporary data directory.
	 * @return the running broker
	 */
	public static KafkaBroker startTemporary() {
		return builder().start();
	}

	/**
	 * Starts (or restarts) the broker, formatting its storage on first use.
	 * @return this broker, running
	 * @throws IllegalStateException when it is closed, or does not answer within the
	 * start timeout
	 */
	public synchronized KafkaBroker start() {
		if (this.state == ServerState.RUNNING) {
			return this;
		}
		if (this.state == ServerState.CLOSED) {
			throw new IllegalStateException("broker is closed");
		}
		long began = System.nanoTime();
		KafkaConfig config = new KafkaConfig(serverProperties(), false);
		formatIfNeeded(config);
		KafkaRaftServer raftServer = new KafkaRaftServer(config, Time.SYSTEM);
		try {
			raftServer.startup();
			this.server = raftServer;
			awaitReady();
		}
		catch (RuntimeException ex) {
			shutdownQuietly(raftServer);
			this.server = null;
			this.state = ServerState.STOPPED;
			throw ex;
		}
		this.state = ServerState.RUNNING;
		logger.info("Kafka broker ready on {} (controller {}, data {}) in {} ms", bootstrapServers(),
				this.controllerPort, this.dataDirectory, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
		return this;
	}

	/**
	 * Stops the broker, keeping its data so that {@link #start()} resumes it.
	 */
	public synchronized void stop() {
		KafkaRaftServer raftServer = this.server;
		if (raftServer != null) {
			shutdownQuietly(raftServer);
			this.server = null;
			logger.info("Kafka broker on {} stopped", bootstrapServers());
		}
		if (this.state != ServerState.CLOSED) {
			this.state = ServerState.STOPPED;
		}
	}

	/**
	 * Stops the broker for good and deletes a temporary data directory.
	 */
	@Override
	public synchronized void close() {
		stop();
		this.state = ServerState.CLOSED;
		if (this.temporary) {
			TempDirectories.delete(this.dataDirectory);
		}
	}

	/**
	 * Returns the bootstrap servers clients connect to.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Returns the client port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the controller port.
	 * @return the port
	 */
	public int controllerPort() {
		return this.controllerPort;
	}

	/**
	 * Returns where the broker keeps its logs and metadata.
	 * @return the data directory
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * Returns the lifecycle state.
	 * @return the state
	 */
	public ServerState state() {
		return this.state;
	}

	/**
	 * Creates topics that do not exist yet; existing ones are left as they are.
	 * @param topics the topics
	 */
	public void createTopics(NewTopic... topics) {
		try (Admin admin = admin()) {
			for (NewTopic topic : topics) {
				try {
					admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("could not create topic " + topic.name(), ex.getCause());
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while creating topics", ex);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("timed out creating topics", ex);
		}
	}

	/**
	 * Returns the SASL/SCRAM listener's address.
	 * @return {@code host:port}
	 * @throws IllegalStateException when the broker was built without
	 * {@link Builder#scram()}
	 */
	public String scramBootstrapServers() {
		if (this.scramPort == 0) {
			throw new IllegalStateException("the broker has no SCRAM listener (KafkaBroker.builder().scram())");
		}
		return "127.0.0.1:" + this.scramPort;
	}

	/**
	 * Adds (or replaces) a SCRAM-SHA-512 user, through the plain listener.
	 * @param user the user name
	 * @param password the password
	 */
	public void addScramUser(String user, String password) {
		try (Admin admin = admin()) {
			admin
				.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user,
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while adding SCRAM user " + user, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("could not add SCRAM user " + user, ex);
		}
	}

	/**
	 * Opens an admin client on this broker; the caller closes it.
	 * @return the admin client
	 */
	public Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				(int) this.startTimeout.toMillis()));
	}

	private Properties serverProperties() {
		Map<String, String> config = new LinkedHashMap<>();
		config.put("process.roles", "broker,controller");
		config.put("node.id", String.valueOf(NODE_ID));
		config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + this.controllerPort);
		config.put("listeners",
				"PLAINTEXT://127.0.0.1:" + this.port + ",CONTROLLER://127.0.0.1:" + this.controllerPort);
		config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + this.port);
		config.put("controller.listener.names", "CONTROLLER");
		config.put("inter.broker.listener.name", "PLAINTEXT");
		config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		if (this.scramPort != 0) {
			// a SASL/SCRAM listener beside the plain one, which sets up its users
			config.put("listeners", "PLAINTEXT://127.0.0.1:" + this.port + ",SASL://127.0.0.1:" + this.scramPort
					+ ",CONTROLLER://127.0.0.1:" + this.controllerPort);
			config.put("advertised.listeners",
					"PLAINTEXT://127.0.0.1:" + this.port + ",SASL://127.0.0.1:" + this.scramPort);
			config.put("listener.security.protocol.map",
					"PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL:SASL_PLAINTEXT");
			config.put("sasl.enabled.mechanisms", SCRAM_MECHANISM);
			config.put("listener.name.sasl.scram-sha-512.sasl.jaas.config",
					"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		}
		config.put("log.dirs", this.dataDirectory.resolve("logs").toString());
		config.put("offsets.topic.replication.factor", "1");
		config.put("offsets.topic.num.partitions", "10");
		config.put("transaction.state.log.replication.factor", "1");
		config.put("transaction.state.log.min.isr", "1");
		config.put("transaction.state.log.num.partitions", "4");
		config.put("share.coordinator.state.topic.replication.factor", "1");
		config.put("share.coordinator.state.topic.min.isr", "1");
		config.put("default.replication.factor", "1");
		config.put("min.insync.replicas", "1");
		config.put("group.initial.rebalance.delay.ms", "0");
		config.put("num.partitions", "3");
		config.put("auto.create.topics.enable", "true");
		config.put("num.network.threads", "2");
		config.put("num.io.threads", "4");
		config.put("log.cleaner.backoff.ms", "1000");
		config.putAll(this.overrides);
		Properties properties = new Properties();
		properties.putAll(config);
		return properties;
	}

	private void formatIfNeeded(KafkaConfig config) {
		Path logs = this.dataDirectory.resolve("logs");
		if (Files.exists(logs.resolve("meta.properties"))) {
			return;
		}
		try {
			Files.createDirectories(logs);
			new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
				.setNodeId(NODE_ID)
				.setClusterId(Uuid.randomUuid().toString())
				.setControllerListenerName("CONTROLLER")
				.setMetadataLogDirectory(config.metadataLogDir())
				.addDirectory(logs.toString())
				.setIgnoreFormatted(true)
				.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not format Kafka storage in " + logs, ex);
		}
	}

	private void awaitReady() {
		try (Admin admin = admin()) {
			admin.describeCluster().nodes().get(this.startTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the broker", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(
					"Kafka broker on " + bootstrapServers() + " did not answer within " + this.startTimeout, ex);
		}
	}

	private static void shutdownQuietly(KafkaRaftServer raftServer) {
		try {
			raftServer.shutdown();
			raftServer.awaitShutdown();
		}
		catch (RuntimeException ex) {
			logger.warn("Kafka broker did not shut down cleanly", ex);
		}
	}

	/** Configures a {@link KafkaBroker}. */
	public static final class Builder {

		private int port;

		private int controllerPort;

		private @Nullable Path dataDirectory;

		private final Map<String, String> overrides = new LinkedHashMap<>();

		private Duration startTimeout = Duration.ofSeconds(60);

		private boolean scram;

		private Builder() {
		}

		/**
		 * Adds a SASL/SCRAM-SHA-512 listener on a free port beside the plain one (users
		 * are added with {@link KafkaBroker#addScramUser}).
		 * @return this builder
		 */
		public Builder scram() {
			this.scram = true;
			return this;
		}

		/**
		 * Sets the client port; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Sets the controller port; 0 (the default) picks a free one.
		 * @param controllerPort the port
		 * @return this builder
		 */
		public Builder controllerPort(int controllerPort) {
			this.controllerPort = controllerPort;
			return this;
		}

		/**
		 * Keeps data in a directory that outlives the broker; by default a temporary one
		 * is used and deleted on close.
		 * @param dataDirectory the directory, created if missing
		 * @return this builder
		 */
		public Builder dataDirectory(@Nullable Path dataDirectory) {
			this.dataDirectory = dataDirectory;
			return this;
		}

		/**
		 * Overrides one broker setting.
		 * @param name the setting, as in {@code server.properties}
		 * @param value its value
		 * @return this builder
		 */
		public Builder property(String name, String value) {
			this.overrides.put(name, value);
			return this;
		}

		/**
		 * Sets how long {@link KafkaBroker#start()} waits for the broker to answer.
		 * @param startTimeout the timeout
		 * @return this builder
		 */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
			return this;
		}

		/**
		 * Builds the broker without starting it.
		 * @return the broker, {@link ServerState#NEW}
		 */
		public KafkaBroker build() {
			return new KafkaBroker(this);
		}

		/**
		 * Builds and starts the broker.
		 * @return the running broker
		 */
		public KafkaBroker start() {
			return build().start();
		}

	}

}
