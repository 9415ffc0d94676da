package dev.hubsync.infra.postgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs PostgreSQL's programs ({@code initdb}, {@code postgres}, {@code pg_ctl}) from the
 * unpacked binaries, in a {@link LaunchMode}.
 */
final class PostgresCommands {

	private static final Logger logger = LoggerFactory.getLogger(PostgresCommands.class);

	private static final String HBA = """
			# Written by HubSync's embedded-infra: the superuser trusts loopback (tests, dev stack);
			# every other role authenticates with its password over TCP.
			host    all             postgres        127.0.0.1/32            trust
			host    all             postgres        ::1/128                 trust
			host    replication     postgres        127.0.0.1/32            trust
			host    replication     postgres        ::1/128                 trust
			host    all             all             127.0.0.1/32            scram-sha-256
			host    all             all             ::1/128                 scram-sha-256
			host    replication     all             127.0.0.1/32            scram-sha-256
			host    replication     all             ::1/128                 scram-sha-256
			""";

	private static final String HBA_TLS_ONLY = """
			# Written by HubSync's embedded-infra for a server that requires TLS: only hostssl
			# lines, so a connection without TLS finds no entry and is refused. The superuser
			# trusts loopback (over TLS); every other role authenticates with its password.
			hostssl all             postgres        127.0.0.1/32            trust
			hostssl all             postgres        ::1/128                 trust
			hostssl replication     postgres        127.0.0.1/32            trust
			hostssl replication     postgres        ::1/128                 trust
			hostssl all             all             127.0.0.1/32            scram-sha-256
			hostssl all             all             ::1/128                 scram-sha-256
			hostssl replication     all             127.0.0.1/32            scram-sha-256
			hostssl replication     all             ::1/128                 scram-sha-256
			""";

	private final Path binaries;

	private final LaunchMode mode;

	PostgresCommands(Path binaries, LaunchMode mode) {
		this.binaries = binaries;
		this.mode = mode;
	}

	LaunchMode mode() {
		return this.mode;
	}

	void initdb(Path dataDirectory) {
		try {
			Files.createDirectories(dataDirectory);
			handOver(dataDirectory);
			run(List.of(binary("initdb"), "-A", "trust", "-U", "postgres", "-D", dataDirectory.toString(), "-E", "UTF8",
					"--locale=C", "--no-sync"), 120);
			Path hba = dataDirectory.resolve("pg_hba.conf");
			Files.writeString(hba, HBA, StandardCharsets.UTF_8);
			handOver(hba);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not initialise a PostgreSQL data directory in " + dataDirectory, ex);
		}
	}

	/**
	 * Prepares a data directory for TLS only: a self-signed certificate and key (kept
	 * across restarts) and a {@code pg_hba.conf} of {@code hostssl} lines alone.
	 * @param dataDirectory the data directory
	 * @param certificate the certificate's file
	 * @param key the key's file
	 */
	void requireTls(Path dataDirectory, Path certificate, Path key) {
		try {
			SelfSignedCertificate.writeIfMissing(certificate, key);
			handOver(certificate);
			handOver(key);
			Path hba = dataDirectory.resolve("pg_hba.conf");
			Files.writeString(hba, HBA_TLS_ONLY, StandardCharsets.UTF_8);
			handOver(hba);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not prepare " + dataDirectory + " for TLS", ex);
		}
	}

	Process startPostmaster(Path dataDirectory, int port, Map<String, String> settings, Path log) {
		List<String> command = new ArrayList<>(this.mode.prefix());
		command.add(binary("postgres"));
		command.addAll(List.of("-D", dataDirectory.toString(), "-p", String.valueOf(port)));
		settings.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start " + command, ex);
		}
	}

	/**
	 * Stops the postmaster of a data directory, whoever started it.
	 * @param dataDirectory the data directory
	 * @param mode {@code fast} (roll back and disconnect) or {@code immediate}
	 * @return whether {@code pg_ctl} reported success
	 */
	boolean stop(Path dataDirectory, String mode) {
		try {
			run(List.of(binary("pg_ctl"), "stop", "-D", dataDirectory.toString(), "-m", mode, "-w", "-t", "60"), 90);
			return true;
		}
		catch (IllegalStateException ex) {
			logger.warn("pg_ctl stop of {} failed: {}", dataDirectory, ex.getMessage());
			return false;
		}
	}

	/**
	 * Finds a postmaster still running on a data directory, e.g. left by a killed JVM.
	 * @param dataDirectory the data directory
	 * @return the running postmaster, if any
	 */
	static Optional<ProcessHandle> runningPostmaster(Path dataDirectory) {
		Path pidFile = dataDirectory.resolve("postmaster.pid");
		if (!Files.exists(pidFile)) {
			return Optional.empty();
		}
		try (Stream<String> lines = Files.lines(pidFile)) {
			long pid = Long.parseLong(lines.findFirst().orElse("").trim());
			return ProcessHandle.of(pid)
				.filter(ProcessHandle::isAlive)
				.filter((handle) -> handle.info().command().map((c) -> c.endsWith("postgres")).orElse(true));
		}
		catch (IOException | NumberFormatException | UncheckedIOException ex) {
			return Optional.empty();
		}
	}

	void handOver(Path path) throws IOException {
		if (this.mode != LaunchMode.RUNUSER) {
			return;
		}
		UserPrincipal user = path.getFileSystem()
			.getUserPrincipalLookupService()
			.lookupPrincipalByName(LaunchMode.RUNUSER_USER);
		try (Stream<Path> paths = Files.walk(path)) {
			for (Path each : (Iterable<Path>) paths::iterator) {
				Files.setOwner(each, user);
			}
		}
	}

	private String binary(String name) {
		return this.binaries.resolve("bin").resolve(name).toString();
	}

	private void run(List<String> arguments, int timeoutSeconds) {
		List<String> command = new ArrayList<>(this.mode.prefix());
		command.addAll(arguments);
		try {
			File output = File.createTempFile("hubsync-pg-cmd", ".log");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
				if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
				}
				if (process.exitValue() != 0) {
					throw new IllegalStateException(command + " failed with exit code " + process.exitValue() + ": "
							+ Files.readString(output.toPath(), StandardCharsets.UTF_8).trim());
				}
			}
			finally {
				Files.deleteIfExists(output.toPath());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + command, ex);
		}
	}

}
