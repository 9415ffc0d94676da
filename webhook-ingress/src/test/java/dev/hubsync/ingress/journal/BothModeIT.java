package dev.hubsync.ingress.journal;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.hubsync.emulator.testing.EmulatorAdmin;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.ingress.dedupe.PathDeduplicator;
import dev.hubsync.ingress.support.JournalSetup;
import dev.hubsync.ingress.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mode {@code both}: every change comes by webhook and by the journal, is published once,
 * and the webhooks the emulator was told to drop are counted as missed by the webhook
 * path ({@value PathDeduplicator#MISSED}, {@code missed_by=webhooks}) — the measured
 * "missed webhooks" figure.
 */
class BothModeIT {

	static final long PORTAL = JournalSetup.newPortal();

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.portal-id", PORTAL)
		.property("emulator.webhook.linger", "20ms");

	@Test
	void publishesEachChangeOnceAndCountsTheDroppedWebhooks() throws IOException {
		JournalSetup.subscribeContacts(hubspot.get(), PORTAL);
		int port = freePort();
		EmulatorAdmin admin = hubspot.get().admin();
		try (ConfigurableApplicationContext ingress = JournalSetup.ingress(hubspot.get(), PORTAL, "both",
				Map.of("server.port", port, "hubsync.ingress.public-base-url", "http://127.0.0.1:" + port,
						"hubsync.ingress.journal.dedupe-window", "2s"))) {
			admin.webhooks("http://127.0.0.1:" + port + "/webhooks/hubspot", JournalSetup.CLIENT_SECRET,
					List.of("contact.creation", "contact.propertyChange", "contact.deletion"), List.of("v3"));
			String kept = create("kept@x.io");
			String lost = create("lost@x.io");
			await().atMost(Duration.ofSeconds(30)).until(() -> deliveredWebhooks(admin) >= 4);
			admin.dropWebhooksAbout(List.of(Long.parseLong(lost)));
			patch(lost, "firstname", "Lo");
			patch(lost, "lastname", "St");
			patch(kept, "firstname", "Ke");

			MeterRegistry meters = ingress.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(missedBy(meters, "webhooks")).isEqualTo(2));
			TopicReader topics = new TopicReader(SharedInfra.kafka().bootstrapServers());
			await().atMost(Duration.ofSeconds(30))
				.until(() -> events(topics).stream().anyMatch((e) -> "St".equals(e.event().propertyValue())));
			List<HubSpotEvent> events = events(topics);
			Map<String, Long> copies = events.stream()
				.collect(Collectors.groupingBy((event) -> event.event().changeKey().value(), Collectors.counting()));
			assertThat(copies).as("each change published once").allSatisfy((key, count) -> assertThat(count).isOne());
			assertThat(events)
				.filteredOn((event) -> event.key().objectId() == Long.parseLong(lost)
						&& event.event().propertyName() != null
						&& List.of("Lo", "St").contains(event.event().propertyValue()))
				.extracting(HubSpotEvent::source)
				.containsOnly(EventSource.JOURNAL)
				.hasSize(2);
			assertThat(meters.counter(PathDeduplicator.DEDUPLICATED, "path", "journal").count()).isPositive();
			assertThat(missedBy(meters, "journal")).isZero();
		}
	}

	private static long deliveredWebhooks(EmulatorAdmin admin) {
		long count = 0;
		for (var delivery : admin.deliveries()) {
			if ("DELIVERED".equals(delivery.get("state").asString())) {
				count += delivery.get("eventCount").asLong();
			}
		}
		return count;
	}

	private static double missedBy(MeterRegistry meters, String path) {
		return meters.counter(PathDeduplicator.MISSED, "missed_by", path).count();
	}

	private static List<HubSpotEvent> events(TopicReader topics) {
		return topics.all(Topics.HUBSPOT_EVENTS, (record) -> JournalSetup.ofPortal(record, PORTAL))
			.stream()
			.map(JournalSetup::event)
			.toList();
	}

	private static String create(String email) {
		return hubspot.get()
			.admin()
			.call("POST", "/crm/v3/objects/contacts", Map.of("properties", Map.of("email", email)),
					HubSpotEmulator.USER_TOKEN)
			.get("id")
			.asString();
	}

	private static void patch(String id, String property, String value) {
		hubspot.get()
			.admin()
			.call("PATCH", "/crm/v3/objects/contacts/" + id, Map.of("properties", Map.of(property, value)),
					HubSpotEmulator.USER_TOKEN);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
