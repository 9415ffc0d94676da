package dev.hubsync.worker.console;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import dev.hubsync.adminauth.AdminProperties;
import dev.hubsync.adminauth.ApiKeyFilter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The mapping service's admin API as the mappings page uses it: list, read a version,
 * validate, suggestions, and save-and-publish with {@code If-Match} (the version check).
 * Answers are JSON trees; a refusal (4xx) is an answer too, carrying the service's
 * problems.
 */
@Component
class MappingServiceClient {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI base;

	private final String key;

	MappingServiceClient(ConsoleProperties properties, AdminProperties admin, ConsoleHttp http) {
		this.http = http.client();
		this.base = properties.mappingServiceUrl();
		String configured = properties.mappingServiceKey();
		if (configured != null && !configured.isBlank()) {
			this.key = configured;
		}
		else {
			Map<String, String> keys = admin.keys();
			this.key = keys.getOrDefault(AdminProperties.ADMIN, keys.values().iterator().next());
		}
	}

	/**
	 * An answer of the mapping service.
	 *
	 * @param status the HTTP status
	 * @param body the JSON body (a missing node when there is none)
	 */
	record Answer(int status, JsonNode body) {

		boolean ok() {
			return this.status >= 200 && this.status < 300;
		}

		/** The service's message of a refusal. */
		String message() {
			String message = this.body.path("message").asString("");
			return message.isEmpty() ? "the mapping service answered " + this.status : message;
		}

	}

	URI base() {
		return this.base;
	}

	Answer list() {
		return send(request("/api/mappings").GET());
	}

	Answer latest(String objectType) {
		return send(request("/api/mappings/" + segment(objectType)).GET());
	}

	Answer version(String objectType, long version) {
		return send(request("/api/mappings/" + segment(objectType) + "/versions/" + version).GET());
	}

	Answer versions(String objectType) {
		return send(request("/api/mappings/" + segment(objectType) + "/versions").GET());
	}

	Answer suggestions(String objectType) {
		return send(request("/api/mappings/" + segment(objectType) + "/suggestions").GET());
	}

	Answer validate(String objectType, JsonNode draft) {
		return send(
				request("/api/mappings/" + segment(objectType) + "/validate").header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(draft))));
	}

	Answer publish(String objectType, JsonNode draft, long editedVersion, String person) {
		return send(request("/api/mappings/" + segment(objectType)).header("Content-Type", "application/json")
			.header("If-Match", "\"" + editedVersion + "\"")
			.header(ApiKeyFilter.ON_BEHALF_OF, person)
			.PUT(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(draft))));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(TIMEOUT)
			.header(ApiKeyFilter.HEADER, this.key)
			.header("Accept", "application/json");
	}

	private Answer send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), parse(response.body()));
		}
		catch (IOException ex) {
			return new Answer(503, this.json.createObjectNode()
				.put("message", "the mapping service at " + this.base + " cannot be reached: " + ex.getMessage()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private JsonNode parse(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return this.json.missingNode();
		}
		try {
			return this.json.readTree(body);
		}
		catch (RuntimeException ex) {
			return this.json.createObjectNode().put("message", body);
		}
	}

	private static String segment(String objectType) {
		return URLEncoder.encode(objectType, StandardCharsets.UTF_8);
	}

}
