package dev.hubsync.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.worker.support.Changes;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The merge (ARCHITECTURE §7) with both directions running, on data as users have it: a
 * product database and a HubSpot portal that both held records before HubSync first
 * started, overlapping by email, with values on one side only, conflicting values with
 * different ages, two rows with one email and records that exist on one side only; then
 * live edits on both sides of the same record at once, with change events held back and a
 * HubSpot edit landing between the sync's read and its write.
 */
@EmbeddedInfra
class MergeIT {

	/**
	 * The paths the worker calls in the default API version, as the emulator logs them.
	 */
	private static final ApiPaths PATHS = ApiPaths.defaults();

	private static final Duration WAIT = Duration.ofSeconds(45);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static Sql sql;

	private static Changes changes;

	private static Events events;

	private static ConfigurableApplicationContext worker;

	private static final Instant DAY_AGO = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onSharedBroker(Map.of("emulator.id-base", "50000000"));
		emulator = fixture.emulator();
		user = fixture.user();
		sql = fixture.sql();
		changes = fixture.changes();
		events = fixture.events();
		populateBothSides();
		worker = fixture.startWorker("--hubsync.worker.bulk.on-first-start=true",
				"--hubsync.worker.bulk.progress-interval=200ms", "--hubsync.worker.bulk.stall-timeout=20s",
				"--hubsync.worker.inbound.linger=100ms", "--hubsync.worker.outbound.linger=100ms",
				"--hubsync.worker.inbound.group-id=merge-it-inbound",
				"--hubsync.worker.outbound.group-id=merge-it-outbound", "--hubsync.admin.api-key=it-key",
				"--hubsync.admin.allow-weak-keys=true", "--hubsync.worker.retry.initial-backoff=100ms",
				"--hubsync.hubspot.retry.initial-backoff=20ms");
		await().atMost(Duration.ofSeconds(90))
			.until(() -> admin("GET", "/api/bulk-sync").body()
				.contains("\"trigger\":\"first-start\",\"state\":\"finished\""));
	}

	/**
	 * What both sides held before HubSync ever ran. HubSpot's records were last changed a
	 * day ago unless a test changes them since.
	 */
	private static void populateBothSides() throws Exception {
		// values on one side only: kept and copied, whichever side is newer
		sql.execute("INSERT INTO public.leads (email, first_name, phone, updated_at) VALUES"
				+ " ('one.sided@example.com', 'Ada', '+14155550111', now())");
		seed("one.sided@example.com", Map.of("firstname", "Ada", "lastname", "OnlyInHubSpot"));
		sql.execute("INSERT INTO public.leads (email, first_name, last_name, updated_at) VALUES"
				+ " ('empty.newer@example.com', 'Bea', 'Empty', now())");
		seed("empty.newer@example.com", Map.of("firstname", "Bea", "lastname", "Empty", "phone", "+14155550122"));
		sql.execute("INSERT INTO public.leads (email, first_name, phone, updated_at) VALUES"
				+ " ('hubspot.newer@example.com', 'Cy', '+14155550133', now() - interval '2 days')");
		seed("hubspot.newer@example.com", Map.of("firstname", "Cy"));
		// values on both sides that differ: the later change wins, per field
		sql.execute("INSERT INTO public.leads (email, first_name, last_name, updated_at) VALUES"
				+ " ('per.field@example.com', 'ProductFirst', 'ProductLast', now() - interval '1 hour')");
		String perField = seed("per.field@example.com", Map.of("firstname", "HubSpotFirst", "lastname", "Old"));
		user.objects().update("contacts", perField, Map.of("lastname", "HubSpotLast"));
		// two rows with one email (in another case): the older one keeps the contact
		sql.execute("INSERT INTO public.leads (email, first_name, created_at, updated_at) VALUES"
				+ " ('Twin.Person@Example.com', 'Older', now() - interval '2 days', now() - interval '2 days'),"
				+ " ('twin.person@example.com', 'Newer', now() - interval '1 day', now())");
		seed("twin.person@example.com", Map.of("firstname", "InHubSpot", "lastname", "Twin"));
		// one side only
		sql.execute("INSERT INTO public.leads (email, first_name) VALUES ('product.only@example.com', 'Dee')");
		seed("hubspot.only@example.com", Map.of("firstname", "Eve", "lastname", "FromYesterday"));
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void aValueOnOneSideOnlySurvivesOnBothWhicheverSideIsNewer() throws Exception {
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(fixture.contact("one.sided@example.com")).containsEntry("phone", "+14155550111")
				.containsEntry("lastname", "OnlyInHubSpot");
			assertThat(lead("one.sided@example.com")).containsEntry("phone", "+14155550111")
				.containsEntry("last_name", "OnlyInHubSpot");
			// the row (without a phone) is newer than the contact: the phone is kept
			assertThat(fixture.contact("empty.newer@example.com")).containsEntry("phone", "+14155550122");
			assertThat(lead("empty.newer@example.com")).containsEntry("phone", "+14155550122");
			// the contact (without a phone) is newer than the row: the phone is kept
			assertThat(fixture.contact("hubspot.newer@example.com")).containsEntry("phone", "+14155550133");
			assertThat(lead("hubspot.newer@example.com")).containsEntry("phone", "+14155550133");
		});
	}

	@Test
	void onFirstLinkTheLaterChangeWinsPerFieldInBothDirections() throws Exception {
		await().atMost(WAIT).untilAsserted(() -> {
			// the row changed an hour ago, after HubSpot's first name (a day ago) and
			// before HubSpot's last name (just now)
			assertThat(fixture.contact("per.field@example.com")).containsEntry("firstname", "ProductFirst")
				.containsEntry("lastname", "HubSpotLast");
			assertThat(lead("per.field@example.com")).containsEntry("first_name", "ProductFirst")
				.containsEntry("last_name", "HubSpotLast");
		});
		String key = key("per.field@example.com");
		assertThat(sql.count("SELECT count(*) FROM hubsync.sync_log WHERE outcome = 'conflict' AND field = 'firstname'"
				+ " AND platform_value = 'ProductFirst' AND hubspot_value = 'HubSpotFirst' AND winner = 'platform'"
				+ " AND platform_key = ?", key))
			.withFailMessage(() -> history("per.field@example.com"))
			.isEqualTo(1);
		assertThat(sql.count("SELECT count(*) FROM hubsync.sync_log WHERE outcome = 'conflict' AND field = 'lastname'"
				+ " AND platform_value = 'ProductLast' AND hubspot_value = 'HubSpotLast' AND winner = 'hubspot'"
				+ " AND platform_key = ?", key))
			.withFailMessage(() -> history("per.field@example.com"))
			.isEqualTo(1);
	}

	@Test
	void twoRowsWithOneEmailMakeOneLinkAndOneReviewAndNothingIsOverwritten() throws Exception {
		String older = key("Twin.Person@Example.com");
		String newer = key("twin.person@example.com");
		long contact = Long.parseLong(fixture.contactId("twin.person@example.com"));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(linkedKey(contact)).isEqualTo(older);
			// HubSpot's first name (a day old) is later than the older row's (two days
			// old): it stays, and the older row takes it; the newer row's never goes out
			assertThat(fixture.contact("twin.person@example.com")).containsEntry("firstname", "InHubSpot");
			assertThat(lead("Twin.Person@Example.com")).containsEntry("first_name", "InHubSpot");
		});
		assertThat(sql.count("SELECT count(*) FROM hubsync.link WHERE platform_key = ?", newer)).isZero();
		assertThat(sql.row("SELECT kind, hubspot_id FROM hubsync.review WHERE platform_key = ? AND resolved_at IS NULL",
				newer))
			.containsEntry("kind", "duplicate_email")
			.containsEntry("hubspot_id", contact);
		assertThat(lead("twin.person@example.com", newer)).containsEntry("first_name", "Newer");
		JsonNode status = JSON.readTree(admin("GET", "/api/status").body());
		assertThat(status.at("/openReviews/duplicate_email").asLong()).isGreaterThanOrEqualTo(1);
		// a live change of the duplicate writes nothing and blocks nothing
		int writes = writes();
		changes.send(List.of(changes.updateLead(newer, "first_name = 'Newer Still'")));
		changes.send(List.of(changes.updateLead(older, "last_name = 'Twin Renamed'")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(fixture.contact("twin.person@example.com")).containsEntry("lastname",
					"Twin Renamed"));
		assertThat(fixture.contact("twin.person@example.com")).containsEntry("firstname", "InHubSpot");
		assertThat(writes() - writes).isEqualTo(1);
		assertThat(
				sql.count("SELECT count(*) FROM hubsync.review WHERE platform_key = ? AND resolved_at IS NULL", newer))
			.isEqualTo(1);
	}

	@Test
	void aPersonLinksTheOtherRowInsteadAndTheDisplacedRowGoesToReview() throws Exception {
		sql.execute("INSERT INTO public.leads (email, first_name, created_at) VALUES"
				+ " ('swap.first@example.com', 'First', now() - interval '1 hour')");
		String first = key("swap.first@example.com");
		changes.send(List.of(changes.change("leads", first, ChangeOp.CREATE, null, changes.lead(first))));
		await().atMost(WAIT).until(() -> fixture.contactId("swap.first@example.com") != null);
		sql.execute("INSERT INTO public.leads (email, first_name) VALUES ('Swap.First@example.com', 'Second')");
		String second = key("Swap.First@example.com");
		changes.send(List.of(changes.change("leads", second, ChangeOp.CREATE, null, changes.lead(second))));
		await().atMost(WAIT)
			.until(() -> sql.row("SELECT id FROM hubsync.review WHERE platform_key = ? AND resolved_at IS NULL",
					second) != null);
		long review = (Long) sql
			.row("SELECT id FROM hubsync.review WHERE platform_key = ? AND resolved_at IS NULL", second)
			.get("id");
		assertThat(admin("GET", "/api/reviews?kind=duplicate_email").body()).contains("\"platformKey\":\"" + second);
		HttpResponse<String> linked = admin("POST", "/api/reviews/" + review + "/link-instead");
		assertThat(linked.statusCode()).as(linked.body()).isEqualTo(200);
		long contact = Long.parseLong(fixture.contactId("swap.first@example.com"));
		assertThat(linkedKey(contact)).isEqualTo(second);
		assertThat(sql.row("SELECT kind FROM hubsync.review WHERE platform_key = ? AND resolved_at IS NULL", first))
			.containsEntry("kind", "duplicate_email");
		assertThat(sql.count("SELECT count(*) FROM hubsync.sync_log WHERE platform_key = ? AND outcome = 'linked'",
				second))
			.isEqualTo(1);
		// the new pair is merged: both first names were set, the row's is newer
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(fixture.contact("swap.first@example.com")).containsEntry("firstname", "Second"));
		long again = (Long) sql
			.row("SELECT id FROM hubsync.review WHERE platform_key = ? AND resolved_at IS NULL", first)
			.get("id");
		assertThat(admin("POST", "/api/reviews/" + again + "/keep-apart").statusCode()).isEqualTo(200);
		assertThat(admin("POST", "/api/reviews/" + again + "/keep-apart").statusCode()).isEqualTo(404);
	}

	@Test
	void theFirstStartCompletesCountsWhatItSetAsideAndImportsWhatExistsOnOneSideOnly() throws Exception {
		JsonNode run = JSON.readTree(admin("GET", "/api/bulk-sync").body());
		assertThat(run.get("state").asString()).isEqualTo("finished");
		JsonNode push = null;
		for (JsonNode phase : run.get("phases")) {
			if (phase.get("objectType").asString().equals("contacts")
					&& phase.get("direction").asString().equals("push")) {
				push = phase;
			}
		}
		assertThat(push).isNotNull();
		assertThat(push.get("setAside").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(push.get("linked").asLong()).isGreaterThanOrEqualTo(5);
		assertThat(run.get("detail").asString()).contains("set aside");
		// made in HubSpot a day before the first start: imported
		assertThat(lead("hubspot.only@example.com")).containsEntry("first_name", "Eve")
			.containsEntry("last_name", "FromYesterday");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(fixture.contact("product.only@example.com")).containsEntry("firstname", "Dee"));
	}

	@Test
	void anInboundWriteOfOneFieldDoesNotMakeTheProductWinALaterConflictOnAnother() throws Exception {
		sql.execute("INSERT INTO public.leads (email, first_name, last_name) VALUES ('race@example.com', 'Ra', 'Ce')");
		String key = key("race@example.com");
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT).until(() -> fixture.contactId("race@example.com") != null);
		String id = fixture.contactId("race@example.com");
		// the product changes the last name; its change event is held back
		ProducerRecord<String, byte[]> productChange = changes.updateLead(key, "last_name = 'ProductLast'");
		// HubSpot changes the last name later; its webhook is held back too
		user.objects().update("contacts", id, Map.of("lastname", "HubSpotLast"));
		// HubSpot changes the first name: the sync writes it to the row, whose updated_at
		// moves past HubSpot's last-name change
		user.objects().update("contacts", id, Map.of("firstname", "HubSpotFirst"));
		events.send(List.of(Events.propertyChange(id, "firstname", "HubSpotFirst")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lead("race@example.com")).containsEntry("first_name", "HubSpotFirst"));
		assertThat(lead("race@example.com")).containsEntry("last_name", "ProductLast");
		// the product's change arrives: its own commit time is older than HubSpot's
		changes.send(List.of(productChange));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(lead("race@example.com")).containsEntry("last_name", "HubSpotLast");
			assertThat(fixture.contact("race@example.com")).containsEntry("lastname", "HubSpotLast")
				.containsEntry("firstname", "HubSpotFirst");
		});
		assertThat(sql.count("SELECT count(*) FROM hubsync.sync_log WHERE platform_key = ? AND outcome = 'conflict'"
				+ " AND field = 'lastname' AND winner = 'hubspot'", key))
			.isEqualTo(1);
	}

	@Test
	void aConflictOfAPairArchivedBeforeTheProductsChangeMergedIsDecidedWhenItIsRestored() throws Exception {
		// chaos seed 42: the product's change reached the outbound direction while
		// the pair was archived (HubSpot deleted the record), so it was settled
		// without a merge; the pair came back, and the conflict waited for a
		// product event that had already come
		sql.execute("INSERT INTO public.leads (email, last_name) VALUES ('archived.meanwhile@example.com', 'Before')");
		String key = key("archived.meanwhile@example.com");
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT).until(() -> fixture.contactId("archived.meanwhile@example.com") != null);
		String id = fixture.contactId("archived.meanwhile@example.com");
		ProducerRecord<String, byte[]> productChange = changes.updateLead(key, "last_name = 'ProductLast'");
		user.objects().update("contacts", id, Map.of("lastname", "HubSpotLast"));
		user.objects().archive("contacts", id);
		events.send(List.of(Events.event("contact.deletion", Long.parseLong(id), Instant.now(), Map.of())));
		await().atMost(WAIT)
			.until(() -> sql.count("SELECT count(*) FROM public.leads WHERE id = ?::uuid AND deleted_at IS NOT NULL",
					key) == 1);
		changes.send(List.of(productChange));
		await().atMost(WAIT)
			.until(() -> sql.count("SELECT count(*) FROM hubsync.link WHERE platform_key = ? AND"
					+ " jsonb_exists(platform_changed_at, 'lastname')", key) == 1);
		assertThat(sql.count("SELECT count(*) FROM hubsync.link WHERE platform_key = ? AND archived", key))
			.as("keeping the time leaves the pair archived")
			.isEqualTo(1);
		emulator.admin().restore("contacts", id);
		events.send(List.of(Events.event("contact.restore", Long.parseLong(id), Instant.now(), Map.of())));
		// HubSpot's change is the later one: it wins on both sides
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(lead("archived.meanwhile@example.com")).containsEntry("last_name", "HubSpotLast");
			assertThat(sql.count("SELECT count(*) FROM public.leads WHERE id = ?::uuid AND deleted_at IS NULL", key))
				.isEqualTo(1);
			assertThat(fixture.contact("archived.meanwhile@example.com")).containsEntry("lastname", "HubSpotLast");
		});
	}

	@Test
	void aHubSpotClearMadeBeforeTheFirstLinksProductValueReachesHubSpotWins() throws Exception {
		String id = seed("handover@example.com", Map.of("firstname", "Hand", "lastname", "HubSpotOlder"));
		sql.execute("INSERT INTO public.leads (email, first_name, last_name, updated_at) VALUES"
				+ " ('handover@example.com', 'Hand', 'ProductNewer', now())");
		String key = key("handover@example.com");
		// the outbound direction holds its events: the first link's product value waits
		assertThat(admin("POST", "/api/outbound/contacts/pause").statusCode()).isEqualTo(200);
		try {
			events.send(List.of(Events.event("contact.creation", Long.parseLong(id), Instant.now(), Map.of())));
			await().atMost(WAIT)
				.until(() -> sql.row("SELECT 1 FROM hubsync.sync_log WHERE platform_key = ? AND field = 'lastname'"
						+ " AND outcome = 'conflict' AND winner = 'platform'", key) != null);
			// then a HubSpot user clears the last name, later than the product's value
			user.objects().update("contacts", id, Map.of("lastname", ""));
			events.send(List.of(Events.propertyChange(id, "lastname", "")));
			// the clear is the latest change: it reaches the product, and it is not
			// taken for a value HubSpot never had (a first link)
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(lead("handover@example.com").get("last_name"))
					.as(() -> history("handover@example.com"))
					.isNull());
		}
		finally {
			assertThat(admin("POST", "/api/outbound/contacts/resume").statusCode()).isEqualTo(200);
		}
		await().atMost(WAIT)
			.until(() -> sql.count("SELECT count(*) FROM hubsync.parked_event WHERE direction = 'outbound'") == 0);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(sql
				.row("SELECT synced_values ->> 'lastname' AS lastname FROM hubsync.link WHERE platform_key = ?", key))
				.containsEntry("lastname", ""));
		assertThat(fixture.contact("handover@example.com").getOrDefault("lastname", "")).isEmpty();
		assertThat(lead("handover@example.com").get("last_name")).isNull();
	}

	@Test
	void aHubSpotEditWhoseWebhookWasLostIsHealedWhenTheProductChangesAnotherField() throws Exception {
		sql.execute("INSERT INTO public.leads (email, first_name, last_name) VALUES ('lost@example.com', 'Lo', 'St')");
		String key = key("lost@example.com");
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT).until(() -> fixture.contactId("lost@example.com") != null);
		// HubSpot's edit: its webhook never arrives
		user.objects().update("contacts", fixture.contactId("lost@example.com"), Map.of("firstname", "FromHubSpot"));
		changes.send(List.of(changes.updateLead(key, "last_name = 'FromProduct'")));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(lead("lost@example.com")).containsEntry("first_name", "FromHubSpot")
				.containsEntry("last_name", "FromProduct");
			assertThat(fixture.contact("lost@example.com")).containsEntry("firstname", "FromHubSpot")
				.containsEntry("lastname", "FromProduct");
		});
	}

	@Test
	void thePollerHealsALostWebhookEvenWhenTheSyncsOwnWriteMovedTheRecordsMarkPastIt() throws Exception {
		sql.execute("INSERT INTO public.leads (email, first_name) VALUES ('polled@example.com', 'Po')");
		String key = key("polled@example.com");
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT).until(() -> fixture.contactId("polled@example.com") != null);
		HubSpotObject edited = user.objects()
			.update("contacts", fixture.contactId("polled@example.com"), Map.of("firstname", "Unseen"));
		// the link's HubSpot mark reaches the edit, as after a write of the sync's own
		// that moved the record's modification time past a change whose webhook was lost
		sql.execute("UPDATE hubsync.link SET hubspot_modified_at = ? WHERE platform_key = ?",
				java.sql.Timestamp.from(edited.updatedAt()), key);
		// HubSpot's search index trails its writes: poll until the edit is found
		await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			worker.getBean(dev.hubsync.worker.poller.ReconciliationPoller.class).poll();
			assertThat(lead("polled@example.com")).containsEntry("first_name", "Unseen");
		});
	}

	@Test
	void thePersonCreatedOnBothSidesAtOnceEndsAsOnePairWithEverySidesValues() throws Exception {
		for (int i = 0; i < 3; i++) {
			String email = "twice" + i + "@example.com";
			sql.execute("INSERT INTO public.leads (email, last_name) VALUES (?, 'FromProduct')", email);
			String key = key(email);
			HubSpotObject contact = user.objects()
				.create("contacts", Map.of("email", email, "firstname", "FromHubSpot", "phone", "+14155550177"),
						List.of());
			String creation = Events.event("contact.creation", Long.parseLong(contact.id()), Instant.now(), Map.of());
			ProducerRecord<String, byte[]> insert = changes.change("leads", key, ChangeOp.CREATE, null,
					changes.lead(key));
			// the two events in either order, or together
			if (i == 0) {
				events.send(List.of(creation));
				changes.send(List.of(insert));
			}
			else if (i == 1) {
				changes.send(List.of(insert));
				events.send(List.of(creation));
			}
			else {
				changes.send(List.of(insert));
				events.send(List.of(creation));
			}
		}
		for (int i = 0; i < 3; i++) {
			String email = "twice" + i + "@example.com";
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(lead(email)).as(() -> history(email))
					.containsEntry("first_name", "FromHubSpot")
					.containsEntry("last_name", "FromProduct")
					.containsEntry("phone", "+14155550177");
				assertThat(fixture.contact(email)).containsEntry("firstname", "FromHubSpot")
					.containsEntry("lastname", "FromProduct")
					.containsEntry("phone", "+14155550177");
			});
			assertThat(sql.count("SELECT count(*) FROM public.leads WHERE email = ?", email)).isEqualTo(1);
		}
	}

	@Test
	void aHubSpotEditLandingBetweenTheSyncsReadAndWriteSurvives() throws Exception {
		String id = overwrittenEdit("between@example.com", false);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(lead("between@example.com")).as(() -> history("between@example.com"))
				.containsEntry("last_name", "EditedInHubSpot");
			assertThat(fixture.contact("between@example.com")).containsEntry("lastname", "EditedInHubSpot");
		});
		assertThat(sql.count("SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ? AND field = 'lastname'"
				+ " AND detail LIKE '%overwritten%'", Long.parseLong(id)))
			.isGreaterThanOrEqualTo(1);
	}

	@Test
	void aHubSpotEditWhoseWebhookArrivesWhileTheSyncWritesSurvives() throws Exception {
		overwrittenEdit("during@example.com", true);
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(lead("during@example.com")).as(() -> history("during@example.com"))
				.containsEntry("last_name", "EditedInHubSpot");
			assertThat(fixture.contact("during@example.com")).containsEntry("lastname", "EditedInHubSpot");
		});
	}

	/**
	 * The product changes a last name; the sync reads the contact and, while its write is
	 * on the way (HubSpot answers slowly), a HubSpot user edits the same property. The
	 * user's edit is the later change.
	 * @param email the lead's email
	 * @param webhookDuringWrite whether the edit's webhook is sent while the write is
	 * still on its way (else after it)
	 * @return the contact's id
	 */
	private static String overwrittenEdit(String email, boolean webhookDuringWrite) throws Exception {
		sql.execute("INSERT INTO public.leads (email, first_name, last_name) VALUES (?, 'Over', 'Written')", email);
		String key = key(email);
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT).until(() -> fixture.contactId(email) != null);
		String id = fixture.contactId(email);
		int reads = emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "read")).size();
		int updates = emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "update")).size();
		emulator.admin()
			.faults(Map.of("rules", List.of(Map.of("method", "POST", "path", PATHS.objectsBatch("contacts", "update"),
					"latencyMs", 3000, "errorRate", 0.0, "count", 1))));
		try {
			changes.send(List.of(changes.updateLead(key, "last_name = 'FromProduct'")));
			// the sync has read the contact; its write now waits three seconds in HubSpot
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "read")).size() > reads);
			user.objects().update("contacts", id, Map.of("lastname", "EditedInHubSpot"));
			if (!webhookDuringWrite) {
				await().atMost(WAIT)
					.until(() -> emulator.admin()
						.requests("POST", PATHS.objectsBatch("contacts", "update"))
						.size() > updates);
				// the sync's write covered the edit
				assertThat(fixture.contact(email)).containsEntry("lastname", "FromProduct");
			}
			events.send(List.of(Events.propertyChange(id, "lastname", "EditedInHubSpot")));
		}
		finally {
			emulator.admin().clearFaults();
		}
		return id;
	}

	// ------------------------------------------------------------------ helpers

	/** The sync log of a lead's pair, for failure messages. */
	private static String history(String email) {
		try {
			StringBuilder text = new StringBuilder("sync log of " + email + ":\n");
			for (Map<String, Object> row : sql.rows("SELECT s.at, s.direction, s.outcome, s.field, s.platform_value,"
					+ " s.hubspot_value, s.winner, s.detail FROM hubsync.sync_log s JOIN public.leads l ON"
					+ " s.platform_key = l.id::text WHERE l.email = ? ORDER BY s.id", email)) {
				text.append("  ").append(row.values()).append('\n');
			}
			return text.toString();
		}
		catch (java.sql.SQLException ex) {
			return ex.toString();
		}
	}

	private static String seed(String email, Map<String, String> properties) {
		Map<String, String> template = new java.util.LinkedHashMap<>(properties);
		template.put("email", email);
		return emulator.admin().seed("contacts", 1, template, DAY_AGO.toString()).get(0);
	}

	private static Map<String, Object> lead(String email) throws Exception {
		return sql.row("SELECT * FROM public.leads WHERE email = ?", email);
	}

	private static Map<String, Object> lead(String email, String key) throws Exception {
		return sql.row("SELECT * FROM public.leads WHERE email = ? AND id = ?::uuid", email, key);
	}

	private static String key(String email) throws Exception {
		return sql.row("SELECT id::text AS id FROM public.leads WHERE email = ?", email).get("id").toString();
	}

	private static String linkedKey(long hubspotId) throws Exception {
		Map<String, Object> link = sql
			.row("SELECT platform_key FROM hubsync.link WHERE object_type_id = '0-1' AND hubspot_id = ?", hubspotId);
		return (link != null) ? (String) link.get("platform_key") : null;
	}

	private static int writes() {
		return emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "update")).size()
				+ emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "upsert")).size();
	}

	private static HttpResponse<String> admin(String method, String path) throws Exception {
		String port = worker.getEnvironment().getProperty("local.server.port");
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-HubSync-Api-Key", "it-key")
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
