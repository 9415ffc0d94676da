package dev.hubsync.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.Row;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.worker.support.Changes;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code stage} transform against the emulator's pipelines API (issue 23), on deals:
 * the demo mapping's deal stage, changed to product statuses mapped to stages of the
 * Sales Pipeline by label; the stage ids come from HubSpot. A stage no status maps to,
 * and a status no stage is mapped for, are refused for the field alone. Its own broker:
 * it publishes a mapping of its own.
 */
@EmbeddedInfra
class StagesIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static Sql sql;

	private static Changes changes;

	private static Events events;

	private static ConfigurableApplicationContext worker;

	@BeforeAll
	static void start() throws Exception {
		String yaml = Workers.demoMappingYaml();
		String staged = yaml.replace("- { column: stage, property: dealstage, transform: enum }", """
				- column: stage
				        property: dealstage
				        transform:
				          type: stage
				          options: { pipeline: Sales Pipeline }
				          values: { open: Appointment Scheduled, won: Closed Won, lost: Closed Lost }""");
		assertThat(staged).isNotEqualTo(yaml);
		fixture = WorkerFixture.onOwnBroker(staged, Map.of());
		emulator = fixture.emulator();
		user = fixture.user();
		sql = fixture.sql();
		changes = fixture.changes();
		events = fixture.events();
		Workers.ensureOwnProperties(user);
		worker = fixture.startWorker("--hubsync.worker.inbound.linger=100ms", "--hubsync.worker.outbound.linger=100ms",
				"--hubsync.admin.api-key=it-key", "--hubsync.admin.allow-weak-keys=true",
				"--hubsync.worker.retry.initial-backoff=100ms", "--hubsync.hubspot.retry.initial-backoff=20ms");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void aStageMovedInHubSpotBecomesTheProductsStatusAndAnUnmappedStageIsRefusedAlone() throws Exception {
		HubSpotObject deal = user.objects()
			.create("deals", Map.of("dealname", "Staged in HubSpot", "dealstage", "closedwon"), null);
		events.send(List.of(event("deal.creation", deal, Map.of())));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(deal("Staged in HubSpot")).isNotNull().containsEntry("stage", "won"));
		// Contract Sent has no product status: refused for the field, the name still
		// syncs
		HubSpotObject moved = user.objects()
			.update("deals", deal.id(), Map.of("dealstage", "contractsent", "dealname", "Renamed in HubSpot"));
		events.send(List.of(event("deal.propertyChange", moved,
				Map.of("propertyName", "dealstage", "propertyValue", "contractsent"))));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(deal("Renamed in HubSpot")).isNotNull().containsEntry("stage", "won"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(refusal(Long.parseLong(deal.id()))).isNotNull()
				.containsEntry("field", "dealstage")
				.hasEntrySatisfying("detail", (detail) -> assertThat(detail.toString())
					.contains("stage 'Contract Sent' of pipeline 'Sales Pipeline' is mapped to no product status")));
	}

	@Test
	void aStatusSetInTheProductMovesTheDealToTheStageWithThatLabel() throws Exception {
		String deal = sql
			.row("INSERT INTO public.deals (name, stage) VALUES ('Staged in product', 'open')" + " RETURNING id::text")
			.get("id")
			.toString();
		changes.send(List.of(changes.change("deals", deal, ChangeOp.CREATE, null, changes.image("deals", deal))));
		String hubspotId = awaitLink(deal);
		await().atMost(WAIT).untilAsserted(() -> assertThat(stageOf(hubspotId)).isEqualTo("appointmentscheduled"));
		update(deal, "stage = 'lost'");
		await().atMost(WAIT).untilAsserted(() -> assertThat(stageOf(hubspotId)).isEqualTo("closedlost"));
		// a status with no stage: refused for the field, the rest is written
		update(deal, "stage = 'archived', name = 'Renamed in product'");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.objects()
				.get("deals", hubspotId, ReadOptions.properties(List.of("dealname")))
				.orElseThrow()
				.property("dealname")).isEqualTo("Renamed in product"));
		assertThat(stageOf(hubspotId)).isEqualTo("closedlost");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(refusal(Long.parseLong(hubspotId))).isNotNull()
				.containsEntry("field", "dealstage")
				.hasEntrySatisfying("detail", (detail) -> assertThat(detail.toString())
					.contains("no stage is mapped for status 'archived'")));
	}

	private static void update(String deal, String set) throws Exception {
		Row before = changes.image("deals", deal);
		sql.execute("UPDATE public.deals SET " + set + " WHERE id = ?::uuid", deal);
		changes.send(List.of(changes.change("deals", deal, ChangeOp.UPDATE, before, changes.image("deals", deal))));
	}

	private static String event(String type, HubSpotObject record, Map<String, ?> extra) {
		return Events.event(type, Long.parseLong(record.id()), Instant.now(), extra);
	}

	private static @Nullable Map<String, Object> deal(String name) throws Exception {
		return sql.row("SELECT * FROM public.deals WHERE name = ?", name);
	}

	private static String awaitLink(String platformKey) {
		String[] id = new String[1];
		await().atMost(WAIT).until(() -> {
			Map<String, Object> link = sql.row(
					"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-3' AND platform_key = ?",
					platformKey);
			id[0] = (link != null) ? link.get("hubspot_id").toString() : null;
			return id[0] != null;
		});
		return id[0];
	}

	private static @Nullable String stageOf(String id) {
		return user.objects()
			.get("deals", id, ReadOptions.properties(List.of("dealstage")))
			.orElseThrow()
			.property("dealstage");
	}

	private static @Nullable Map<String, Object> refusal(long hubspotId) throws Exception {
		return sql
			.row("SELECT field, detail FROM hubsync.review WHERE kind = 'field_refused' AND object_type_id = '0-3'"
					+ " AND hubspot_id = ? AND resolved_at IS NULL", hubspotId);
	}

}
