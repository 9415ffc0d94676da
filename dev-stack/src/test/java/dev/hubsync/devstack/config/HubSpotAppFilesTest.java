package dev.hubsync.devstack.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.mapping.MappingFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy/hubspot-app} (the HubSpot project a new user uploads with HubSpot's CLI)
 * against the demo mapping: the app asks for the scopes HubSync uses on every mapped
 * object type, and its webhooks subscribe to every lifecycle event and every mapped
 * property HubSync reads, so an edit in HubSpot is never silently missed.
 */
class HubSpotAppFilesTest {

	static final Path APP = Path.of("..", "deploy", "hubspot-app");

	private static final JsonMapper json = JsonMapper.builder().build();

	private static List<MappingConfig> mappings;

	private static JsonNode app;

	private static JsonNode webhooks;

	@BeforeAll
	static void read() throws IOException {
		try (InputStream yaml = HubSpotAppFilesTest.class.getResourceAsStream("/hubsync/demo-mapping.yaml")) {
			mappings = MappingFiles.read(yaml, "demo-mapping.yaml", Instant.now());
		}
		app = json.readTree(Files.readString(APP.resolve("src/app/app-hsmeta.json")));
		webhooks = json.readTree(Files.readString(APP.resolve("src/app/webhooks/webhooks-hsmeta.json")));
		assertThat(json.readTree(Files.readString(APP.resolve("hsproject.json"))).path("srcDir").asString())
			.isEqualTo("src");
	}

	@Test
	void theAppAsksForTheScopesOfEveryMappedObjectType() {
		assertThat(app.path("type").asString()).isEqualTo("app");
		assertThat(app.path("config").path("auth").path("type").asString()).isEqualTo("static");
		Set<String> scopes = new HashSet<>();
		app.path("config").path("auth").path("requiredScopes").forEach((scope) -> scopes.add(scope.asString()));
		for (MappingConfig mapping : mappings) {
			String type = ObjectTypes.pathName(mapping.objectTypeId());
			assertThat(scopes).as(type).containsAll(scopesOf(type));
		}
	}

	@Test
	void theWebhooksCoverEveryLifecycleEventAndEveryMappedProperty() {
		assertThat(webhooks.path("type").asString()).isEqualTo("webhooks");
		String target = webhooks.path("config").path("settings").path("targetUrl").asString();
		assertThat(target).startsWith("https://").endsWith("/webhooks/hubspot");
		Set<String> subscribed = new HashSet<>();
		for (JsonNode subscription : webhooks.path("config").path("subscriptions").path("crmObjects")) {
			assertThat(subscription.path("active").asBoolean()).isTrue();
			subscribed
				.add(subscription.path("subscriptionType").asString() + " " + subscription.path("objectType").asString()
						+ " " + subscription.path("propertyName").asString(""));
		}
		List<String> expected = new ArrayList<>();
		for (MappingConfig mapping : mappings) {
			String object = singular(mapping.objectTypeId());
			for (String event : List.of("creation", "deletion", "merge", "restore", "associationChange")) {
				expected.add("object." + event + " " + object + " ");
			}
			for (FieldMapping field : mapping.fields()) {
				if (field.direction().toPlatform()) {
					expected.add("object.propertyChange " + object + " " + field.property());
				}
			}
		}
		assertThat(subscribed).containsAll(expected);
		assertThat(webhooks.path("config").path("subscriptions").path("hubEvents").toString())
			.contains("contact.privacyDeletion");
	}

	/**
	 * The scopes an object type needs (reference hubspot-api.md, scopes): tickets have
	 * one scope of their own, engagements go with the contacts' scopes.
	 */
	private static List<String> scopesOf(String type) {
		return switch (type) {
			case "tickets" -> List.of("tickets");
			case "tasks" ->
				List.of("crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.tasks.read");
			case "notes" -> List.of("crm.objects.contacts.read", "crm.objects.contacts.write");
			default -> List.of("crm.objects." + type + ".read", "crm.objects." + type + ".write",
					"crm.schemas." + type + ".read", "crm.schemas." + type + ".write");
		};
	}

	private static String singular(String objectTypeId) {
		String plural = ObjectTypes.pathName(objectTypeId);
		return plural.equals("companies") ? "company"
				: plural.substring(0, plural.length() - 1).toLowerCase(Locale.ROOT);
	}

}
