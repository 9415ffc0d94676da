package dev.hubsync.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.worker.support.Changes;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With read-before-write off (a documented setting) the outbound direction merges against
 * the link's values, not HubSpot's: a HubSpot change of a field whose row changed after
 * it is applied by the inbound direction, not handed over (where it would be found in
 * sync and never applied; a helper's review of the set-back hand-over).
 */
@EmbeddedInfra
class HandOverWithoutReadBeforeWriteIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String GROUP = "handover-it-" + UUID.randomUUID();

	private static WorkerFixture fixture;

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onSharedBroker(Map.of("emulator.id-base", "61000000"));
		fixture.startWorker("--hubsync.worker.inbound.linger=100ms", "--hubsync.worker.outbound.linger=100ms",
				"--hubsync.worker.inbound.group-id=" + GROUP + "-inbound",
				"--hubsync.worker.outbound.group-id=" + GROUP + "-outbound", "--hubsync.admin.api-key=it-key",
				"--hubsync.admin.allow-weak-keys=true", "--hubsync.worker.retry.initial-backoff=100ms",
				"--hubsync.worker.retry.max-backoff=500ms", "--hubsync.worker.partitions=6",
				"--hubsync.worker.outbound.read-before-write=false");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void aHubSpotChangeHandedOverIsApplied() throws Exception {
		Sql sql = fixture.sql();
		Changes changes = fixture.changes();
		sql.execute("INSERT INTO public.leads (email, first_name, last_name) VALUES (?, ?, ?)", "rbw@example.com",
				"Ann", "Start");
		String key = sql.row("SELECT id::text AS id FROM public.leads WHERE email = ?", "rbw@example.com")
			.get("id")
			.toString();
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT).until(() -> sql.row("SELECT 1 FROM hubsync.link WHERE platform_key = ?", key) != null);
		String id = fixture.contactId("rbw@example.com");
		// HubSpot changes the last name (its webhook is late) ...
		fixture.user().objects().update("contacts", id, Map.of("lastname", "HubSpot"));
		Instant changed = Instant.now();
		await().until(() -> Instant.now().isAfter(changed.plusMillis(200)));
		// ... then the product changes another field: the row's updated_at is later
		changes.send(List.of(changes.updateLead(key, "first_name = 'Annie'")));
		await().atMost(WAIT).until(() -> "Annie".equals(fixture.contactById(id).get("firstname")));
		fixture.events().send(List.of(Events.propertyChange(id, "lastname", "HubSpot")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key))
				.as(() -> fixture.syncState(id))
				.containsEntry("last_name", "HubSpot"));
	}

}
