package dev.hubsync.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.mapping.MappingFiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * Subscribes the emulator's webhooks journal to what the demo mapping syncs (every object
 * type it maps — contacts, companies, deals, tasks, notes, tickets —, every action and
 * property, and their associations), as an operator does once per portal for a real app
 * (reference 2026 §3.5), with a client-credentials token.
 */
final class JournalSubscriptions {

	/** The emulator's client id for the journal reader. */
	static final String CLIENT_ID = HubSpotEmulator.JOURNAL_CLIENT_ID;

	private static final String DEMO_MAPPING = "/hubsync/demo-mapping.yaml";

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JournalSubscriptions() {
	}

	static void subscribeDemoTypes(URI emulator, long portal, String clientSecret) {
		String token = token(emulator, clientSecret);
		for (String type : demoTypes()) {
			post(emulator, token,
					"{\"subscriptionType\":\"OBJECT\",\"portalId\":" + portal + ",\"objectTypeId\":\"" + type
							+ "\",\"actions\":[\"CREATE\",\"UPDATE\",\"DELETE\",\"MERGE\",\"RESTORE\"],"
							+ "\"properties\":[],\"objectIds\":[]}");
			post(emulator, token,
					"{\"subscriptionType\":\"ASSOCIATION\",\"portalId\":" + portal + ",\"objectTypeId\":\"" + type
							+ "\",\"associatedObjectTypeIds\":[],"
							+ "\"actions\":[\"ASSOCIATION_ADDED\",\"ASSOCIATION_REMOVED\"],\"objectIds\":[]}");
		}
	}

	/** The object types of the demo mapping the mapping service publishes. */
	static List<String> demoTypes() {
		try (InputStream in = JournalSubscriptions.class.getResourceAsStream(DEMO_MAPPING)) {
			if (in == null) {
				throw new IllegalStateException(DEMO_MAPPING + " is not on the class path");
			}
			return MappingFiles.read(in, DEMO_MAPPING, Instant.now())
				.stream()
				.map(MappingConfig::objectTypeId)
				.distinct()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(DEMO_MAPPING + " cannot be read", ex);
		}
	}

	private static String token(URI emulator, String clientSecret) {
		String form = "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret="
				+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)
				+ "&scope=developer.webhooks_journal.subscriptions.write";
		HttpResponse<String> response = send(HttpRequest.newBuilder(emulator.resolve("/oauth/2026-03/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	private static void post(URI emulator, String token, String body) {
		send(HttpRequest.newBuilder(emulator.resolve("/webhooks-journal/subscriptions/2026-03"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("the emulator's webhooks journal refused the dev stack's call: "
						+ response.statusCode() + " " + response.body());
			}
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException("the emulator's webhooks journal is unreachable: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
