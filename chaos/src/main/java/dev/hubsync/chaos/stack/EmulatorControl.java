package dev.hubsync.chaos.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's admin API ({@code /_emulator}) over HTTP, for an emulator in another
 * JVM: faults, restores, the request log and webhook deliveries.
 */
public final class EmulatorControl {

	private final URI baseUrl;

	private final JsonMapper json;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/**
	 * Creates a client.
	 * @param baseUrl the emulator's base URL
	 * @param json the mapper
	 */
	public EmulatorControl(URI baseUrl, JsonMapper json) {
		this.baseUrl = baseUrl;
		this.json = json;
	}

	/**
	 * Sets the faults in force, replacing any (the README's shape: {@code rules},
	 * {@code storm429}, {@code webhooks}).
	 * @param faults the specification
	 */
	public void faults(Map<String, ?> faults) {
		call("PUT", "/_emulator/faults", faults);
	}

	/** Clears every fault. */
	public void clearFaults() {
		call("DELETE", "/_emulator/faults", null);
	}

	/**
	 * Restores an archived record as HubSpot's UI does.
	 * @param objectType e.g. {@code contacts}
	 * @param id the record
	 */
	public void restore(String objectType, String id) {
		call("POST", "/_emulator/objects/" + objectType + "/" + id + "/restore", Map.of());
	}

	/**
	 * Creates records directly, firing their webhooks as if each were created in HubSpot.
	 * @param objectType e.g. {@code contacts}
	 * @param count how many
	 * @param template properties; {@code {n}} becomes the record's index
	 */
	public void seed(String objectType, int count, Map<String, String> template) {
		call("POST", "/_emulator/seed",
				Map.of("objectType", objectType, "count", count, "template", template, "webhooks", true));
	}

	/**
	 * Counts the API requests one caller made.
	 * @param caller e.g. {@code app:4242}
	 * @param minimumStatus the lowest status counted, {@code 0} for every request
	 * @param maximumStatus the highest status counted
	 * @return the count
	 */
	public long requests(String caller, int minimumStatus, int maximumStatus) {
		JsonNode answer = call("GET", "/_emulator/requests?caller=" + caller, null);
		long count = 0;
		for (JsonNode request : answer.get("requests")) {
			int status = request.get("status").asInt();
			if (status >= minimumStatus && status <= maximumStatus) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Describes the writes one caller made around a time (method, path, status and time):
	 * what an empty write was.
	 * @param caller e.g. {@code app:4242}
	 * @param at the time
	 * @param window how far before and after
	 * @return one line per request, oldest first
	 */
	public List<String> writesAround(String caller, Instant at, Duration window) {
		JsonNode answer = call("GET", "/_emulator/requests?caller=" + caller, null);
		List<String> lines = new ArrayList<>();
		for (JsonNode request : answer.get("requests")) {
			JsonNode time = request.get("at");
			Instant when = time.isNumber()
					? Instant.ofEpochSecond(0).plusNanos((long) (time.asDouble() * 1_000_000_000L))
					: Instant.parse(time.asString());
			String method = request.get("method").asString();
			if (!"GET".equals(method) && !when.isBefore(at.minus(window)) && !when.isAfter(at.plus(window))) {
				lines.add(when + " " + method + " " + request.get("path").asString() + " "
						+ request.get("status").asInt());
			}
		}
		return lines;
	}

	/**
	 * Returns the webhook deliveries, newest first, with their events.
	 * @return the deliveries
	 */
	public JsonNode deliveries() {
		return call("GET", "/_emulator/webhooks/deliveries?events=true", null).get("deliveries");
	}

	/**
	 * Lists the webhook events lost on purpose (deliveries dropped by a fault), by
	 * record.
	 * @return HubSpot record id → the subscription types of its lost events
	 */
	public Map<String, java.util.Set<String>> droppedEvents() {
		Map<String, java.util.Set<String>> dropped = new java.util.HashMap<>();
		for (JsonNode delivery : deliveries()) {
			if (!"DROPPED".equals(delivery.path("state").asString())) {
				continue;
			}
			for (JsonNode event : delivery.path("events")) {
				String type = event.path("subscriptionType").asString();
				for (String field : java.util.List.of("objectId", "fromObjectId", "toObjectId")) {
					if (event.hasNonNull(field)) {
						dropped.computeIfAbsent(event.get(field).asString(), (id) -> new java.util.TreeSet<>())
							.add(type);
					}
				}
			}
		}
		return dropped;
	}

	/**
	 * Returns the emulator's state: record counts, pending webhook events.
	 * @return the state
	 */
	public JsonNode state() {
		return call("GET", "/_emulator/state", null);
	}

	private JsonNode call(String method, String path, @Nullable Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.timeout(Duration.ofSeconds(60));
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() >= 400) {
				throw new IllegalStateException(method + " " + path + " answered " + response.statusCode());
			}
			return (response.body().length == 0) ? this.json.missingNode() : this.json.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
