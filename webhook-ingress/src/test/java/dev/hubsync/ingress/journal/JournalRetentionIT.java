package dev.hubsync.ingress.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import dev.hubsync.events.Topics;
import dev.hubsync.events.request.ResyncRequested;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.ingress.support.JournalSetup;
import dev.hubsync.ingress.support.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reader that was down longer than the journal's retention (3 s here instead of 3 days)
 * finds its offset gone: it requests a resynchronisation by search from the time of the
 * last entry it handled, counts it, and reads on from the journal's earliest entry.
 */
class JournalRetentionIT {

	static final long PORTAL = JournalSetup.newPortal();

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.portal-id", PORTAL)
		.property("emulator.webhooks-journal.retention", "3s");

	@Test
	void fallingPastTheRetentionRequestsAResyncAndReadsOn() {
		JournalSetup.subscribeContacts(hubspot.get(), PORTAL);
		TopicReader topics = new TopicReader(SharedInfra.kafka().bootstrapServers());
		Instant beforeHandled = Instant.now();
		try (ConfigurableApplicationContext ingress = JournalSetup.ingress(hubspot.get(), PORTAL, "journal",
				Map.of())) {
			// created once the reader runs: the entry lives 3 s
			String handled = create("handled@x.io");
			topics.await(Topics.HUBSPOT_EVENTS, (record) -> record.key().equals(PORTAL + ":0-1:" + handled), 2);
		}
		String earliestSeen = hubspot.get().admin().webhooksJournal().get("earliest").asString();
		create("missed@x.io");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !earliestSeen.equals(hubspot.get().admin().webhooksJournal().path("earliest").asString()));

		try (ConfigurableApplicationContext ingress = JournalSetup.ingress(hubspot.get(), PORTAL, "journal",
				Map.of("hubsync.ingress.journal.retention", "3s"))) {
			List<ConsumerRecord<String, byte[]>> requests = topics.await(Topics.SYNC_REQUESTS,
					(record) -> String.valueOf(PORTAL).equals(record.key()), 1);
			ResyncRequested request = new RecordCodec<>(ResyncRequested.class).decode(requests.get(0).value());
			assertThat(request.portalId()).isEqualTo(PORTAL);
			assertThat(request.since()).isAfter(beforeHandled).isBefore(Instant.now());
			assertThat(request.reason()).contains("retention");
			// at least this one: on a loaded machine the 3 s retention may pass again
			// before
			// the reader, back at the earliest entry, has read it (another resync,
			// rightly)
			assertThat(ingress.getBean(MeterRegistry.class).counter("hubsync.ingress.journal.resyncs").count())
				.isGreaterThanOrEqualTo(1);
			String after = create("after@x.io");
			topics.await(Topics.HUBSPOT_EVENTS, (record) -> record.key().equals(PORTAL + ":0-1:" + after), 2);
		}
	}

	private static String create(String email) {
		return hubspot.get()
			.admin()
			.call("POST", "/crm/v3/objects/contacts", Map.of("properties", Map.of("email", email)),
					HubSpotEmulator.USER_TOKEN)
			.get("id")
			.asString();
	}

}
