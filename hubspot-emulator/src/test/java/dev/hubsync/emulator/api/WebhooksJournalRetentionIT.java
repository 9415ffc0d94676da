package dev.hubsync.emulator.api;

import java.time.Duration;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.support.JournalHttp;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The journal's time limits, compressed: entries age out after the retention (their
 * offsets then answer 404, {@code earliest} moves on, an empty journal answers 204 again)
 * and pre-signed URLs stop working at {@code expiresAt}. Times are ISO strings or epoch
 * milliseconds as configured.
 */
class WebhooksJournalRetentionIT {

	private static final String JOURNAL = "/webhooks-journal/journal-local/2026-03";

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.webhooks-journal.retention", "3s")
		.property("emulator.webhooks-journal.url-validity", "1s")
		.property("emulator.webhooks-journal.time-format", "EPOCH_MILLIS")
		.property("emulator.webhooks-journal.caught-up", "BODY_WITHOUT_URL");

	@Test
	void entriesAgeOutAndUrlsExpire() {
		Http journal = new Http(hubspot.get().baseUrl(),
				JournalHttp.clientCredentials(hubspot.get().baseUrl(), JournalHttp.ALL_SCOPES));
		journal.post("/webhooks-journal/subscriptions/2026-03", "{\"portalId\":100000,\"objectTypeId\":\"0-1\","
				+ "\"actions\":[\"CREATE\"],\"properties\":[],\"objectIds\":[]}");
		new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN).post("/crm/v3/objects/contacts",
				"{\"properties\":{\"email\":\"old@x.io\"}}");
		JsonNode earliest = journal.get(JOURNAL + "/earliest?installPortalId=100000").json();
		String offset = earliest.get("currentOffset").asString();
		Http.Response file = JournalHttp.fetch(earliest.get("url").asString());
		assertThat(file.json().get("publishedAt").isNumber()).isTrue();
		assertThat(file.json().at("/journalEvents/0/occurredAt").isNumber()).isTrue();
		Http.Response head = journal.get(JOURNAL + "/offset/" + offset + "/next");
		assertThat(head.status()).isEqualTo(200);
		assertThat(head.json().has("url")).isFalse();
		assertThat(journal.get(JOURNAL + "/earliest?installPortalId=1").status()).isEqualTo(204);

		await().atMost(Duration.ofSeconds(10))
			.until(() -> JournalHttp.fetch(earliest.get("url").asString()).status() == 403);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> journal.get(JOURNAL + "/offset/" + offset + "/next").status() == 404);
		assertThat(journal.get(JOURNAL + "/earliest").status()).isEqualTo(204);
		assertThat(hubspot.get().admin().webhooksJournal().get("entries").asInt()).isZero();
	}

}
