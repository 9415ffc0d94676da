package dev.hubsync.emulator.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Drives an emulator's admin API ({@code /_emulator}), and reads and writes records as a
 * person in HubSpot's UI would (with the user token).
 */
public final class EmulatorAdmin {

	private final URI baseUrl;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final JsonMapper json = JsonMapper.builder().build();

	EmulatorAdmin(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	/**
	 * Forgets every record, association, custom property, request and pending webhook.
	 */
	public void reset() {
		call("POST", "/_emulator/reset", Map.of(), null);
	}

	/**
	 * Returns the API requests served.
	 * @param method the method, or any
	 * @param pathPrefix the path prefix, or any
	 * @return the requests, oldest first
	 */
	public List<Request> requests(@Nullable String method, @Nullable String pathPrefix) {
		StringBuilder query = new StringBuilder("/_emulator/requests?");
		if (method != null) {
			query.append("method=").append(method).append('&');
		}
		if (pathPrefix != null) {
			query.append("path=").append(pathPrefix);
		}
		JsonNode answer = call("GET", query.toString(), null, null);
		List<Request> requests = new ArrayList<>();
		answer.get("requests")
			.forEach((node) -> requests.add(new Request(node.get("method").asString(), node.get("path").asString(),
					node.get("status").asInt(), node.hasNonNull("caller") ? node.get("caller").asString() : null)));
		return requests;
	}

	/**
	 * Counts the API requests answered with one status.
	 * @param method the method, or any
	 * @param pathPrefix the path prefix, or any
	 * @param status the status
	 * @return how many
	 */
	public long answered(@Nullable String method, @Nullable String pathPrefix, int status) {
		return requests(method, pathPrefix).stream().filter((request) -> request.status() == status).count();
	}

	/** Forgets the request log. */
	public void clearRequests() {
		call("DELETE", "/_emulator/requests", null, null);
	}

	/**
	 * Points webhooks at a receiver.
	 * @param targetUrl the receiver
	 * @param clientSecret the signing secret
	 * @param subscriptions the subscriptions, or {@code null} to keep them
	 * @param signatureVersions the signatures to send, or {@code null} to keep them
	 */
	public void webhooks(@Nullable String targetUrl, @Nullable String clientSecret,
			@Nullable List<String> subscriptions, @Nullable List<String> signatureVersions) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("targetUrl", targetUrl);
		body.put("clientSecret", clientSecret);
		body.put("subscriptions", subscriptions);
		body.put("signatureVersions", signatureVersions);
		call("PUT", "/_emulator/webhooks", body, null);
	}

	/**
	 * Returns the webhook deliveries made, newest first, with their events.
	 * @return the deliveries as JSON
	 */
	public JsonNode deliveries() {
		return call("GET", "/_emulator/webhooks/deliveries?events=true", null, null).get("deliveries");
	}

	/**
	 * Sets faults (see the README for the shape).
	 * @param faults the fault specification
	 */
	public void faults(Map<String, ?> faults) {
		call("PUT", "/_emulator/faults", faults, null);
	}

	/**
	 * Answers the next requests to one path with an error status (a fault rule that
	 * replaces the faults set before).
	 * @param method the method
	 * @param path the path
	 * @param status the status, e.g. 503
	 * @param count how many requests
	 */
	public void failNext(String method, String path, int status, int count) {
		faults(Map.of("rules",
				List.of(Map.of("method", method, "path", path, "errorRate", 1.0, "status", status, "count", count))));
	}

	/**
	 * Handles the next request to one path at once and holds its answer (a fault rule
	 * that replaces the faults set before): what it read is older than its answer.
	 * @param method the method
	 * @param path the path
	 * @param millis how long the answer is held
	 */
	public void holdNextAnswer(String method, String path, int millis) {
		faults(Map.of("rules", List
			.of(Map.of("method", method, "path", path, "errorRate", 0.0, "answerLatencyMs", millis, "count", 1))));
	}

	/**
	 * Returns how many requests the emulator has handled and held the answer of
	 * ({@code answerLatencyMs}) since it started.
	 * @return the count
	 */
	public int answersHeld() {
		return call("GET", "/_emulator/faults/answers-held", null, null).get("answersHeld").asInt();
	}

	/**
	 * Revokes a token: every call made with it answers 401 until it is reinstated.
	 * @param token the token
	 */
	public void revokeToken(String token) {
		call("POST", "/_emulator/tokens/" + token + "/revoke", null, null);
	}

	/**
	 * Uninstalls the OAuth app from the portal: every token it issued dies (calls answer
	 * 401, refreshes {@code BAD_REFRESH_TOKEN}).
	 */
	public void uninstallApp() {
		call("POST", "/_emulator/oauth/uninstall", null, null);
	}

	/**
	 * Returns how many token requests the OAuth server saw, by grant type.
	 * @param grantType {@code authorization_code}, {@code refresh_token} or
	 * {@code client_credentials}
	 * @return the count
	 */
	public long tokenRequests(String grantType) {
		JsonNode grants = call("GET", "/_emulator/oauth", null, null).get("grants");
		return grants.has(grantType) ? grants.get(grantType).asLong() : 0;
	}

