package dev.hubsync.ingress.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.serde.HubSpotEventCodec;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.ingress.WebhookIngressApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the journal ITs share: an emulator portal of their own, journal subscriptions made
 * with a client-credentials token (as an operator would), the ingress started in a mode,
 * and the events of that portal read back from the topic.
 */
public final class JournalSetup {

	/** The emulator's client id for the journal reader (its default). */
	public static final String CLIENT_ID = HubSpotEmulator.JOURNAL_CLIENT_ID;

	/**
	 * The emulator's client secret (its default, also its default webhook signing
	 * secret).
	 */
	public static final String CLIENT_SECRET = HubSpotEmulator.CLIENT_SECRET;

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JournalSetup() {
	}

	/**
	 * A portal id no other test uses on the shared broker.
	 * @return the id
	 */
	public static long newPortal() {
		return ThreadLocalRandom.current().nextLong(10_000_000, 90_000_000);
	}

	/**
	 * Subscribes the journal to contacts' creations, updates and deletions (every
	 * property) and their company associations.
	 * @param emulator the emulator
	 * @param portal its portal
	 */
	public static void subscribeContacts(HubSpotEmulator emulator, long portal) {
		String token = token(emulator);
		post(emulator, token, "{\"subscriptionType\":\"OBJECT\",\"portalId\":" + portal + ",\"objectTypeId\":\"0-1\","
				+ "\"actions\":[\"CREATE\",\"UPDATE\",\"DELETE\",\"MERGE\",\"RESTORE\"],\"properties\":[],\"objectIds\":[]}");
		post(emulator, token,
				"{\"subscriptionType\":\"ASSOCIATION\",\"portalId\":" + portal
						+ ",\"objectTypeId\":\"0-1\",\"associatedObjectTypeIds\":[\"0-2\"],"
						+ "\"actions\":[\"ASSOCIATION_ADDED\",\"ASSOCIATION_REMOVED\"],\"objectIds\":[]}");
	}

	/**
	 * Starts the ingress.
	 * @param emulator the emulator it reads
	 * @param portal the portal
	 * @param mode {@code journal} or {@code both}
	 * @param extra more properties
	 * @return the running ingress
	 */
	public static ConfigurableApplicationContext ingress(HubSpotEmulator emulator, long portal, String mode,
			Map<String, Object> extra) {
		return ingress(emulator, portal, mode, extra, (context) -> {
		});
	}

	/**
	 * Starts the ingress with an initializer (e.g. one that adds a bean post-processor).
	 * @param emulator the emulator it reads
	 * @param portal the portal
	 * @param mode {@code journal} or {@code both}
	 * @param extra more properties
	 * @param initializer applied to the context before it is refreshed
	 * @return the running ingress
	 */
	public static ConfigurableApplicationContext ingress(HubSpotEmulator emulator, long portal, String mode,
			Map<String, Object> extra, ApplicationContextInitializer<ConfigurableApplicationContext> initializer) {
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("spring.kafka.bootstrap-servers", SharedInfra.kafka().bootstrapServers());
		properties.put("hubsync.ingress.mode", mode);
		properties.put("hubsync.ingress.client-secrets", CLIENT_SECRET);
		properties.put("hubsync.ingress.portal-ids", String.valueOf(portal));
		properties.put("hubsync.ingress.journal.base-url", emulator.baseUrl().toString());
		properties.put("hubsync.ingress.journal.client-id", CLIENT_ID);
		properties.put("hubsync.ingress.journal.poll-interval", "100ms");
		properties.put("hubsync.ingress.journal.retry-backoff", "200ms");
		properties.putAll(extra);
		// command-line arguments outrank the service's own properties file
		return new SpringApplicationBuilder(WebhookIngressApplication.class)
			.properties(Map.of("spring.config.name", WebhookIngressApplication.CONFIG_NAME))
			.initializers(initializer)
			.run(properties.entrySet()
				.stream()
				.map((e) -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new));
	}

	/**
	 * Tells whether a record of the events topic is about this portal.
	 * @param record the record
	 * @param portal the portal
	 * @return whether its key starts with the portal
	 */
	public static boolean ofPortal(ConsumerRecord<String, byte[]> record, long portal) {
		return record.key() != null && record.key().startsWith(portal + ":");
	}

	/**
	 * Decodes an events topic record.
	 * @param record the record
	 * @return the event
	 */
	public static HubSpotEvent event(ConsumerRecord<String, byte[]> record) {
		return new HubSpotEventCodec().decode(record.value());
	}

	private static String token(HubSpotEmulator emulator) {
		String form = "grant_type=client_credentials&client_id=" + CLIENT_ID + "&client_secret=" + CLIENT_SECRET
				+ "&scope=developer.webhooks_journal.subscriptions.write";
		HttpResponse<String> response = send(HttpRequest.newBuilder(emulator.baseUrl().resolve("/oauth/v1/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	private static void post(HubSpotEmulator emulator, String token, String body) {
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(emulator.baseUrl().resolve("/webhooks-journal/subscriptions/2026-03"))
					.header("Authorization", "Bearer " + token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("subscription refused: " + response.body());
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
	 * The URI of the ingress's webhook endpoint.
	 * @param context the ingress
	 * @return the local URL
	 */
	public static URI webhookUrl(ConfigurableApplicationContext context) {
		return URI.create(
				"http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port") + "/webhooks/hubspot");
	}

}
