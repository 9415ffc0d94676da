package dev.hubsync.worker;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound direction driven through its input topic with events shaped as the ingress
 * publishes them, against the in-process HubSpot emulator, a real PostgreSQL (demo
 * database) and a real Kafka broker.
 */
@EmbeddedInfra
class InboundIT {

	/**
	 * The paths the worker calls in the default API version, as the emulator logs them.
	 */
	private static final ApiPaths PATHS = ApiPaths.defaults();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static ConfigurableApplicationContext worker;

	private static HubSpotClient user;

	private static Events events;

	private static KafkaConsumer<String, byte[]> results;

	private static final List<SyncResult> seen = new ArrayList<>();

	private static final RecordCodec<SyncResult> RESULTS = new RecordCodec<>(SyncResult.class);

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onSharedBroker(Map.of());
		emulator = fixture.emulator();
		user = fixture.user();
		events = fixture.events();
		Workers.ensureOwnProperties(user);
		results = fixture.closing(new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer()));
		results.subscribe(List.of(Topics.SYNC_RESULTS, Topics.HUBSPOT_EVENTS_DLT));
		worker = fixture.startWorker("--hubsync.worker.inbound.linger=1s", "--hubsync.worker.guard.max-deletions=5",
				"--hubsync.worker.outbound.enabled=false", "--hubsync.hubspot.retry.initial-backoff=20ms",
				"--hubsync.hubspot.retry.max-backoff=100ms", "--hubsync.worker.retry.initial-backoff=200ms",
				"--logging.level.dev.hubsync=INFO", "--hubsync.admin.api-key=" + ADMIN_KEY,
				"--hubsync.admin.allow-weak-keys=true");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void aContactCreatedInHubSpotBecomesALeadAndIsStampedWithItsKey() throws Exception {
		HubSpotObject contact = createContact("Ada.Lovelace@Example.com", "Ada", "Lovelace", "(415) 555-0132",
				"marketingqualifiedlead");
		events.send(List.of(creation(contact)));
		Map<String, Object> lead = awaitLead("ada.lovelace@example.com");
		assertThat(lead).containsEntry("first_name", "Ada")
			.containsEntry("last_name", "Lovelace")
			.containsEntry("phone", "+14155550132")
			.containsEntry("lifecycle_stage", "mql");
		assertThat(linkOf(contact)).isEqualTo(lead.get("id").toString());
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(read(contact).property("hubsync_record_id")).isEqualTo(lead.get("id").toString()));
		assertThat(read(contact).property("hubsync_source_system")).isEqualTo("hubsync");
		assertThat(resultFor(contact).outcome()).isInstanceOfSatisfying(SyncOutcome.Applied.class,
				(applied) -> assertThat(applied.created()).isTrue());
	}

	@Test
	void aPropertyChangeUpdatesTheRowAndOurOwnEchoIsDroppedWithoutARead() throws Exception {
		HubSpotObject contact = createContact("grace@example.com", "Grace", "Hopper", null, "lead");
		events.send(List.of(creation(contact)));
		awaitLead("grace@example.com");
		Instant changedAt = Instant.now();
		user.objects().update("contacts", contact.id(), Map.of("firstname", "Amazing Grace"));
		events.send(List.of(propertyChange(contact, "firstname", "Amazing Grace", changedAt)));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(awaitLead("grace@example.com")).containsEntry("first_name", "Amazing Grace"));
		assertThat(count(
				"SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ? AND outcome = 'applied'"
						+ " AND field = 'firstname' AND platform_value = 'Grace' AND hubspot_value = 'Amazing Grace'",
				Long.parseLong(contact.id())))
			.isEqualTo(1);
		int reads = batchReads();
		double echoesBefore = echoesCounted();
		List<String> echoes = new ArrayList<>();
		for (String property : List.of("firstname", "lastname", "phone")) {
			echoes.add(dev.hubsync.worker.support.Events.event("contact.propertyChange", Long.parseLong(contact.id()),
					Instant.now(), Map.of("propertyName", property, "propertyValue", "Echo", "changeSource",
							"INTEGRATION", "sourceId", String.valueOf(HubSpotEmulator.APP_ID))));
		}
		events.send(echoes);
		// the echoes of one record in a batch share one result (three events in one
		// result, or fewer each where a poll split them), and the counter counts events
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(results(contact).stream()
				.filter((result) -> result.outcome() instanceof SyncOutcome.Echo)
				.mapToInt((result) -> echoEvents((SyncOutcome.Echo) result.outcome()))
				.sum()).isEqualTo(3));
		assertThat(echoesCounted() - echoesBefore).isEqualTo(3);
		assertThat(batchReads()).isEqualTo(reads);
		assertThat(awaitLead("grace@example.com")).containsEntry("first_name", "Amazing Grace");
	}

	@Test
	void fiftyChangesOfOneContactInABurstCostTwoBatchReads() throws Exception {
		HubSpotObject contact = createContact("burst@example.com", "Burst", "Zero", null, "lead");
		int before = batchReads();
		List<String> burst = new ArrayList<>();
		burst.add(creation(contact));
		Instant base = Instant.now();
		for (int i = 1; i < 50; i++) {
			burst.add(propertyChange(contact, "lastname", "Change " + i, base.plusMillis(i)));
		}
		user.objects().update("contacts", contact.id(), Map.of("lastname", "Change 49"));
		events.send(burst);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(awaitLead("burst@example.com")).containsEntry("last_name", "Change 49"));
		// one read of the record for the batch, and one of its stamp, again, under the
		// lock the outbound direction takes before it stamps (a product edit of the new
		// row may have stamped it meanwhile)
		await().atMost(WAIT).untilAsserted(() -> assertThat(read(contact).property("hubsync_record_id")).isNotNull());
		assertThat(batchReads() - before).isEqualTo(2);
	}

	@Test
	void duplicatedAndReorderedEventsChangeNothingExtra() throws Exception {
		HubSpotObject contact = createContact("dupes@example.com", "Dup", "Licate", null, "lead");
		String creation = creation(contact);
		events.send(List.of(creation));
		awaitLead("dupes@example.com");
		user.objects().update("contacts", contact.id(), Map.of("lastname", "Newest"));
		String newer = propertyChange(contact, "lastname", "Newest", Instant.now());
		String older = propertyChange(contact, "lastname", "Stale", Instant.now().minusSeconds(60));
		events.send(List.of(newer, older, newer, creation));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(awaitLead("dupes@example.com")).containsEntry("last_name", "Newest"));
		await().atMost(WAIT).untilAsserted(() -> assertThat(processed(older)).isTrue());
		// one outcome per record and batch, however many events it had
		assertThat(results(contact)).hasSizeLessThanOrEqualTo(3);
		long logRows = count("SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ?",
				Long.parseLong(contact.id()));
		events.send(List.of(newer, older, creation));
		String marker = propertyChange(contact, "firstname", "Dup", Instant.now());
		events.send(List.of(marker));
		await().atMost(WAIT).untilAsserted(() -> assertThat(processed(marker)).isTrue());
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ?", Long.parseLong(contact.id())))
			.isEqualTo(logRows);
		assertThat(count("SELECT count(*) FROM public.leads WHERE lower(email) = ?", "dupes@example.com")).isEqualTo(1);
	}

	@Test
	void anExistingLeadWithTheSameEmailInAnotherCaseIsLinkedNotDuplicated() throws Exception {
		String key = insertLead("Linda.Existing@Example.COM", "Linda", "Existing");
		HubSpotObject contact = createContact("linda.existing@example.com", "Linda", "Existing", null, "lead");
		events.send(List.of(creation(contact)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(linkOf(contact)).isEqualTo(key));
		assertThat(count("SELECT count(*) FROM public.leads WHERE lower(email) = ?", "linda.existing@example.com"))
			.isEqualTo(1);
	}

	@Test
	void theCreationRaceEndsAsOnePair() throws Exception {
		String key = insertLead("race@example.com", "Race", "Condition");
		// the outbound side created the contact carrying the platform key; its webhook
		// comes before the link exists
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "race-in-hubspot@example.com", "firstname", "Race", "lastname",
					"Condition", "hubsync_record_id", key), null);
		events.send(List.of(creation(contact)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(linkOf(contact)).isEqualTo(key));
		assertThat(count("SELECT count(*) FROM public.leads WHERE first_name = 'Race'")).isEqualTo(1);
	}

	@Test
	void aFirstLinkConflictGoesToTheLaterChangeWithBothValuesLogged() throws Exception {
		// the product's value is the later one (its row changed after HubSpot's value was
		// set): it stays, and the lead goes to the outbound direction to be written
		execute("INSERT INTO public.leads (email, last_name, updated_at) VALUES"
				+ " ('conflict.later@example.com', 'FromPlatform', now() + interval '1 minute')");
		HubSpotObject contact = createContact("conflict.later@example.com", "Con", "FromHubSpot", null, "lead");
		events.send(List.of(creation(contact)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count(
					"SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ? AND outcome = 'conflict' AND field = 'lastname'"
							+ " AND platform_value = 'FromPlatform' AND hubspot_value = 'FromHubSpot' AND winner = 'platform'",
					Long.parseLong(contact.id())))
				.isEqualTo(1));
		assertThat(awaitLead("conflict.later@example.com")).containsEntry("last_name", "FromPlatform")
			.containsEntry("first_name", "Con");
		// HubSpot's value is the later one (the row was last changed an hour ago): it
		// wins
		execute("INSERT INTO public.leads (email, last_name, updated_at) VALUES"
				+ " ('conflict.earlier@example.com', 'FromPlatform', now() - interval '1 hour')");
		HubSpotObject other = createContact("conflict.earlier@example.com", "Con", "LaterInHubSpot", null, "lead");
		events.send(List.of(creation(other)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(awaitLead("conflict.earlier@example.com")).containsEntry("last_name",
					"LaterInHubSpot"));
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ? AND outcome = 'conflict'"
				+ " AND hubspot_value = 'LaterInHubSpot' AND winner = 'hubspot'", Long.parseLong(other.id())))
			.isEqualTo(1);
	}

	@Test
	void aConflictWhoseProductChangeIsStillOnItsWayIsLeftToTheOutboundDirection() throws Exception {
		HubSpotObject contact = createContact("conflict.pending@example.com", "Con", "Flict", null, "lead");
		events.send(List.of(creation(contact)));
		String key = awaitLead("conflict.pending@example.com").get("id").toString();
		// both change it; the product's change event is not processed (outbound is off
		// here): the inbound direction cannot know the product's change time, and keeps
		// both values as they are
		execute("UPDATE public.leads SET last_name = 'FromPlatform' WHERE id = ?::uuid", key);
		user.objects().update("contacts", contact.id(), Map.of("lastname", "FromHubSpot"));
		events.send(List.of(propertyChange(contact, "lastname", "FromHubSpot", Instant.now())));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ? AND"
					+ " outcome = 'deferred' AND field = 'lastname'", Long.parseLong(contact.id())))
				.isEqualTo(1));
		assertThat(awaitLead("conflict.pending@example.com")).containsEntry("last_name", "FromPlatform");
	}

	@Test
	void archiveAndRestoreFollowHubSpot() throws Exception {
		HubSpotObject contact = createContact("archive@example.com", "Arch", "Ive", null, "lead");
		events.send(List.of(creation(contact)));
		String key = awaitLead("archive@example.com").get("id").toString();
		user.objects().archive("contacts", contact.id());
		events.send(List.of(Events.event("contact.deletion", Long.parseLong(contact.id()), Instant.now(), Map.of())));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					count("SELECT count(*) FROM public.leads WHERE id = ?::uuid AND deleted_at IS NOT NULL", key))
				.isEqualTo(1));
		emulator.admin().restore("contacts", contact.id());
		events.send(List.of(Events.event("contact.restore", Long.parseLong(contact.id()), Instant.now(), Map.of())));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					count("SELECT count(*) FROM public.leads WHERE id = ?::uuid AND deleted_at IS NULL", key))
				.isEqualTo(1));
	}

	@Test
	void aMergeMovesTheLinkToTheSurvivingRecord() throws Exception {
		HubSpotObject primary = createContact("merge-a@example.com", "Merge", "Primary", null, "lead");
		HubSpotObject absorbed = createContact("merge-b@example.com", "Merge", "Absorbed", null, "lead");
		events.send(List.of(creation(primary), creation(absorbed)));
		String primaryKey = awaitLead("merge-a@example.com").get("id").toString();
		String absorbedKey = awaitLead("merge-b@example.com").get("id").toString();
		HubSpotObject merged = user.objects().merge("contacts", primary.id(), absorbed.id());
		long newId = Long.parseLong(merged.id());
		events.send(List.of(mergeEvent(Long.parseLong(primary.id()), primary, absorbed, newId), Events
			.event("contact.deletion", Long.parseLong(absorbed.id()), Instant.now(), Map.of("changeSource", "MERGE"))));
		await().atMost(WAIT).untilAsserted(() -> assertThat(linkedKey(newId)).isIn(primaryKey, absorbedKey));
		assertThat(count("SELECT count(*) FROM public.leads WHERE id IN (?::uuid, ?::uuid) AND deleted_at IS NULL",
				primaryKey, absorbedKey))
			.as("a merge is not a deletion")
			.isEqualTo(2);
		if (newId != Long.parseLong(primary.id())) {
			assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'merge' AND hubspot_id IN (?, ?)",
					Long.parseLong(primary.id()), Long.parseLong(absorbed.id())))
				.isEqualTo(1);
		}
	}

	@Test
	void aMergeOfRecordsNeitherOfWhichWasLinkedBringsTheSurvivorToTheProduct() throws Exception {
		// two contacts made in HubSpot whose creation webhooks are late (or lost), merged
		// before either reached the product: only the merge's event comes
		UnlinkedMerge merge = mergedBeforeEitherReachedTheProduct("unlinked-merge");
		events.send(List.of(merge.event()));
		// the survivor is read and applied as a new record: a row, linked to it
		merge.awaitSurvivorLinkedToTheFirstsRow();
		// the merged-away records' late creations change nothing
		HubSpotObject absorbed = merge.absorbed();
		events.send(List.of(creation(merge.primary()), creation(absorbed)));
		await().atMost(WAIT)
			.until(() -> count("SELECT count(*) FROM hubsync.processed_event WHERE identity LIKE ?",
					"%:contact.creation:" + absorbed.id() + ":%") > 0);
		assertThat(count("SELECT count(*) FROM public.leads WHERE email LIKE 'unlinked-merge-%@example.com'"))
			.isEqualTo(1);
	}

	@Test
	void aMergeWhoseSurvivorsReadFailsIsAppliedWhenTheBatchIsRetried() throws Exception {
		UnlinkedMerge merge = mergedBeforeEitherReachedTheProduct("retried-merge");
		// the survivor's read fails past the client's retries after the merge's links
		// were handled: the batch is retried, and the merge's event is not taken for done
		emulator.admin().failNext("POST", PATHS.objectsBatch("contacts", "read"), 503, 9);
		try {
			events.send(List.of(merge.event()));
			await().atMost(WAIT)
				.until(() -> emulator.admin().answered("POST", PATHS.objectsBatch("contacts", "read"), 503) >= 9);
		}
		finally {
			emulator.admin().clearFaults();
		}
		merge.awaitSurvivorLinkedToTheFirstsRow();
	}

	/**
	 * Two contacts made in HubSpot ({@code <name>-a@example.com}, then {@code -b}) and
	 * merged there before either reached the product (their creation webhooks late or
	 * lost).
	 */
	private static UnlinkedMerge mergedBeforeEitherReachedTheProduct(String name) {
		HubSpotObject primary = createContact(name + "-a@example.com", "Merged", "Primary", null, "lead");
		HubSpotObject absorbed = createContact(name + "-b@example.com", "Merged", "Absorbed", null, "lead");
		long survivor = Long.parseLong(user.objects().merge("contacts", primary.id(), absorbed.id()).id());
		return new UnlinkedMerge(name, primary, absorbed, survivor);
	}

	private record UnlinkedMerge(String name, HubSpotObject primary, HubSpotObject absorbed, long survivor) {

		/** The merge's webhook, as HubSpot sends it for the survivor. */
		String event() {
			return mergeEvent(this.survivor, this.primary, this.absorbed, this.survivor);
		}

		/** Waits until the survivor is linked to a row, the one made for the first. */
		void awaitSurvivorLinkedToTheFirstsRow() {
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(linkedKey(this.survivor))
					.isEqualTo(awaitLead(this.name + "-a@example.com").get("id").toString()));
		}

	}

	@Test
	void aPrivacyDeletionErasesThePersonAndTheirLog() throws Exception {
		HubSpotObject contact = createContact("forget-me@example.com", "Forget", "Me", null, "lead");
		events.send(List.of(creation(contact)));
		String key = awaitLead("forget-me@example.com").get("id").toString();
		events.send(List
			.of(Events.event("contact.privacyDeletion", Long.parseLong(contact.id()), Instant.now(), Map.of())));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM public.leads WHERE id = ?::uuid", key)).isZero());
		assertThat(count("SELECT count(*) FROM hubsync.link WHERE platform_key = ?", key)).isZero();
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE platform_key = ? OR hubspot_id = ?", key,
				Long.parseLong(contact.id())))
			.isZero();
	}

	@Test
	void massDeletionsTripTheGuardAndAreParked() throws Exception {
		List<HubSpotObject> companies = new ArrayList<>();
		List<String> creations = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			HubSpotObject company = user.objects().create("companies", Map.of("name", "Doomed " + i), null);
			companies.add(company);
			creations.add(Events.event("company.creation", Long.parseLong(company.id()), Instant.now(), Map.of()));
		}
		events.send(creations);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count("SELECT count(*) FROM public.companies WHERE name LIKE 'Doomed %'"))
				.isEqualTo(7));
		// deleted in HubSpot (a deletion is confirmed against HubSpot before it is
		// applied)
		user.batch().archive("companies", companies.stream().map(HubSpotObject::id).toList());
		List<String> deletions = new ArrayList<>();
		for (HubSpotObject company : companies) {
			deletions.add(Events.event("company.deletion", Long.parseLong(company.id()), Instant.now(), Map.of()));
		}
		events.send(deletions);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'deletion'"))
				.isEqualTo(2));
		assertThat(count("SELECT count(*) FROM public.companies WHERE name LIKE 'Doomed %' AND deleted_at IS NOT NULL"))
			.isEqualTo(5);
		assertThat(admin("GET", "/api/guard", ADMIN_KEY).body()).contains("\"parkedDeletions\":2");
		java.net.http.HttpResponse<String> released = admin("POST", "/api/guard/companies/release", ADMIN_KEY);
		assertThat(released.statusCode()).isEqualTo(200);
		assertThat(released.body()).contains("\"archived\":2");
		assertThat(count("SELECT count(*) FROM public.companies WHERE name LIKE 'Doomed %' AND deleted_at IS NOT NULL"))
			.isEqualTo(7);
		assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'deletion' AND resolved_at IS NULL"))
			.isZero();
	}

	@Test
	void aPausedObjectTypeParksItsEventsAndResumeReleasesThemInOrder() throws Exception {
		assertThat(admin("POST", "/api/inbound/deals/pause", null).statusCode()).isEqualTo(401);
		assertThat(admin("POST", "/api/inbound/deals/pause", ADMIN_KEY).statusCode()).isEqualTo(200);
		HubSpotObject deal = user.objects()
			.create("deals", Map.of("dealname", "Paused deal", "amount", "1500.50", "dealstage", "closedwon",
					"pipeline", "default", "closedate", "2026-12-31"), null);
		events.send(List.of(Events.event("deal.creation", Long.parseLong(deal.id()), Instant.now(), Map.of())));
		await().atMost(WAIT).untilAsserted(() -> {
			poll();
			synchronized (seen) {
				assertThat(seen).filteredOn((result) -> result.key().equals("100000:0-3:" + deal.id()))
					.singleElement()
					.satisfies((result) -> assertThat(result.outcome()).isInstanceOf(SyncOutcome.Parked.class));
			}
		});
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM hubsync.parked_event WHERE object_type_id = '0-3'"))
						.isEqualTo(1));
		assertThat(count("SELECT count(*) FROM public.deals WHERE name = 'Paused deal'")).isZero();
		assertThat(admin("GET", "/api/status", ADMIN_KEY).body()).contains("\"inbound\":[\"0-3\"]");
		java.net.http.HttpResponse<String> resumed = admin("POST", "/api/inbound/deals/resume", ADMIN_KEY);
		assertThat(resumed.body()).contains("\"released\":1");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(row("SELECT amount::text AS amount, stage, close_date::text AS close_date"
					+ " FROM public.deals WHERE name = 'Paused deal'"))
				.containsEntry("amount", "1500.50")
				.containsEntry("stage", "closedwon")
				.containsEntry("close_date", "2026-12-31"));
		assertThat(count("SELECT count(*) FROM hubsync.parked_event")).isZero();
	}

	@Test
	void thePollerHealsAChangeWhoseWebhookNeverArrived() throws Exception {
		HubSpotObject contact = createContact("dropped-webhook@example.com", "Dropped", "Webhook", null, "lead");
		// no event is sent: HubSpot gave up on the delivery
		dev.hubsync.worker.poller.ReconciliationPoller poller = worker
			.getBean(dev.hubsync.worker.poller.ReconciliationPoller.class);
		// HubSpot's search index trails writes (the emulator's too): poll until it shows
		await().atMost(WAIT).until(() -> {
			poller.poll();
			return row("SELECT 1 FROM public.leads WHERE email = 'dropped-webhook@example.com'") != null;
		});
		Map<String, Object> lead = awaitLead("dropped-webhook@example.com");
		assertThat(lead).containsEntry("first_name", "Dropped");
		assertThat(resultFor(contact).outcome()).isInstanceOf(SyncOutcome.Applied.class);
		io.micrometer.core.instrument.MeterRegistry meters = worker
			.getBean(io.micrometer.core.instrument.MeterRegistry.class);
		assertThat(meters.get("hubsync.worker.poller.healed").tag("object_type", "contacts").counter().count())
			.isGreaterThanOrEqualTo(1);
		// a second run finds nothing new for it (the stamp of hubsync_record_id advanced
		// the link)
		long published = count("SELECT count(*) FROM hubsync.processed_event WHERE identity LIKE ?",
				"poll:0-1:" + contact.id() + ":%");
		poller.poll();
		assertThat(count("SELECT count(*) FROM hubsync.processed_event WHERE identity LIKE ?",
				"poll:0-1:" + contact.id() + ":%"))
			.isEqualTo(published);
	}

	@Test
	void a429StormAndServerErrorsDelayButLoseNothing() throws Exception {
		List<HubSpotObject> contacts = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			contacts.add(createContact("storm" + i + "@example.com", "Storm", "Number " + i, null, "lead"));
		}
		// more consecutive failures than the client retries: the batch itself is retried
		emulator.admin()
			.faults(Map.of("storm429", Map.of("requests", 15), "rules", List.of(Map.of("method", "POST", "path",
					PATHS.objectsBatch("contacts", "read"), "errorRate", 1.0, "status", 503, "count", 8))));
		try {
			events.send(contacts.stream().map(InboundIT::creation).toList());
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(
						count("SELECT count(*) FROM public.leads WHERE email LIKE 'storm%@example.com'"))
					.isEqualTo(20));
		}
		finally {
			emulator.admin().clearFaults();
		}
		assertThat(count("SELECT count(DISTINCT lower(email)) FROM public.leads WHERE email LIKE 'storm%@example.com'"))
			.isEqualTo(20);
		assertThat(emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "read")))
			.extracting(dev.hubsync.emulator.testing.EmulatorAdmin.Request::status)
			.contains(429, 503, 200);
	}

	@Test
	void associationsBecomeForeignKeysOnceBothEndsAreLinked() throws Exception {
		HubSpotObject company = user.objects().create("companies", Map.of("name", "Analytical Engines Ltd"), null);
		HubSpotObject contact = createContact("charles@example.com", "Charles", "Babbage", null, "lead");
		user.associations()
			.associate("contacts", contact.id(), "companies", company.id(),
					List.of(dev.hubsync.hubspot.associations.AssociationSpec.hubspotDefined(1)));
		// the contact and its association arrive before the company exists on the
		// platform
		events.send(List.of(creation(contact),
				Events.event("contact.associationChange", Long.parseLong(contact.id()), Instant.now(),
						Map.of("associationType", "CONTACT_TO_COMPANY", "fromObjectId", Long.parseLong(contact.id()),
								"toObjectId", Long.parseLong(company.id()), "associationRemoved", false,
								"isPrimaryAssociation", true))));
		awaitLead("charles@example.com");
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(count("SELECT count(*) FROM hubsync.pending_association WHERE hubspot_id = ?",
							Long.parseLong(contact.id())))
						.isEqualTo(1));
		assertThat(awaitLead("charles@example.com").get("company_id")).isNull();
		events.send(List.of(Events.event("company.creation", Long.parseLong(company.id()), Instant.now(), Map.of())));
		await().atMost(WAIT).untilAsserted(() -> {
			Map<String, Object> companyRow = row(
					"SELECT id FROM public.companies WHERE name = 'Analytical Engines Ltd'");
			assertThat(companyRow).isNotNull();
			assertThat(awaitLead("charles@example.com").get("company_id")).isEqualTo(companyRow.get("id"));
		});
		assertThat(count("SELECT count(*) FROM hubsync.pending_association WHERE hubspot_id = ?",
				Long.parseLong(contact.id())))
			.isZero();
	}

	@Test
	void anAssociationChangeArrivingWithAPropertyChangeOfTheSameRecordIsApplied() throws Exception {
		HubSpotObject company = user.objects().create("companies", Map.of("name", "Difference Engines Ltd"), null);
		events.send(List.of(Events.event("company.creation", Long.parseLong(company.id()), Instant.now(), Map.of())));
		HubSpotObject contact = createContact("augusta@example.com", "Augusta", "King", null, "lead");
		events.send(List.of(creation(contact)));
		awaitLead("augusta@example.com");
		await().atMost(WAIT)
			.until(() -> row("SELECT id FROM public.companies WHERE name = 'Difference Engines Ltd'") != null);
		// in HubSpot the contact gets the company and a new first name; both webhooks
		// reach the worker together (a retried delivery, a batch after an outage)
		user.associations()
			.associate("contacts", contact.id(), "companies", company.id(),
					List.of(dev.hubsync.hubspot.associations.AssociationSpec.hubspotDefined(1)));
		Instant changedAt = Instant.now();
		user.objects().update("contacts", contact.id(), Map.of("firstname", "Ada"));
		events.send(List.of(propertyChange(contact, "firstname", "Ada", changedAt),
				Events.event("contact.associationChange", Long.parseLong(contact.id()), changedAt,
						Map.of("associationType", "CONTACT_TO_COMPANY", "fromObjectId", Long.parseLong(contact.id()),
								"toObjectId", Long.parseLong(company.id()), "associationRemoved", false,
								"isPrimaryAssociation", true))));
		await().atMost(WAIT).untilAsserted(() -> {
			Map<String, Object> lead = awaitLead("augusta@example.com");
			assertThat(lead.get("first_name")).isEqualTo("Ada");
			assertThat(lead.get("company_id"))
				.isEqualTo(row("SELECT id FROM public.companies WHERE name = 'Difference Engines Ltd'").get("id"));
		});
	}

	@Test
	void aSimilarLeadWithAnotherEmailIsProposedForReviewNotMerged() throws Exception {
		String key = insertLead("k.lovelace@old-domain.example", "Katherine", "Lovelace");
		HubSpotObject contact = createContact("katherine@new-domain.example", "Katharine", "Lovelace", null, "lead");
		events.send(List.of(creation(contact)));
		awaitLead("katherine@new-domain.example");
		assertThat(count(
				"SELECT count(*) FROM hubsync.review WHERE kind = 'fuzzy' AND platform_key = ? AND hubspot_id = ?", key,
				Long.parseLong(contact.id())))
			.isEqualTo(1);
		assertThat(linkOf(contact)).isNotEqualTo(key);
	}

	/**
	 * HubSpot's {@code contact.merge} webhook of a merge made in its UI.
	 * @param objectId the record the event names
	 */
	private static String mergeEvent(long objectId, HubSpotObject primary, HubSpotObject absorbed, long newId) {
		return Events.event("contact.merge", objectId, Instant.now(),
				Map.of("primaryObjectId", Long.parseLong(primary.id()), "mergedObjectIds",
						List.of(Long.parseLong(absorbed.id())), "newObjectId", newId, "changeSource", "CRM_UI"));
	}

	private static final String ADMIN_KEY = "dev-admin-key";

	private static java.net.http.HttpResponse<String> admin(String method, String path, String key) throws Exception {
		int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) worker).getWebServer()
			.getPort();
		java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + port + path))
			.method(method, java.net.http.HttpRequest.BodyPublishers.noBody());
		if (key != null) {
			request.header("X-HubSync-Api-Key", key);
		}
		return java.net.http.HttpClient.newHttpClient()
			.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	@Test
	void poisonAndUnknownEventsAreDeadLetteredWhileTheirNeighboursProceed() throws Exception {
		HubSpotObject contact = createContact("neighbour@example.com", "Good", "Neighbour", null, "lead");
		String key = "100000:0-1:" + contact.id();
		events.sendRaw(key, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		events.send(List.of(Events.event("contact.teleported", Long.parseLong(contact.id()), Instant.now(), Map.of()),
				creation(contact)));
		awaitLead("neighbour@example.com");
		await().atMost(WAIT).untilAsserted(() -> {
			poll();
			synchronized (dead) {
				assertThat(dead).filteredOn((reason) -> reason.contains("teleported")).hasSize(1);
				assertThat(dead).filteredOn((reason) -> reason.contains("JSON")).isNotEmpty();
			}
		});
	}

	@Test
	void recordsTheProductsDatabaseRefusesAreSetAsideWhileTheOthersAreApplied() throws Exception {
		// legal in HubSpot, refused by the product's columns: a company without a name
		// (companies.name NOT NULL) and a deal of 10^15 (deals.amount numeric(14,2))
		// and a domain longer than a product that keeps it in varchar(30) takes
		execute("ALTER TABLE public.companies ALTER COLUMN domain TYPE varchar(30)");
		HubSpotObject nameless = user.objects().create("companies", Map.of("domain", "nameless.example"), null);
		HubSpotObject longDomain = user.objects()
			.create("companies",
					Map.of("name", "Long Domain", "domain", "a-domain-longer-than-thirty-characters.example"), null);
		HubSpotObject huge = user.objects()
			.create("deals", Map.of("dealname", "Huge deal", "amount", "1000000000000000", "dealstage", "closedwon"),
					null);
		HubSpotObject after = createContact("after-refusals@example.com", "After", "Refusals", null, "lead");
		HubSpotObject deal = user.objects()
			.create("deals", Map.of("dealname", "Ordinary deal", "amount", "10.50", "dealstage", "closedwon"), null);
		events.send(List.of(Events.event("company.creation", Long.parseLong(nameless.id()), Instant.now(), Map.of()),
				Events.event("company.creation", Long.parseLong(longDomain.id()), Instant.now(), Map.of()),
				Events.event("deal.creation", Long.parseLong(huge.id()), Instant.now(), Map.of()), creation(after),
				Events.event("deal.creation", Long.parseLong(deal.id()), Instant.now(), Map.of())));
		awaitLead("after-refusals@example.com");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count("SELECT count(*) FROM public.deals WHERE name = 'Ordinary deal'"))
				.isEqualTo(1));
		await().atMost(WAIT).untilAsserted(() -> {
			poll();
			synchronized (dead) {
				assertThat(dead).anySatisfy((reason) -> assertThat(reason).contains("companies")
					.contains("SQLSTATE 23502")
					.contains("\"name\""));
				assertThat(dead)
					.anySatisfy((reason) -> assertThat(reason).contains("deals").contains("SQLSTATE 22003"));
				assertThat(dead)
					.anySatisfy((reason) -> assertThat(reason).contains("companies").contains("SQLSTATE 22001"));
			}
		});
		assertThat(count("SELECT count(*) FROM public.deals WHERE name = 'Huge deal'")).isZero();
		assertThat(count("SELECT count(*) FROM public.companies WHERE name = 'Long Domain'")).isZero();
		assertThat(count("SELECT count(*) FROM hubsync.link WHERE hubspot_id = ?", Long.parseLong(nameless.id())))
			.isZero();
		// the direction goes on: a contact created afterwards arrives
		HubSpotObject later = createContact("later-still@example.com", "Later", "Still", null, "lead");
		events.send(List.of(creation(later)));
		awaitLead("later-still@example.com");
	}

	@Test
	void anUnmappedLifecycleStageIsRefusedAloneWhileTheContactsOtherFieldsArrive() throws Exception {
		// HubSpot's "subscriber" has no product stage in the demo mapping (unmapped:
		// REJECT)
		HubSpotObject contact = createContact("subscriber@example.com", "Sub", "Scriber", null, "subscriber");
		events.send(List.of(creation(contact)));
		Map<String, Object> lead = awaitLead("subscriber@example.com");
		assertThat(lead).containsEntry("first_name", "Sub").containsEntry("last_name", "Scriber");
		assertThat(lead.get("lifecycle_stage")).isNull();
		assertThat(row("SELECT field FROM hubsync.review WHERE kind = 'field_refused' AND hubspot_id = ?"
				+ " AND resolved_at IS NULL", Long.parseLong(contact.id())))
			.containsEntry("field", "lifecyclestage");
		// a later change of another field still applies
		user.objects().update("contacts", contact.id(), Map.of("lastname", "Later"));
		events.send(List.of(propertyChange(contact, "lastname", "Later", Instant.now())));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(awaitLead("subscriber@example.com")).containsEntry("last_name", "Later"));
		assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused' AND hubspot_id = ?"
				+ " AND resolved_at IS NULL", Long.parseLong(contact.id())))
			.isEqualTo(1);
		// once the stage is one the product has, it syncs and the review closes by itself
		user.objects().update("contacts", contact.id(), Map.of("lifecyclestage", "lead"));
		events.send(List.of(propertyChange(contact, "lifecyclestage", "lead", Instant.now())));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(awaitLead("subscriber@example.com")).containsEntry("lifecycle_stage", "lead"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused'"
					+ " AND hubspot_id = ? AND resolved_at IS NULL", Long.parseLong(contact.id())))
				.isZero());
	}

	// ------------------------------------------------------------------ helpers

	private static final List<String> dead = new ArrayList<>();

	private static HubSpotObject createContact(String email, String first, String last, String phone, String stage) {
		Map<String, String> properties = new HashMap<>();
		properties.put("email", email);
		properties.put("firstname", first);
		properties.put("lastname", last);
		properties.put("lifecyclestage", stage);
		if (phone != null) {
			properties.put("phone", phone);
		}
		return user.objects().create("contacts", properties, null);
	}

	private static HubSpotObject read(HubSpotObject contact) {
		return user.objects()
			.get("contacts", contact.id(),
					ReadOptions.properties(List.of("hubsync_record_id", "hubsync_source_system")))
			.orElseThrow();
	}

	private static String creation(HubSpotObject contact) {
		return Events.event("contact.creation", Long.parseLong(contact.id()), Instant.now(), Map.of());
	}

	private static String propertyChange(HubSpotObject contact, String property, String value, Instant at) {
		return Events.event("contact.propertyChange", Long.parseLong(contact.id()), at,
				Map.of("propertyName", property, "propertyValue", value));
	}

	private static int batchReads() {
		return emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "read")).size();
	}

	private static Map<String, Object> awaitLead(String email) {
		Map<String, Object>[] lead = new Map[1];
		await().atMost(WAIT).until(() -> {
			lead[0] = row("SELECT * FROM public.leads WHERE lower(email) = ?", email);
			return lead[0] != null;
		});
		return lead[0];
	}

	private static String linkOf(HubSpotObject contact) throws SQLException {
		return linkedKey(Long.parseLong(contact.id()));
	}

	private static String linkedKey(long hubspotId) throws SQLException {
		Map<String, Object> link = row(
				"SELECT platform_key FROM hubsync.link WHERE object_type_id = '0-1'" + " AND hubspot_id = ?",
				hubspotId);
		return (link != null) ? (String) link.get("platform_key") : null;
	}

	private static boolean processed(String event) throws SQLException {
		String identity = dev.hubsync.events.hubspot.WebhookEvent.parse(event).identity().value();
		return count("SELECT count(*) FROM hubsync.processed_event WHERE identity = ?", identity) == 1;
	}

	private static SyncResult resultFor(HubSpotObject contact) {
		List<SyncResult>[] found = new List[1];
		await().atMost(WAIT).until(() -> {
			found[0] = results(contact);
			return !found[0].isEmpty();
		});
		return found[0].get(0);
	}

	private static int echoEvents(SyncOutcome.Echo echo) {
		java.util.regex.Matcher events = java.util.regex.Pattern.compile("\\((\\d+) events\\)").matcher(echo.reason());
		return events.find() ? Integer.parseInt(events.group(1)) : 1;
	}

	private static double echoesCounted() {
		return worker.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.find("hubsync.worker.outcomes")
			.tags("direction", "inbound", "outcome", "echo")
			.counters()
			.stream()
			.mapToDouble(io.micrometer.core.instrument.Counter::count)
			.sum();
	}

	private static List<SyncResult> results(HubSpotObject contact) {
		poll();
		String key = "100000:0-1:" + contact.id();
		synchronized (seen) {
			return seen.stream().filter((result) -> result.key().equals(key)).toList();
		}
	}

	private static synchronized void poll() {
		for (ConsumerRecord<String, byte[]> record : results.poll(Duration.ofMillis(200))) {
			if (record.topic().equals(Topics.SYNC_RESULTS)) {
				synchronized (seen) {
					seen.add(RESULTS.decode(record.value()));
				}
			}
			else {
				Header reason = record.headers().lastHeader(EventHeaders.DLT_REASON);
				synchronized (dead) {
					dead.add((reason != null) ? new String(reason.value(), java.nio.charset.StandardCharsets.UTF_8)
							: "");
				}
			}
		}
	}

	private static String insertLead(String email, String first, String last) throws SQLException {
		Map<String, Object> row = row(
				"INSERT INTO public.leads (email, first_name, last_name) VALUES (?, ?, ?) RETURNING id::text AS id",
				email, first, last);
		return (String) row.get("id");
	}

	private static void execute(String sql, Object... params) throws SQLException {
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			statement.execute();
		}
	}

	private static long count(String sql, Object... params) throws SQLException {
		Map<String, Object> row = row(sql, params);
		return ((Number) row.values().iterator().next()).longValue();
	}

	private static Map<String, Object> row(String sql, Object... params) throws SQLException {
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				Map<String, Object> row = new java.util.LinkedHashMap<>();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
				}
				return row;
			}
		}
	}

}
