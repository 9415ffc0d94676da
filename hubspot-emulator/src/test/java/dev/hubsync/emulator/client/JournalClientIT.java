package dev.hubsync.emulator.client;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.support.JournalHttp;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.HubSpotJson;
import dev.hubsync.hubspot.journal.JournalClient;
import dev.hubsync.hubspot.journal.JournalEntryRef;
import dev.hubsync.hubspot.journal.JournalFileExpiredException;
import dev.hubsync.hubspot.journal.JournalOffsetExpiredException;
import dev.hubsync.hubspot.oauth.ClientCredentialsTokenProvider;
import dev.hubsync.hubspot.oauth.OAuthClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The client's journal reader with a client-credentials token against the emulator: reads
 * forward in batches, downloads entry files, and reports an aged-out offset and an
 * expired URL as their own exceptions.
 */
class JournalClientIT {

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.webhooks-journal.retention", "4s")
		.property("emulator.webhooks-journal.url-validity", "1s")
		.property("emulator.oauth.client-credentials-lifetime", "2s");

	@Test
	void readsForwardDownloadsAndReportsExpiry() {
		HubSpotClient client = client();
		JournalClient journal = client.journal(JournalClient.Variant.LOCAL, HubSpotEmulator.PORTAL_ID);
		assertThat(journal.earliest()).isEmpty();
		assertThat(journal.earliest(10)).isEmpty();
		new Http(hubspot.get().baseUrl(),
				JournalHttp.clientCredentials(hubspot.get().baseUrl(), JournalHttp.ALL_SCOPES))
			.post("/webhooks-journal/subscriptions/2026-03", "{\"portalId\":100000,\"objectTypeId\":\"0-1\","
					+ "\"actions\":[\"CREATE\",\"UPDATE\"],\"properties\":[],\"objectIds\":[]}");
		Http app = new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
		for (int i = 0; i < 3; i++) {
			app.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"j" + i + "@x.io\"}}");
		}
		List<JournalEntryRef> first = journal.earliest(2);
		assertThat(first).hasSize(2);
		List<JournalEntryRef> rest = journal.next(first.get(1).currentOffset(), 10);
		assertThat(rest).hasSize(1);
		assertThat(journal.next(rest.get(0).currentOffset(), 10)).isEmpty();
		String file = new String(journal.download(rest.get(0)), StandardCharsets.UTF_8);
		assertThat(file).contains("j2@x.io");

		// the 2 s token is renewed on its own while the reads go on
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThatExceptionOfType(JournalFileExpiredException.class)
				.isThrownBy(() -> journal.download(first.get(0))));
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThatExceptionOfType(JournalOffsetExpiredException.class)
				.isThrownBy(() -> journal.next(first.get(0).currentOffset(), 10)));
		// the later entries age out a moment after the first (they were written after it)
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(journal.earliest()).isEmpty());
	}

	private static HubSpotClient client() {
		OAuthClient oauth = new OAuthClient(HttpClient.newHttpClient(), HubSpotJson.newMapper(),
				hubspot.get().baseUrl(), JournalHttp.CLIENT_ID, JournalHttp.CLIENT_SECRET, Duration.ofSeconds(5));
		return HubSpotClient.builder()
			.baseUrl(hubspot.get().baseUrl())
			.tokens(new ClientCredentialsTokenProvider(oauth, ClientCredentialsTokenProvider.JOURNAL_SCOPES,
					Duration.ofMinutes(5), Clock.systemUTC()))
			.build();
	}

}
