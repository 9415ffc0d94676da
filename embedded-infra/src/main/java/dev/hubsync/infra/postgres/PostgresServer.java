package dev.hubsync.infra.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.hubsync.infra.FreePorts;
import dev.hubsync.infra.ServerState;
import dev.hubsync.infra.TempDirectories;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 17 server, a child process of this JVM, configured for logical
 * decoding ({@code wal_level=logical}, replication slots and WAL senders) and listening
 * on loopback only. The superuser {@value #SUPERUSER} is trusted on loopback; other roles
 * authenticate with their password over TCP.
 *
 * <p>
 * The port is fixed when given (the dev stack's 55432) and free otherwise (tests).
 * Without a data directory a temporary one is used and deleted by {@link #close()};
 * temporary directories left by a killed JVM are swept (their postmaster stopped) when
 * the next server starts. With a data directory, data survives
 * {@link #stop()}/{@link #start()} and JVMs, and a postmaster a killed JVM left running
 * on it is stopped first.
 *
 * <p>
 * {@link Builder#requireTls()} makes a server that refuses connections without TLS
 * ({@code ssl=on}, {@code hostssl} lines only), with a self-signed certificate made at
 * first start, which clients verify against {@link #rootCertificate()}.
 */
public final class PostgresServer implements AutoCloseable {

	/** The superuser, trusted on loopback. */
	public static final String SUPERUSER = "postgres";

	private static final Logger logger = LoggerFactory.getLogger(PostgresServer.class);

	private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

	private final int port;

	private final Path dataDirectory;

	private final @Nullable Path temporaryLock;

	private final Map<String, String> settings;

	private final Duration startTimeout;

	private final @Nullable LaunchMode requestedMode;

	private final boolean requireTls;

	private volatile ServerState state = ServerState.NEW;

	private @Nullable PostgresCommands commands;

	private @Nullable Process process;

	private @Nullable FileChannel lockChannel;

	private @Nullable FileLock lock;

	private PostgresServer(Builder builder) {
		this.port = (builder.port != 0) ? builder.port : FreePorts.find();
		boolean temporary = builder.dataDirectory == null;
		Path root = workRoot();
		String name = "data-" + UUID.randomUUID();
		this.dataDirectory = temporary ? root.resolve(name) : builder.dataDirectory.toAbsolutePath();
		this.temporaryLock = temporary ? root.resolve(name + ".lock") : null;
		this.requireTls = builder.requireTls;
		this.settings = settings(builder, temporary, this.dataDirectory);
		this.startTimeout = builder.startTimeout;
		this.requestedMode = builder.launchMode;
	}

	/**
	 * Starts configuring a server.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts a server on a free port with a temporary data directory.
	 * @return the running server
	 */
	public static PostgresServer startTemporary() {
		return builder().start();
	}

	/**
	 * Starts (or restarts) the server, initialising its data directory on first use.
	 * @return this server, running
	 */
	public synchronized PostgresServer start() {
		if (this.state == ServerState.RUNNING) {
			return this;
		}
		if (this.state == ServerState.CLOSED) {
			throw new IllegalStateException("server is closed");
		}
		long began = System.nanoTime();
		PostgresCommands commands = commands();
		if (this.temporaryLock != null) {
			TemporaryDataDirectories.sweep(workRoot(), commands);
			lockTemporaryDirectory();
		}
		if (!Files.exists(this.dataDirectory.resolve("PG_VERSION"))) {
			commands.initdb(this.dataDirectory);
		}
		if (this.requireTls) {
			commands.requireTls(this.dataDirectory, rootCertificate(), this.dataDirectory.resolve("server.key"));
		}
		PostgresCommands.runningPostmaster(this.dataDirectory).ifPresent((orphan) -> {
			logger.warn("Stopping PostgreSQL (pid {}) left running on {} by an earlier run", orphan.pid(),
					this.dataDirectory);
			commands.stop(this.dataDirectory, "fast");
		});
		if (!FreePorts.isFree(this.port)) {
			throw new IllegalStateException("cannot start PostgreSQL: port " + this.port + " is already in use");
		}
		Path log = logFile();
		this.process = commands.startPostmaster(this.dataDirectory, this.port, this.settings, log);
		awaitReady(log);
		this.state = ServerState.RUNNING;
		logger.info("PostgreSQL ready on 127.0.0.1:{} ({}, data {}) in {} ms", this.port, commands.mode(),
				this.dataDirectory, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
		return this;
	}

	/**
	 * Stops the server (fast shutdown: open transactions roll back), keeping its data.
	 */
	public synchronized void stop() {
		Process running = this.process;
		if (running != null) {
			if (running.isAlive()) {
				commands().stop(this.dataDirectory, "fast");
				try {
					if (!running.waitFor(30, TimeUnit.SECONDS)) {
						running.destroyForcibly();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					running.destroyForcibly();
				}
			}
			this.process = null;
			logger.info("PostgreSQL on 127.0.0.1:{} stopped", this.port);
		}
		if (this.state != ServerState.CLOSED) {
			this.state = ServerState.STOPPED;
		}
	}

	/**
	 * Stops the server for good and deletes a temporary data directory.
	 */
	@Override
	public synchronized void close() {
		stop();
		this.state = ServerState.CLOSED;
		if (this.temporaryLock != null) {
			TemporaryDataDirectories.delete(this.dataDirectory, this.temporaryLock);
			releaseLock();
		}
	}

	/**
	 * Deletes the data directory for a fresh start, first stopping a postmaster a killed
	 * run may have left on it.
	 * @throws IllegalStateException when this server is running
	 */
	public synchronized void wipe() {
		if (this.state == ServerState.RUNNING) {
			throw new IllegalStateException("stop the server before wiping its data");
		}
		if (PostgresCommands.runningPostmaster(this.dataDirectory).isPresent()) {
			commands().stop(this.dataDirectory, "immediate");
		}
		TempDirectories.delete(this.dataDirectory);
		TempDirectories.delete(logFile());
	}

	/**
	 * Returns the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Returns the data directory.
	 * @return the directory
	 */
	public Path dataDirectory() {
		return this.dataDirectory;
	}

	/**
	 * Returns the certificate a client of a server that requires TLS verifies it with
	 * ({@code sslrootcert}; self-signed for {@code localhost} and {@code 127.0.0.1}, so
	 * {@code sslmode=verify-full} holds).
	 * @return the PEM file
	 * @throws IllegalStateException when the server was not built with
	 * {@link Builder#requireTls()}
	 */
	public Path rootCertificate() {
		if (!this.requireTls) {
			throw new IllegalStateException("this server does not use TLS");
		}
		return this.dataDirectory.resolve("server.crt");
	}

	/**
	 * Returns whether the server refuses connections without TLS.
	 * @return whether it was built with {@link Builder#requireTls()}
	 */
	public boolean requiresTls() {
		return this.requireTls;
	}

	/**
	 * Returns the lifecycle state.
	 * @return the state
	 */
	public ServerState state() {
		return this.state;
	}

	/**
	 * Returns how the binaries run.
	 * @return the launch mode
	 */
	public LaunchMode launchMode() {
		return commands().mode();
	}

	/**
	 * Returns the JDBC URL of a database.
	 * @param database the database
	 * @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>}
	 */
	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
	}

	/**
	 * Connects to a database as the superuser.
	 * @param database the database
	 * @return a new connection; the caller closes it
	 * @throws SQLException when the connection fails
	 */
	public Connection connectAsSuperuser(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", SUPERUSER);
		properties.setProperty("connectTimeout", "5");
		return DriverManager.getConnection(jdbcUrl(database), properties);
	}

	/**
	 * Runs statements as the superuser, each in its own transaction.
	 * @param database the database
	 * @param statements the SQL statements
	 */
	public void execute(String database, String... statements) {
		try (Connection connection = connectAsSuperuser(database); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("SQL failed on " + database + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Creates a login role with a password unless it exists (the password is then reset).
	 * @param name the role's name, a lower-case identifier
	 * @param password its password
	 * @param attributes extra attributes such as {@code REPLICATION}
	 */
	public void createRole(String name, String password, String... attributes) {
		String role = identifier(name);
		String options = "LOGIN " + String.join(" ", attributes) + " PASSWORD '" + password.replace("'", "''") + "'";
		execute("postgres",
				"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN CREATE ROLE "
						+ role + " " + options + "; ELSE ALTER ROLE " + role + " " + options + "; END IF; END $$");
	}

	/**
	 * Creates a database unless it exists.
	 * @param name the database's name, a lower-case identifier
	 * @param owner its owner, a role
	 * @return whether it was created
	 */
	public boolean createDatabase(String name, String owner) {
		String database = identifier(name);
		try (Connection connection = connectAsSuperuser("postgres");
				Statement statement = connection.createStatement();
				var rows = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
			if (rows.next()) {
				return false;
			}
			statement.execute("CREATE DATABASE " + database + " OWNER " + identifier(owner));
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not create database " + database + ": " + ex.getMessage(), ex);
		}
	}

	private static String identifier(String name) {
		if (!IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException("not a lower-case SQL identifier: '" + name + "'");
		}
		return name;
	}

	private PostgresCommands commands() {
		if (this.commands == null) {
			LaunchMode mode = (this.requestedMode != null) ? this.requestedMode : LaunchMode.detect();
			this.commands = new PostgresCommands(PostgresBinaries.install(workRoot()), mode);
		}
		return this.commands;
	}

	private void awaitReady(Path log) {
		long deadline = System.nanoTime() + this.startTimeout.toNanos();
		SQLException last = null;
		Process running = this.process;
		while (System.nanoTime() < deadline) {
			try (Connection connection = connectAsSuperuser("postgres")) {
				connection.isValid(5);
				return;
			}
			catch (SQLException ex) {
				last = ex;
			}
			try {
				if (running != null && running.waitFor(50, TimeUnit.MILLISECONDS)) {
					throw new IllegalStateException(
							"PostgreSQL exited with code " + running.exitValue() + " during start-up: " + tail(log));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while waiting for PostgreSQL", ex);
			}
		}
		stop();
		throw new IllegalStateException("PostgreSQL on port " + this.port + " did not accept connections within "
				+ this.startTimeout + ": " + tail(log), last);
	}

	private Path logFile() {
		return this.dataDirectory.resolveSibling(this.dataDirectory.getFileName() + ".log");
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
		}
		catch (IOException ex) {
			return "(no log at " + log + ")";
		}
	}

	private void lockTemporaryDirectory() {
		if (this.lock != null || this.temporaryLock == null) {
			return;
		}
		try {
			this.lockChannel = FileChannel.open(this.temporaryLock, StandardOpenOption.CREATE,
					StandardOpenOption.WRITE);
			this.lock = this.lockChannel.lock();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not lock " + this.temporaryLock, ex);
		}
	}

	private void releaseLock() {
		try {
			if (this.lock != null) {
				this.lock.release();
			}
			if (this.lockChannel != null) {
				this.lockChannel.close();
			}
		}
		catch (IOException ex) {
			logger.debug("Could not release {}", this.temporaryLock, ex);
		}
		finally {
			this.lock = null;
			this.lockChannel = null;
		}
	}

	private static Path workRoot() {
		// Per user: another user of the machine cannot write into this one's directory.
		return Path.of(System.getProperty("java.io.tmpdir"), "hubsync-pg-" + System.getProperty("user.name"));
	}

	private static Map<String, String> settings(Builder builder, boolean temporary, Path dataDirectory) {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("listen_addresses", "localhost");
		settings.put("unix_socket_directories", "");
		settings.put("wal_level", "logical");
		settings.put("max_replication_slots", "20");
		settings.put("max_wal_senders", "20");
		settings.put("max_connections", "300");
		settings.put("timezone", "UTC");
		settings.put("log_timezone", "UTC");
		if (temporary) {
			// Test data need not survive a machine crash; a killed JVM loses nothing
			// either way.
			settings.put("fsync", "off");
			settings.put("full_page_writes", "off");
		}
		if (builder.requireTls) {
			settings.put("ssl", "on");
			settings.put("ssl_cert_file", dataDirectory.resolve("server.crt").toString());
			settings.put("ssl_key_file", dataDirectory.resolve("server.key").toString());
		}
		settings.putAll(builder.settings);
		return settings;
	}

	/** Configures a {@link PostgresServer}. */
	public static final class Builder {

		private int port;

		private @Nullable Path dataDirectory;

		private final Map<String, String> settings = new LinkedHashMap<>();

		private Duration startTimeout = Duration.ofSeconds(60);

		private @Nullable LaunchMode launchMode;

		private boolean requireTls;

		private Builder() {
		}

		/**
		 * Makes the server require TLS: {@code ssl=on} with a self-signed certificate
		 * made at first start ({@link PostgresServer#rootCertificate()}) and a
		 * {@code pg_hba.conf} of {@code hostssl} lines only, so a connection without TLS
		 * is refused. The JDBC driver's default ({@code sslmode=prefer}) connects with
		 * TLS without checking the certificate; verifying clients add
		 * {@code sslmode=verify-full&sslrootcert=<rootCertificate()>}.
		 * @return this builder
		 */
		public Builder requireTls() {
			this.requireTls = true;
			return this;
		}

		/**
		 * Sets the port; 0 (the default) picks a free one.
		 * @param port the port
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Keeps data in a directory that outlives the server; by default a temporary one
		 * is used.
		 * @param dataDirectory the directory, created if missing
		 * @return this builder
		 */
		public Builder dataDirectory(@Nullable Path dataDirectory) {
			this.dataDirectory = dataDirectory;
			return this;
		}

		/**
		 * Sets a server setting, as {@code postgres -c name=value}.
		 * @param name the setting
		 * @param value its value
		 * @return this builder
		 */
		public Builder setting(String name, String value) {
			this.settings.put(name, value);
			return this;
		}

		/**
		 * Sets how long {@link PostgresServer#start()} waits for connections.
		 * @param startTimeout the timeout
		 * @return this builder
		 */
		public Builder startTimeout(Duration startTimeout) {
			this.startTimeout = startTimeout;
			return this;
		}

		/**
		 * Forces a launch mode instead of {@link LaunchMode#detect()}.
		 * @param launchMode the mode
		 * @return this builder
		 */
		public Builder launchMode(@Nullable LaunchMode launchMode) {
			this.launchMode = launchMode;
			return this;
		}

		/**
		 * Builds the server without starting it.
		 * @return the server
		 */
		public PostgresServer build() {
			return new PostgresServer(this);
		}

		/**
		 * Builds and starts the server.
		 * @return the running server
		 */
		public PostgresServer start() {
			return build().start();
		}

	}

}
