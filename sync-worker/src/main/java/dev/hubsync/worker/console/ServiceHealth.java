package dev.hubsync.worker.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The liveness and readiness of the other services, read from their actuators
 * ({@code hubsync.console.actuators.<name>}) in parallel, each within two seconds.
 */
@Component
class ServiceHealth {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, URI> actuators;

	ServiceHealth(ConsoleProperties properties, ConsoleHttp http) {
		this.http = http.client();
		this.actuators = new TreeMap<>(properties.actuators());
	}

	/**
	 * One service's probes.
	 *
	 * @param name the service
	 * @param liveness its liveness state ({@code UP}, {@code DOWN}, or why unknown)
	 * @param readiness its readiness state
	 */
	record Service(String name, String liveness, String readiness) {
	}

	List<Service> read() {
		Map<String, CompletableFuture<String>> liveness = new TreeMap<>();
		Map<String, CompletableFuture<String>> readiness = new TreeMap<>();
		this.actuators.forEach((name, base) -> {
			liveness.put(name, probe(base, "health/liveness"));
			readiness.put(name, probe(base, "health/readiness"));
		});
		List<Service> services = new ArrayList<>();
		for (String name : this.actuators.keySet()) {
			services.add(new Service(name, liveness.get(name).join(), readiness.get(name).join()));
		}
		return services;
	}

	private CompletableFuture<String> probe(URI base, String path) {
		String root = base.toString().endsWith("/") ? base.toString() : base + "/";
		HttpRequest request = HttpRequest.newBuilder(URI.create(root + path)).timeout(TIMEOUT).GET().build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply((response) -> {
			try {
				String status = this.json.readTree(response.body()).path("status").asString("");
				return status.isEmpty() ? "HTTP " + response.statusCode() : status;
			}
			catch (RuntimeException ex) {
				return "HTTP " + response.statusCode();
			}
		}).exceptionally((ex) -> "UNREACHABLE");
	}

}
