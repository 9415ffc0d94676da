package dev.hubsync.worker;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.transport.ApiPaths;
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
 * Owners both ways through the demo mapping's {@code owner} fields (issue 23): HubSpot's
 * {@code hubspot_owner_id} and the product's {@code owner_id}, matched by email between
 * HubSpot's owners and the product's users. The emulator's owners are Ann (41629779), Bo
 * (41629780) and Former (deactivated); the product has users for Ann and Cy, and for
 * Nobody, whom no owner matches. Cy becomes an owner while the worker runs.
 */
@EmbeddedInfra
class OwnersIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String ANN = "41629779";

	private static final String BO = "41629780";

	private static final String CY = "41629790";

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static Sql sql;

	private static Changes changes;

	private static Events events;

	private static ConfigurableApplicationContext worker;

	private static String annUser;

	private static String cyUser;

	private static String nobodyUser;

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onSharedBroker(Map.of("emulator.id-base", "90000000"));
		emulator = fixture.emulator();
		user = fixture.user();
		sql = fixture.sql();
		changes = fixture.changes();
		events = fixture.events();
		Workers.ensureOwnProperties(user);
		annUser = userOf("ann.owner@example.com");
		cyUser = userOf("Cy.Owner@Example.com");
		nobodyUser = userOf("nobody@example.com");
		worker = fixture.startWorker("--hubsync.worker.inbound.linger=100ms", "--hubsync.worker.outbound.linger=100ms",
				"--hubsync.worker.inbound.group-id=owners-it-inbound-" + UUID.randomUUID(),
				"--hubsync.worker.outbound.group-id=owners-it-outbound-" + UUID.randomUUID(),
				"--hubsync.worker.directory.miss-refresh-interval=0s",
				"--hubsync.worker.directory.users.active-column=active", "--hubsync.admin.api-key=it-key",
				"--hubsync.admin.allow-weak-keys=true", "--hubsync.worker.retry.initial-backoff=100ms",
				"--hubsync.hubspot.retry.initial-backoff=20ms");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void anOwnerChangeInHubSpotFollowsToTheLeadsOwnerEvenForAnOwnerInvitedMeanwhile() throws Exception {
		HubSpotObject contact = user.objects()
			.create("contacts",
					Map.of("email", "owned.in.hubspot@example.com", "firstname", "Owned", "hubspot_owner_id", ANN),
					null);
		events.send(List.of(event("contact.creation", contact, Map.of())));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lead("owned.in.hubspot@example.com")).isNotNull()
				.containsEntry("owner_id", UUID.fromString(annUser))
				.containsEntry("first_name", "Owned"));
		// Cy is invited to the portal after the worker read the owners: the unknown owner
		// id makes it read them again
		emulator.admin().putOwner(CY, "cy.owner@example.com", false);
		user.objects().update("contacts", contact.id(), Map.of("hubspot_owner_id", CY));
		events.send(List.of(event("contact.propertyChange", contact,
				Map.of("propertyName", "hubspot_owner_id", "propertyValue", CY))));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lead("owned.in.hubspot@example.com")).containsEntry("owner_id",
					UUID.fromString(cyUser)));
		// owners are only read: the sync never calls a writing owners path
		assertThat(emulator.admin().requests(null, ApiPaths.defaults().owners()))
			.allSatisfy((call) -> assertThat(call.method()).isEqualTo("GET"));
	}

	@Test
	void anOwnerChangeInTheProductFollowsToTheDealAndBack() throws Exception {
		String deal = sql
			.row("INSERT INTO public.deals (name, owner_id) VALUES ('Owned deal', ?::uuid) RETURNING id::text", annUser)
			.get("id")
			.toString();
		changes.send(List.of(changes.change("deals", deal, ChangeOp.CREATE, null, changes.image("deals", deal))));
		String hubspotId = awaitLink("0-3", deal);
		await().atMost(WAIT).untilAsserted(() -> assertThat(ownerOf("deals", hubspotId)).isEqualTo(ANN));
		emulator.admin().putOwner(CY, "cy.owner@example.com", false);
		var before = changes.image("deals", deal);
		sql.execute("UPDATE public.deals SET owner_id = ?::uuid WHERE id = ?::uuid", cyUser, deal);
		changes.send(List.of(changes.change("deals", deal, ChangeOp.UPDATE, before, changes.image("deals", deal))));
		await().atMost(WAIT).untilAsserted(() -> assertThat(ownerOf("deals", hubspotId)).isEqualTo(CY));
		// and back: HubSpot gives the deal to Ann again
		HubSpotObject record = user.objects().update("deals", hubspotId, Map.of("hubspot_owner_id", ANN));
		events.send(List.of(event("deal.propertyChange", record,
				Map.of("propertyName", "hubspot_owner_id", "propertyValue", ANN))));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(sql.row("SELECT owner_id FROM public.deals WHERE id = ?::uuid", deal))
				.containsEntry("owner_id", UUID.fromString(annUser)));
	}

	@Test
	void anOwnerWithoutAUserIsRefusedForTheFieldAloneAndTheRestOfTheRecordSyncs() throws Exception {
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "bos.contact@example.com", "firstname", "Bo's", "lastname", "Contact",
					"hubspot_owner_id", BO), null);
		events.send(List.of(event("contact.creation", contact, Map.of())));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lead("bos.contact@example.com")).isNotNull()
				.containsEntry("first_name", "Bo's")
				.containsEntry("last_name", "Contact"));
		assertThat(lead("bos.contact@example.com").get("owner_id")).isNull();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(refusal("0-1", Long.parseLong(contact.id()))).isNotNull()
				.containsEntry("field", "hubspot_owner_id")
				.containsEntry("hubspot_value", BO)
				.hasEntrySatisfying("detail", (detail) -> assertThat(detail.toString())
					.contains("no product user has the email bo.owner@example.com of HubSpot owner " + BO)));
		// a later change of another field still applies, and HubSpot's owner is kept
		HubSpotObject renamed = user.objects().update("contacts", contact.id(), Map.of("lastname", "Renamed"));
		events.send(List.of(event("contact.propertyChange", renamed,
				Map.of("propertyName", "lastname", "propertyValue", "Renamed"))));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lead("bos.contact@example.com")).containsEntry("last_name", "Renamed"));
		assertThat(ownerOf("contacts", contact.id())).isEqualTo(BO);
	}

	@Test
	void aUserWithoutAnOwnerIsRefusedForTheFieldAloneAndTheRecordIsMade() throws Exception {
		String lead = sql
			.row("INSERT INTO public.leads (email, first_name, owner_id) VALUES ('nobodys.lead@example.com', 'Lone',"
					+ " ?::uuid) RETURNING id::text", nobodyUser)
			.get("id")
			.toString();
		changes.send(List.of(changes.change("leads", lead, ChangeOp.CREATE, null, changes.lead(lead))));
		String hubspotId = awaitLink("0-1", lead);
		HubSpotObject contact = user.objects()
			.get("contacts", hubspotId, ReadOptions.properties(List.of("email", "firstname", "hubspot_owner_id")))
			.orElseThrow();
		assertThat(contact.property("firstname")).isEqualTo("Lone");
		assertThat(contact.property("hubspot_owner_id")).isNullOrEmpty();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(refusal("0-1", Long.parseLong(hubspotId))).isNotNull()
				.containsEntry("field", "hubspot_owner_id")
				.hasEntrySatisfying("detail", (detail) -> assertThat(detail.toString())
					.contains("no HubSpot owner has the email nobody@example.com")));
	}

	private static String userOf(String email) throws Exception {
		return sql.row("INSERT INTO public.users (email, name) VALUES (?, 'IT') RETURNING id::text", email)
			.get("id")
			.toString();
	}

	private static String event(String type, HubSpotObject record, Map<String, ?> extra) {
		return Events.event(type, Long.parseLong(record.id()), Instant.now(), extra);
	}

	private static @Nullable Map<String, Object> lead(String email) throws Exception {
		return sql.row("SELECT * FROM public.leads WHERE email = ?", email);
	}

	private static String awaitLink(String objectTypeId, String platformKey) {
		String[] id = new String[1];
		await().atMost(WAIT).until(() -> {
			Map<String, Object> link = sql.row(
					"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = ? AND platform_key = ?", objectTypeId,
					platformKey);
			id[0] = (link != null) ? link.get("hubspot_id").toString() : null;
			return id[0] != null;
		});
		return id[0];
	}

	private static @Nullable String ownerOf(String type, String id) {
		return user.objects()
			.get(type, id, ReadOptions.properties(List.of("hubspot_owner_id")))
			.orElseThrow()
			.property("hubspot_owner_id");
	}

	private static @Nullable Map<String, Object> refusal(String objectTypeId, long hubspotId) throws Exception {
		return sql.row(
				"SELECT field, platform_value, hubspot_value, detail FROM hubsync.review WHERE kind ="
						+ " 'field_refused' AND object_type_id = ? AND hubspot_id = ? AND resolved_at IS NULL",
				objectTypeId, hubspotId);
	}

}
