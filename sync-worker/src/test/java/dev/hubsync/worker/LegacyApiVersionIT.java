package dev.hubsync.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.testing.EmulatorAdmin;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.worker.support.Changes;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The smoke subset on HubSpot's legacy numbered API
 * ({@code hubsync.hubspot.api-version=v3}): a record synced each way, and the emulator's
 * request log shows only {@code /crm/v3} and {@code /crm/v4} paths. The rest of the sync
 * suite runs on the default, 2026-09.
 */
@EmbeddedInfra
class LegacyApiVersionIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static Sql sql;

	private static ConfigurableApplicationContext worker;

	private static HubSpotClient user;

	private static Events events;

	private static Changes changes;

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onSharedBroker(Map.of());
		emulator = fixture.emulator();
		// the user calls the legacy paths too
		user = HubSpotClient.builder()
			.baseUrl(emulator.baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.apiVersion("v3")
			.build();
		sql = fixture.sql();
		changes = fixture.changes();
		events = fixture.events();
		Workers.ensureOwnProperties(user);
		worker = fixture.startWorker("--hubsync.hubspot.api-version=v3", "--hubsync.worker.inbound.linger=500ms",
				"--hubsync.worker.outbound.linger=500ms", "--hubsync.worker.inbound.group-id=legacy-api-it-inbound",
				"--hubsync.worker.outbound.group-id=legacy-api-it-outbound",
				"--hubsync.hubspot.retry.initial-backoff=20ms", "--hubsync.admin.api-key=it-key",
				"--hubsync.admin.allow-weak-keys=true");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void aRecordSyncsEachWayOnTheLegacyPaths() throws Exception {
		// HubSpot to the product
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "legacy.in@example.com", "firstname", "Legacy", "lastname", "In"),
					null);
		events.send(List.of(Events.event("contact.creation", Long.parseLong(contact.id()), Instant.now(), Map.of())));
		await().atMost(WAIT)
			.until(() -> sql.row("SELECT id FROM public.leads WHERE lower(email) = 'legacy.in@example.com'") != null);
		await().atMost(WAIT)
			.until(() -> user.objects()
				.get("contacts", contact.id(), ReadOptions.properties(List.of("hubsync_record_id")))
				.orElseThrow()
				.property("hubsync_record_id") != null);

		// the product to HubSpot
		String key = (String) sql
			.row("INSERT INTO public.leads (email, first_name, last_name, lifecycle_stage)"
					+ " VALUES ('legacy.out@example.com', 'Legacy', 'Out', 'lead') RETURNING id::text AS id")
			.get("id");
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT)
			.until(() -> sql.count(
					"SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?", key) == 1);

		List<EmulatorAdmin.Request> calls = emulator.admin().requests(null, "/crm/");
		assertThat(calls).isNotEmpty()
			.allSatisfy((call) -> assertThat(call.path()).matches("/crm/v[34]/.*"))
			.anySatisfy((call) -> assertThat(call.path()).startsWith("/crm/v3/objects/contacts/batch/"));
	}

}
