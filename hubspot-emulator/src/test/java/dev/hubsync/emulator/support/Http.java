package dev.hubsync.emulator.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP calls against the emulator, to check wire details (statuses, headers, bodies).
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI base;

	private final String token;

	public Http(URI base, String token) {
		this.base = base;
		this.token = token;
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response post(String path, String body) {
		return send("POST", path, body);
	}

	public Response patch(String path, String body) {
		return send("PATCH", path, body);
	}

	public Response put(String path, @Nullable String body) {
		return send("PUT", path, body);
	}

	public Response delete(String path) {
		return send("DELETE", path, null);
	}

	public Response send(String method, String path, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.token);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		try {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the status
	 * @param body the body
	 * @param headers the headers
	 */
	public record Response(int status, String body, java.net.http.HttpHeaders headers) {

		public JsonNode json() {
			return JSON.readTree(this.body.getBytes(StandardCharsets.UTF_8));
		}

		public String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

}