	/**
	 * Makes a revoked token valid again.
	 * @param token the token
	 */
	public void reinstateToken(String token) {
		call("POST", "/_emulator/tokens/" + token + "/reinstate", null, null);
	}

	/**
	 * Makes creations of a type need values for properties (the Create Record form's
	 * required fields); HubSpot enforces this on API version 2026-09 and later only.
	 * @param objectType the type's name or id
	 * @param properties the required properties (none: clear the rule)
	 */
	public void requireOnCreate(String objectType, String... properties) {
		call("PUT", "/_emulator/write-rules/" + objectType, Map.of("requiredOnCreate", List.of(properties)), null);
	}

	/**
	 * Adds a conditional-required rule to a type: while {@code controlling} holds
	 * {@code value}, {@code required} needs a value (2026-09 and later only).
	 * @param objectType the type's name or id
	 * @param controlling the controlling property
	 * @param value the value that triggers the rule
	 * @param required the property then required
	 */
	public void requireConditionally(String objectType, String controlling, String value, String required) {
		List<Object> rules = new ArrayList<>();
		call("GET", "/_emulator/write-rules/" + objectType, null, null).get("conditionalRequired")
			.forEach((rule) -> rules.add(this.json.convertValue(rule, Map.class)));
		rules.add(Map.of("controlling", controlling, "value", value, "required", required));
		call("PUT", "/_emulator/write-rules/" + objectType, Map.of("conditionalRequired", rules), null);
	}

	/** Forgets every required-on-create and conditional-required rule. */
	public void clearWriteRules() {
		call("DELETE", "/_emulator/write-rules", null, null);
	}

	/**
	 * Adds an owner to the portal, or changes the one with the id (as inviting, renaming
	 * or deactivating a user in HubSpot's settings does).
	 * @param id the owner id
	 * @param email the owner's email
	 * @param archived whether the owner is deactivated
	 */
	public void putOwner(String id, String email, boolean archived) {
		call("PUT", "/_emulator/owners/" + id, Map.of("email", email, "archived", archived), null);
	}

	/** Goes back to the default owners. */
	public void resetOwners() {
		call("DELETE", "/_emulator/owners", null, null);
	}

	/** Clears every fault. */
	public void clearFaults() {
		call("DELETE", "/_emulator/faults", null, null);
	}

	/**
	 * Makes every webhook event about these records lost (never delivered), replacing the
	 * other faults; the webhooks journal still records them.
	 * @param objectIds the records
	 */
	public void dropWebhooksAbout(java.util.Collection<Long> objectIds) {
		faults(Map.of("webhooks",
				Map.of("dropRate", 0, "duplicateRate", 0, "reorder", false, "dropObjectIds", List.copyOf(objectIds))));
	}

	/**
	 * Returns the webhooks journal's state: {@code entries}, {@code earliest} and
	 * {@code latest} offsets, {@code subscriptions}.
	 * @return the state
	 */
	public JsonNode webhooksJournal() {
		return call("GET", "/_emulator/webhooks-journal", null, null);
	}

	/** Forgets the webhooks journal's entries, subscriptions and snapshots. */
	public void clearWebhooksJournal() {
		call("DELETE", "/_emulator/webhooks-journal", null, null);
	}

	/**
	 * Creates records directly, with a fixed timestamp, without webhooks unless asked.
	 * @param objectType the type
	 * @param count how many
	 * @param template properties; {@code {n}} becomes the record's index
	 * @param timestamp their create and last-modified time (epoch ms or ISO), or
	 * {@code null}
	 * @return the ids
	 */
	public List<String> seed(String objectType, int count, Map<String, String> template, @Nullable String timestamp) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("objectType", objectType);
		body.put("count", count);
		body.put("template", template);
		body.put("timestamp", timestamp);
		List<String> ids = new ArrayList<>();
		call("POST", "/_emulator/seed", body, null).get("ids").forEach((id) -> ids.add(id.asString()));
		return ids;
	}

	/**
	 * Restores an archived record, as HubSpot's UI does (fires a restore event).
	 * @param objectType the type
	 * @param id the record
	 */
	public void restore(String objectType, String id) {
		call("POST", "/_emulator/objects/" + objectType + "/" + id + "/restore", Map.of(), null);
	}

	/**
	 * Calls any path, e.g. a HubSpot API path as a user.
	 * @param method the method
	 * @param path the path and query
	 * @param body the JSON body, or {@code null}
	 * @param token a bearer token, or {@code null}
	 * @return the answer's JSON, or a missing node for an empty body
	 */
	public JsonNode call(String method, String path, @Nullable Object body, @Nullable String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.baseUrl.resolve(path))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
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
				throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
						+ new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
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

	/**
	 * One served request.
	 *
	 * @param method the method
	 * @param path the path
	 * @param status the status
	 * @param caller {@code user:N} or {@code app:N}
	 */
	public record Request(String method, String path, int status, @Nullable String caller) {
	}

}
