package dev.hubsync.chaos.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service instance: a child JVM running the service's runnable jar, configured
 * through its environment (relaxed binding, as docker-compose does), its output in a log
 * file of its own per start. It can be killed with SIGKILL and started again on the same
 * port with the same settings.
 */
public final class ServiceProcess implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ServiceProcess.class);

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String name;

	private final ServiceKind kind;

	private final Path jar;

	private final int port;

	private final Map<String, String> settings;

	private final List<String> jvmOptions;

	private final Path logDirectory;

	private @Nullable Process process;

	private int starts;

	/**
	 * Describes an instance; nothing starts yet.
	 * @param name its name in logs and the report, e.g. {@code worker-2}
	 * @param kind the service
	 * @param jar its runnable jar
	 * @param port its HTTP port
	 * @param settings Spring properties, passed as environment variables
	 * @param jvmOptions options of the JVM, e.g. heap size
	 * @param logDirectory where its output goes
	 */
	public ServiceProcess(String name, ServiceKind kind, Path jar, int port, Map<String, String> settings,
			List<String> jvmOptions, Path logDirectory) {
		this.name = name;
		this.kind = kind;
		this.jar = jar;
		this.port = port;
		this.settings = new LinkedHashMap<>(settings);
		this.settings.put("server.port", String.valueOf(port));
		// the harness is the operator here: it reads health (and its details: the
		// publisher's capture state) on the one port it knows
		this.settings.put("management.server.port", String.valueOf(port));
		this.settings.put("management.endpoint.health.show-details", "always");
		this.jvmOptions = List.copyOf(jvmOptions);
		this.logDirectory = logDirectory;
	}

	/**
	 * Turns a property name into the environment variable Spring Boot's relaxed binding
	 * reads: {@code hubsync.worker.poller.interval} becomes
	 * {@code HUBSYNC_WORKER_POLLER_INTERVAL}, {@code emulator.webhook.target-url}
	 * {@code EMULATOR_WEBHOOK_TARGETURL}.
	 * @param property the property name
	 * @return the variable's name
	 */
	public static String environmentName(String property) {
		return property.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT);
	}

	/**
	 * Starts the JVM (again, after a kill) without waiting for it to be ready.
	 * @return this instance
	 */
	public synchronized ServiceProcess start() {
		if (this.process != null && this.process.isAlive()) {
			return this;
		}
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(this.jvmOptions);
		command.add("-jar");
		command.add(this.jar.toString());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Map<String, String> environment = builder.environment();
		this.settings.forEach((key, value) -> environment.put(environmentName(key), value));
		this.starts++;
		Path log = this.logDirectory.resolve(this.name + "-" + this.starts + ".log");
		builder.redirectOutput(log.toFile());
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot start " + this.name + ": " + ex.getMessage(), ex);
		}
		logger.info("{} started (pid {}, port {}, log {})", this.name, this.process.pid(), this.port, log);
		return this;
	}

	/**
	 * Waits until the instance answers its readiness path with 200.
	 * @param timeout how long to wait
	 * @throws IllegalStateException when it exits or is not ready in time
	 */
	public void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Process running = this.process;
			if (running == null || !running.isAlive()) {
				throw new IllegalStateException(
						this.name + " exited before it was ready; see its log in " + this.logDirectory);
			}
			if (get(this.kind.readinessPath()) == 200) {
				return;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
		}
		throw new IllegalStateException(this.name + " was not ready within " + timeout);
	}

	/**
	 * Kills the JVM with SIGKILL: no shutdown hook runs, nothing is flushed.
	 */
	public synchronized void kill() {
		Process running = this.process;
		if (running != null && running.isAlive()) {
			running.destroyForcibly();
			try {
				running.waitFor(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			logger.info("{} killed (SIGKILL, pid {})", this.name, running.pid());
		}
	}

	/**
	 * Tells whether the JVM runs.
	 * @return whether it is alive
	 */
	public boolean alive() {
		Process running = this.process;
		return running != null && running.isAlive();
	}

	/**
	 * GETs a path of this instance.
	 * @param path the path
	 * @return the status, or 0 when nothing answered
	 */
	public int get(String path) {
		return fetch(path).status();
	}

	/**
	 * GETs a path of this instance with its body.
	 * @param path the path and query
	 * @return the status (0 when nothing answered) and body
	 */
	public Answer fetch(String path) {
		HttpRequest request = HttpRequest.newBuilder(baseUrl().resolve(path))
			.header("X-HubSync-Api-Key", Stack.ADMIN_KEY)
			.timeout(Duration.ofSeconds(5))
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Answer(0, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, "interrupted");
		}
	}

	/**
	 * POSTs to a path of this instance, with the admin key.
	 * @param path the path
	 * @return the status (0 when nothing answered) and body
	 */
	public Answer post(String path) {
		HttpRequest request = HttpRequest.newBuilder(baseUrl().resolve(path))
			.header("X-HubSync-Api-Key", Stack.ADMIN_KEY)
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body());
		}
		catch (IOException ex) {
			return new Answer(0, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, "interrupted");
		}
	}

	/**
	 * Returns the instance's base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * Returns the instance's name.
	 * @return e.g. {@code worker-1}
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the service.
	 * @return the kind
	 */
	public ServiceKind kind() {
		return this.kind;
	}

	/**
	 * Returns the process id of the running JVM.
	 * @return the pid, or -1
	 */
	public long pid() {
		Process running = this.process;
		return (running != null) ? running.pid() : -1;
	}

	/**
	 * Stops the JVM: SIGTERM first, SIGKILL after 20 seconds.
	 */
	@Override
	public synchronized void close() {
		Process running = this.process;
		if (running != null && running.isAlive()) {
			running.destroy();
			try {
				if (!running.waitFor(20, TimeUnit.SECONDS)) {
					running.destroyForcibly();
					running.waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				running.destroyForcibly();
			}
		}
		this.process = null;
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * An HTTP answer.
	 *
	 * @param status the status, 0 when nothing answered
	 * @param body the body, or the error
	 */
	public record Answer(int status, String body) {
	}

}
