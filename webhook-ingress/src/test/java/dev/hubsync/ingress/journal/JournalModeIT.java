package dev.hubsync.ingress.journal;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.testing.EmulatorAdmin;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventIdentity;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.ingress.support.JournalSetup;
import dev.hubsync.ingress.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mode {@code journal}: no webhook endpoint, no webhooks configured in the emulator; the
 * reader turns HubSpot's journal into the events the webhook path would have published,
 * on the same topic and keys, with journal identities. Entry times are epoch milliseconds
 * here (the other ITs read ISO strings).
 */
class JournalModeIT {

	static final long PORTAL = JournalSetup.newPortal();

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.portal-id", PORTAL)
		.property("emulator.webhooks-journal.time-format", "EPOCH_MILLIS");

	@Test
	void publishesHubSpotChangesFromTheJournalWithoutAWebhookEndpoint() throws Exception {
		JournalSetup.subscribeContacts(hubspot.get(), PORTAL);
		try (ConfigurableApplicationContext ingress = JournalSetup.ingress(hubspot.get(), PORTAL, "journal",
				Map.of())) {
			EmulatorAdmin admin = hubspot.get().admin();
			String contact = admin.call("POST", "/crm/objects/2026-09/contacts",
					Map.of("properties", Map.of("email", "ann@x.io", "firstname", "Ann")), HubSpotEmulator.USER_TOKEN)
				.get("id")
				.asString();
			String company = admin
				.call("POST", "/crm/v3/objects/companies", Map.of("properties", Map.of("name", "Acme")),
						HubSpotEmulator.USER_TOKEN)
				.get("id")
				.asString();
			admin.call("PATCH", "/crm/v3/objects/contacts/" + contact,
					Map.of("properties", Map.of("firstname", "Anna")), HubSpotEmulator.USER_TOKEN);
			admin.call("PUT", "/crm/v4/objects/contacts/" + contact + "/associations/default/companies/" + company,
					null, HubSpotEmulator.USER_TOKEN);
			admin.call("DELETE", "/crm/v3/objects/contacts/" + contact, null, HubSpotEmulator.USER_TOKEN);

			TopicReader topics = new TopicReader(SharedInfra.kafka().bootstrapServers());
			String key = PORTAL + ":0-1:" + contact;
			List<HubSpotEvent> events = topics
				.await(Topics.HUBSPOT_EVENTS,
						(record) -> key.equals(record.key())
								&& JournalSetup.event(record).event().subscriptionType().equals("contact.deletion"),
						1)
				.stream()
				.map(JournalSetup::event)
				.toList();
			assertThat(events).hasSize(1);
			List<HubSpotEvent> all = topics.all(Topics.HUBSPOT_EVENTS, (record) -> key.equals(record.key()))
				.stream()
				.map(JournalSetup::event)
				.toList();
			assertThat(all).allSatisfy((event) -> {
				assertThat(event.source()).isEqualTo(EventSource.JOURNAL);
				assertThat(event.identity()).isInstanceOf(EventIdentity.Journal.class);
				assertThat(event.event().eventId()).isNull();
			});
			assertThat(all)
				.extracting((event) -> event.event().subscriptionType() + ":" + event.event().propertyName() + "="
						+ event.event().propertyValue())
				.contains("contact.creation:null=null", "contact.propertyChange:email=ann@x.io",
						"contact.propertyChange:firstname=Ann", "contact.propertyChange:firstname=Anna",
						"contact.associationChange:null=null", "contact.deletion:null=null");
			assertThat(all.stream().map((event) -> event.identity().value()).distinct()).hasSize(all.size());

			HttpResponse<String> webhook = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(JournalSetup.webhookUrl(ingress))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("[]"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(webhook.statusCode()).as("no webhook endpoint in journal mode").isEqualTo(404);
		}
	}

	@Test
	void eventsOfAPortalNotServedAreDeadLetteredWithTheReason() {
		JournalSetup.subscribeContacts(hubspot.get(), PORTAL);
		long other = JournalSetup.newPortal();
		try (ConfigurableApplicationContext ingress = JournalSetup.ingress(hubspot.get(), PORTAL, "journal",
				Map.of("hubsync.ingress.portal-ids", other, "hubsync.ingress.journal.variant", "global"))) {
			String contact = hubspot.get()
				.admin()
				.call("POST", "/crm/v3/objects/contacts", Map.of("properties", Map.of("email", "elsewhere@x.io")),
						HubSpotEmulator.USER_TOKEN)
				.get("id")
				.asString();
			TopicReader topics = new TopicReader(SharedInfra.kafka().bootstrapServers());
			List<ConsumerRecord<String, byte[]>> dead = topics.await(Topics.HUBSPOT_EVENTS_DLT,
					(record) -> new String(record.value(), StandardCharsets.UTF_8).contains("\"objectId\":" + contact),
					1);
			assertThat(TopicReader.header(dead.get(0), EventHeaders.DLT_REASON))
				.contains("portal " + PORTAL + " is not one HubSync serves");
			assertThat(TopicReader.header(dead.get(0), EventHeaders.SOURCE)).isEqualTo("journal");
		}
	}

}
