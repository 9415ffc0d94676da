package dev.hubsync.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A running service's metrics as Prometheus scrapes them ({@code /actuator/prometheus}).
 */
public final class Prometheus {

	private Prometheus() {
	}

	/**
	 * Scrapes a service.
	 * @param port the service's port
	 * @return its samples, one line each, without comments
	 * @throws Exception when the service does not answer
	 */
	public static List<String> samples(int port) throws Exception {
		String body = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		return Arrays.stream(body.split("\n")).filter((line) -> !line.isEmpty() && !line.startsWith("#")).toList();
	}

	/**
	 * Sums the samples of a metric that carry some labels.
	 * @param port the service's port
	 * @param name the metric's exposed name, e.g. {@code hubsync_worker_outcomes_total}
	 * @param labels labels each sample must carry, as exposed: {@code outcome="echo"}
	 * @return the sum, empty when no sample matches
	 * @throws Exception when the service does not answer
	 */
	public static OptionalDouble sum(int port, String name, String... labels) throws Exception {
		double sum = 0;
		boolean found = false;
		for (String line : samples(port)) {
			if (line.startsWith(name + "{") && Arrays.stream(labels).allMatch(line::contains)) {
				sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				found = true;
			}
		}
		return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
	}

}
