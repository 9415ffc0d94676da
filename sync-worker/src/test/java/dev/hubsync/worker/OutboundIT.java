package dev.hubsync.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.emulator.testing.EmulatorAdmin;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociationSpec;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbound direction driven through its input topic with changes shaped as the
 * publisher publishes them, against the in-process emulator, a real PostgreSQL and a real
 * Kafka broker.
 */
@EmbeddedInfra
class OutboundIT {

	/**
	 * The paths the worker calls in the default API version, as the emulator logs them.
	 */
	private static final ApiPaths PATHS = ApiPaths.defaults();

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static WorkerFixture fixture;

	private static final AtomicLong LSN = new AtomicLong(1_000_000);

	private static final String OUTBOUND_GROUP = "outbound-it-" + UUID.randomUUID();

	private static final HttpClient http = HttpClient.newHttpClient();

	private static HubSpotEmulator emulator;

	private static ConfigurableApplicationContext worker;

	private static HubSpotClient user;

	private static KafkaProducer<String, byte[]> producer;

	private static KafkaConsumer<String, byte[]> deadLetters;

	private static final List<String> dead = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		// the emulator's log level is left at INFO (the JVM's logging is shared)
		fixture = WorkerFixture.onSharedBroker(Map.of("logging.level.root", "INFO"));
		emulator = fixture.emulator();
		user = fixture.user();
		producer = fixture.closing(
				new KafkaProducer<>(
						Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers(),
								ProducerConfig.LINGER_MS_CONFIG, 20),
						new StringSerializer(), new ByteArraySerializer()));
		deadLetters = fixture.closing(new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer()));
		deadLetters.subscribe(List.of(Topics.LOCAL_CHANGES_DLT));
		worker = fixture.closing(startWorker());
	}

	private static ConfigurableApplicationContext startWorker() {
		return Workers.start(fixture.database(), emulator.baseUrl(), "--hubsync.worker.outbound.linger=1s",
				"--hubsync.worker.inbound.group-id=outbound-it-inbound",
				"--hubsync.worker.outbound.group-id=" + OUTBOUND_GROUP, "--hubsync.worker.retry.initial-backoff=100ms",
				"--hubsync.worker.retry.max-backoff=1s", "--hubsync.worker.bulk.progress-interval=200ms",
				"--hubsync.worker.bulk.page-size=50", "--hubsync.worker.bulk.max-ahead=40",
				"--hubsync.worker.bulk.ahead-check-interval=50ms", "--hubsync.admin.api-key=it-key",
				"--hubsync.admin.allow-weak-keys=true", "--hubsync.hubspot.retry.initial-backoff=20ms");
	}

	@AfterAll
	static void stop() throws Exception {
		// the worker a test restarted, then the bundle (with the first worker)
		Workers.closeAll(worker, fixture);
	}

	@Test
	void aNewLeadBecomesAContactCarryingItsKey() throws Exception {
		String key = insertLead("New.Lead@Example.com", "New", "Lead", "(415) 555-0100");
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		HubSpotObject contact = awaitContact(key);
		assertThat(contact.properties()).containsEntry("email", "new.lead@example.com")
			.containsEntry("firstname", "New")
			.containsEntry("phone", "+14155550100")
			.containsEntry("lifecyclestage", "lead")
			.containsEntry("hubsync_record_id", key)
			.containsEntry("hubsync_source_system", "hubsync");
		// the default API version, 2026-09: the worker calls no legacy path
		assertThat(emulator.admin().requests(null, "/crm/")).isNotEmpty()
			.allSatisfy(
					(request) -> assertThat(request.path()).doesNotStartWith("/crm/v3/").doesNotStartWith("/crm/v4/"))
			.anySatisfy((request) -> assertThat(request.path()).startsWith(PATHS.objects("contacts")));
	}

	@Test
	void changesOfManyRecordsCostOneCallPerHundredAndOnlyChangedFieldsAreSent() throws Exception {
		List<String> keys = new ArrayList<>();
		List<ProducerRecord<String, byte[]>> creates = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			String key = insertLead("many" + i + "@example.com", "Many", "Number " + i, null);
			keys.add(key);
			creates.add(change("leads", key, ChangeOp.CREATE, null, lead(key), false));
		}
		send(creates);
		await().atMost(WAIT).untilAsserted(() -> assertThat(links(keys)).isEqualTo(150));
		int updatesBefore = emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "update")).size();
		List<ProducerRecord<String, byte[]>> updates = new ArrayList<>();
		for (String key : keys) {
			Row before = lead(key);
			execute("UPDATE public.leads SET last_name = 'Renamed' WHERE id = ?::uuid", key);
			updates.add(change("leads", key, ChangeOp.UPDATE, before, lead(key), false));
		}
		send(updates);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(read(keys.get(149)).property("lastname")).isEqualTo("Renamed"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(read(keys.get(0)).property("lastname")).isEqualTo("Renamed"));
		int calls = emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "update")).size() - updatesBefore;
		assertThat(calls).isBetween(2, 3);
	}

	@Test
	void theSyncsOwnChangesAndChangesOfUnmappedColumnsWriteNothing() throws Exception {
		String key = insertLead("quiet@example.com", "Quiet", "Lead", null);
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		awaitContact(key);
		int writes = writes();
		Row before = lead(key);
		execute("UPDATE public.leads SET first_name = 'Written by the sync' WHERE id = ?::uuid", key);
		Row origin = lead(key);
		execute("UPDATE public.leads SET created_at = now() - interval '1 day' WHERE id = ?::uuid", key);
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, origin, true),
				change("leads", key, ChangeOp.UPDATE, origin, lead(key), false)));
		String marker = insertLead("quiet-marker@example.com", "Marker", "Lead", null);
		send(List.of(change("leads", marker, ChangeOp.CREATE, null, lead(marker), false)));
		awaitContact(marker);
		assertThat(writes()).isEqualTo(writes + 1);
		assertThat(read(key).property("firstname")).isEqualTo("Quiet");
	}

	@Test
	void aValueHubSpotRefusesIsRefusedAloneAndTheRecordIsWrittenWithTheRest() throws Exception {
		// HubSpot has no such industry option: the company is made without it, the value
		// is reviewed, and its neighbours are written as they are
		String good = insertCompany("Good Industries", "RETAIL");
		String bad = insertCompany("Bad Industries", "NOT_AN_INDUSTRY");
		String fine = insertCompany("Fine Industries", "ACCOUNTING");
		send(List.of(change("companies", good, ChangeOp.CREATE, null, company(good), false),
				change("companies", bad, ChangeOp.CREATE, null, company(bad), false),
				change("companies", fine, ChangeOp.CREATE, null, company(fine), false)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(linkedCompanies(List.of(good, bad, fine))).isEqualTo(3));
		assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused' AND field = 'industry'"
				+ " AND resolved_at IS NULL AND platform_key = ANY(?)", List.of(bad)))
			.isEqualTo(1);
		String badId = String
			.valueOf(row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", bad).get("hubspot_id"));
		assertThat(user.objects()
			.get("companies", badId, ReadOptions.properties(List.of("name", "industry")))
			.orElseThrow()
			.properties()).containsEntry("name", "Bad Industries")
			.satisfies((company) -> assertThat(company.get("industry")).isNullOrEmpty());
		// and on an update: the name goes, the industry is refused again
		Row before = company(good);
		execute("UPDATE public.companies SET name = 'Good Renamed', industry = 'STILL_NOT_ONE' WHERE id = ?::uuid",
				good);
		send(List.of(change("companies", good, ChangeOp.UPDATE, before, company(good), false)));
		String goodId = String
			.valueOf(row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", good).get("hubspot_id"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.objects()
				.get("companies", goodId, ReadOptions.properties(List.of("name", "industry")))
				.orElseThrow()
				.properties()).containsEntry("name", "Good Renamed").containsEntry("industry", "RETAIL"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count(
					"SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused'"
							+ " AND field = 'industry' AND resolved_at IS NULL AND platform_key = ANY(?)",
					List.of(good)))
				.isEqualTo(1));
		readDeadLetters();
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).startsWith("companies:" + good));
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).startsWith("companies:" + bad));
		// fixed in the product: the value syncs and the review closes by itself
		Row refusedBefore = company(bad);
		execute("UPDATE public.companies SET industry = 'ACCOUNTING' WHERE id = ?::uuid", bad);
		send(List.of(change("companies", bad, ChangeOp.UPDATE, refusedBefore, company(bad), false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused'"
					+ " AND resolved_at IS NULL AND platform_key = ANY(?)", List.of(bad)))
				.isZero());
		assertThat(user.objects()
			.get("companies", badId, ReadOptions.properties(List.of("industry")))
			.orElseThrow()
			.properties()).containsEntry("industry", "ACCOUNTING");
	}

	@Test
	void aLeadWhoseEmailHubSpotRefusesIsSetAsideWithTheReasonWhileTheOthersAreWritten() throws Exception {
		// an address the product and HubSync's transform take (local@domain) and HubSpot
		// refuses (no dot in the domain): the match key, so the record is set aside whole
		String before = insertLead("refused-before@example.com", "Before", "Refused", null);
		String bad = insertLead("nobody@localhost", "Nobody", "Local", null);
		String after = insertLead("refused-after@example.com", "After", "Refused", null);
		send(List.of(change("leads", before, ChangeOp.CREATE, null, lead(before), false),
				change("leads", bad, ChangeOp.CREATE, null, lead(bad), false),
				change("leads", after, ChangeOp.CREATE, null, lead(after), false)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(links(List.of(before, after))).isEqualTo(2));
		awaitDeadLetter("leads:" + bad, "INVALID_EMAIL");
		assertThat(links(List.of(bad))).isZero();
	}

	@Test
	void aLeadWithoutAValueHubSpotRequiresOnCreateIsSetAsideWithHubSpotsMessageWhileTheOthersBecomeContacts()
			throws Exception {
		// from 2026-09 HubSpot enforces the portal's required fields on API writes and
		// names
		// the missing property only in the refused input's error details
		emulator.admin().requireOnCreate("contacts", "firstname");
		try {
			String first = insertLead("required-first@example.com", "First", "Required", null);
			String bad = insertLead("required-nameless@example.com", null, "Nameless", null);
			String last = insertLead("required-last@example.com", "Last", "Required", null);
			send(List.of(change("leads", first, ChangeOp.CREATE, null, lead(first), false),
					change("leads", bad, ChangeOp.CREATE, null, lead(bad), false),
					change("leads", last, ChangeOp.CREATE, null, lead(last), false)));
			await().atMost(WAIT).untilAsserted(() -> assertThat(links(List.of(first, last))).isEqualTo(2));
			awaitDeadLetter("leads:" + bad, "A value for firstname must be provided");
			assertThat(links(List.of(bad))).isZero();
			assertThat(contactsWithEmailLike("required-nameless")).isZero();
			assertThat(read(first).properties()).containsEntry("firstname", "First");
		}
		finally {
			emulator.admin().requireOnCreate("contacts");
		}
	}

	@Test
	void aNewLeadWithValuesThatDoNotConvertBecomesAContactWithItsOtherFields() throws Exception {
		// an unmapped lifecycle stage and a phone that is no number: refused alone, the
		// contact is made with the rest, and each refusal is reviewed
		String key = (String) row("INSERT INTO public.leads (email, first_name, last_name, phone, lifecycle_stage)"
				+ " VALUES ('partly@example.com', 'Partly', 'Made', 'call me', 'evangelist') RETURNING id::text AS id")
			.get("id");
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(links(List.of(key))).isEqualTo(1));
		String id = String
			.valueOf(row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", key).get("hubspot_id"));
		Map<String, String> contact = user.objects()
			.get("contacts", id, ReadOptions.properties(List.of("firstname", "lastname", "phone", "lifecyclestage")))
			.orElseThrow()
			.properties();
		assertThat(contact).containsEntry("firstname", "Partly").containsEntry("lastname", "Made");
		assertThat(contact.get("phone")).isNullOrEmpty();
		assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused' AND platform_key = ANY(?)"
				+ " AND resolved_at IS NULL AND field IN ('phone', 'lifecyclestage')", List.of(key)))
			.isEqualTo(2);
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE platform_key = ANY(?) AND outcome = 'refused'",
				List.of(key)))
			.isEqualTo(2);
	}

	@Test
	void aBatchHubSpotRefusesWholeIsBisectedToTheOneBadRecord() throws Exception {
		// HubSpot refuses a whole batch for one bad input when the inputs carry no trace
		// ids; the emulator does so on request even though HubSync sends them
		emulator.admin().faults(Map.of("ignoreTraceIds", true));
		try {
			List<String> good = new ArrayList<>();
			String bad = null;
			List<ProducerRecord<String, byte[]>> creates = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				String key = insertCompany("Bisect " + i, (i == 5) ? "NOT_AN_INDUSTRY" : "RETAIL");
				if (i == 5) {
					bad = key;
				}
				else {
					good.add(key);
				}
				creates.add(change("companies", key, ChangeOp.CREATE, null, company(key), false));
			}
			int before = emulator.admin().requests("POST", PATHS.objectsBatch("companies", "upsert")).size();
			send(creates);
			await().atMost(WAIT).untilAsserted(() -> assertThat(linkedCompanies(good)).isEqualTo(7));
			// the bad one is made without the value HubSpot refused, which is reviewed
			List<String> refused = List.of(bad);
			await().atMost(WAIT).untilAsserted(() -> assertThat(linkedCompanies(refused)).isEqualTo(1));
			assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'field_refused' AND field = 'industry'"
					+ " AND platform_key = ANY(?)", refused))
				.isEqualTo(1);
			List<EmulatorAdmin.Request> upserts = emulator.admin()
				.requests("POST", PATHS.objectsBatch("companies", "upsert"));
			// the refused batch of 8, then halves down to the bad one (at most 1 + 2 *
			// 3),
			// then the bad one again without its refused value
			assertThat(upserts.size() - before).isBetween(4, 8);
			assertThat(upserts.subList(before, upserts.size()))
				.anySatisfy((r) -> assertThat(r.status()).isEqualTo(400));
		}
		finally {
			emulator.admin().clearFaults();
		}
	}

	@Test
	void anInvalidEmailDeadLettersOneRecordWhileItsNinetyNineBatchNeighboursAreWritten() throws Exception {
		List<String> good = new ArrayList<>();
		String bad = null;
		List<ProducerRecord<String, byte[]>> creates = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			boolean invalid = i == 42;
			String key = insertLead(invalid ? "neighbour-42-at-example.com" : "neighbour" + i + "@example.com",
					"Neighbour", "Number " + i, null);
			if (invalid) {
				bad = key;
			}
			else {
				good.add(key);
			}
			creates.add(change("leads", key, ChangeOp.CREATE, null, lead(key), false));
		}
		int upsertsBefore = emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "upsert")).size();
		send(creates);
		await().atMost(WAIT).untilAsserted(() -> assertThat(links(good)).isEqualTo(99));
		awaitDeadLetter("leads:" + bad, "not an email address");
		assertThat(links(List.of(bad))).isZero();
		// the 99 went in one upsert (two when the listener's poll split the burst)
		assertThat(emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "upsert")).size() - upsertsBefore)
			.isBetween(1, 2);
	}

	@Test
	void aSoftDeletedLeadArchivesItsContactAndStaleChangesAreIgnored() throws Exception {
		String key = insertLead("goodbye@example.com", "Good", "Bye", null);
		ProducerRecord<String, byte[]> created = change("leads", key, ChangeOp.CREATE, null, lead(key), false);
		send(List.of(created));
		HubSpotObject contact = awaitContact(key);
		Row before = lead(key);
		execute("UPDATE public.leads SET deleted_at = now() WHERE id = ?::uuid", key);
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, lead(key), false)));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(user.objects().get("contacts", contact.id(), ReadOptions.defaults())).isEmpty());
		int writes = writes();
		send(List.of(created));
		String marker = insertLead("goodbye-marker@example.com", "Marker", "Two", null);
		send(List.of(change("leads", marker, ChangeOp.CREATE, null, lead(marker), false)));
		awaitContact(marker);
		assertThat(writes()).isEqualTo(writes + 1);
	}

	@Test
	void aLifecycleStageMovingBackwardsIsClearedThenSet() throws Exception {
		String key = insertLead("backwards@example.com", "Back", "Wards", null);
		execute("UPDATE public.leads SET lifecycle_stage = 'customer' WHERE id = ?::uuid", key);
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		HubSpotObject contact = awaitContact(key);
		assertThat(contact.property("lifecyclestage")).isEqualTo("customer");
		Row before = lead(key);
		execute("UPDATE public.leads SET lifecycle_stage = 'mql' WHERE id = ?::uuid", key);
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, lead(key), false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(read(key).property("lifecyclestage")).isEqualTo("marketingqualifiedlead"));
	}

	@Test
	void aForeignKeyBecomesTheMappedAssociationAndMovesWithIt() throws Exception {
		String first = insertCompany("First Employer", "RETAIL");
		String second = insertCompany("Second Employer", "ACCOUNTING");
		send(List.of(change("companies", first, ChangeOp.CREATE, null, company(first), false),
				change("companies", second, ChangeOp.CREATE, null, company(second), false)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(linkedCompanies(List.of(first, second))).isEqualTo(2));
		String key = insertLead("employee@example.com", "Em", "Ployee", null);
		execute("UPDATE public.leads SET company_id = ?::uuid WHERE id = ?::uuid", first, key);
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		HubSpotObject contact = awaitContact(key);
		long firstId = companyId(first);
		long secondId = companyId(second);
		await().atMost(WAIT).untilAsserted(() -> assertThat(associatedCompanies(contact)).containsExactly(firstId));
		Row before = lead(key);
		execute("UPDATE public.leads SET company_id = ?::uuid WHERE id = ?::uuid", second, key);
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, lead(key), false)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(associatedCompanies(contact)).containsExactly(secondId));
		assertThat(user.associations().list("contacts", contact.id(), "companies")).singleElement()
			.satisfies((association) -> assertThat(association.hasType(1)).isTrue());
	}

	@Test
	void aRestoredLeadIsRecreatedInHubSpotAndRelinked() throws Exception {
		String key = insertLead("comeback@example.com", "Come", "Back", null);
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		HubSpotObject first = awaitContact(key);
		Row before = lead(key);
		execute("UPDATE public.leads SET deleted_at = now() WHERE id = ?::uuid", key);
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, lead(key), false)));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(user.objects().get("contacts", first.id(), ReadOptions.defaults())).isEmpty());
		before = lead(key);
		execute("UPDATE public.leads SET deleted_at = NULL, first_name = 'Returned' WHERE id = ?::uuid", key);
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, lead(key), false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(row("SELECT hubspot_id, archived FROM hubsync.link WHERE object_type_id ="
					+ " '0-1' AND platform_key = ?", key))
				.containsEntry("archived", false)
				.doesNotContainEntry("hubspot_id", Long.parseLong(first.id())));
		HubSpotObject second = read(key);
		assertThat(second.properties()).containsEntry("email", "comeback@example.com")
			.containsEntry("firstname", "Returned")
			.containsEntry("hubsync_record_id", key);
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE platform_key = ANY(?) AND outcome = 're-created'",
				List.of(key)))
			.isEqualTo(1);
	}

	@Test
	void aLeadWhoseContactWasMergedAwayBeforeTheMergeEventIsWrittenToTheSurvivor() throws Exception {
		String key = insertLead("merged-away@example.com", "Merged", "Away", null);
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		HubSpotObject absorbed = awaitContact(key);
		HubSpotObject primary = user.objects()
			.create("contacts", Map.of("email", "merge-primary@example.com", "firstname", "Primary"), null);
		// merged in HubSpot; the merge event has not reached the worker when the product
		// edits the lead
		long survivor = Long.parseLong(user.objects().merge("contacts", primary.id(), absorbed.id()).id());
		Row before = lead(key);
		execute("UPDATE public.leads SET last_name = 'Followed' WHERE id = ?::uuid", key);
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, lead(key), false)));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(read(String.valueOf(survivor), true).property("lastname")).isEqualTo("Followed"));
		assertThat(row(
				"SELECT hubspot_id, archived FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?", key))
			.containsEntry("hubspot_id", survivor)
			.containsEntry("archived", false);
		assertThat(countOf("SELECT count(*) FROM hubsync.sync_log WHERE platform_key = ? AND direction = 'outbound'"
				+ " AND outcome = 'merged'", key))
			.isEqualTo(1);
		readDeadLetters();
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).startsWith(key));
	}

	@Test
	void twoLeadsWhoseContactsWereMergedIntoOneAreParkedForReviewNotDeadLettered() throws Exception {
		String one = insertLead("merge-one@example.com", "Merge", "One", null);
		String two = insertLead("merge-two@example.com", "Merge", "Two", null);
		send(List.of(change("leads", one, ChangeOp.CREATE, null, lead(one), false),
				change("leads", two, ChangeOp.CREATE, null, lead(two), false)));
		HubSpotObject first = awaitContact(one);
		HubSpotObject second = awaitContact(two);
		long survivor = Long.parseLong(user.objects().merge("contacts", first.id(), second.id()).id());
		List<ProducerRecord<String, byte[]>> edits = new ArrayList<>();
		for (String key : List.of(one, two)) {
			Row before = lead(key);
			execute("UPDATE public.leads SET last_name = 'Edited after the merge' WHERE id = ?::uuid", key);
			edits.add(change("leads", key, ChangeOp.UPDATE, before, lead(key), false));
		}
		send(edits);
		// one row's link follows the merge to the survivor and its edit is written there;
		// the other finds the survivor linked to the first: two rows stand for one
		// record, a person decides (whichever row the worker took first)
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(read(String.valueOf(survivor), true).property("lastname"))
				.isEqualTo("Edited after the merge"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(countOf("SELECT count(*) FROM hubsync.review WHERE kind = 'merge'"
					+ " AND platform_key IN (?, ?) AND resolved_at IS NULL", one, two))
				.isEqualTo(1));
		assertThat(countOf("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND hubspot_id = ?"
				+ " AND NOT archived", survivor))
			.isEqualTo(1);
		readDeadLetters();
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).matches("^(" + one + "|" + two + ").*"));
	}

	@Test
	void aFieldChangedOnBothSidesGoesToTheLaterChange() throws Exception {
		String key = insertLead("both-sides@example.com", "Both", "Sides", null);
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		HubSpotObject contact = awaitContact(key);
		// the platform first, then HubSpot (whose webhook has not been processed):
		// HubSpot's later value stays
		Row before = lead(key);
		execute("UPDATE public.leads SET last_name = 'From the platform' WHERE id = ?::uuid", key);
		user.objects().update("contacts", contact.id(), Map.of("lastname", "From HubSpot"));
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, lead(key), false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(row("SELECT field, winner FROM hubsync.sync_log WHERE platform_key = ? AND"
					+ " outcome = 'conflict' AND field = 'lastname'", key))
				.containsEntry("winner", "hubspot"));
		assertThat(read(key).property("lastname")).isEqualTo("From HubSpot");
		// HubSpot first, then the platform: the platform's later value goes out
		user.objects().update("contacts", contact.id(), Map.of("firstname", "Earlier in HubSpot"));
		before = lead(key);
		execute("UPDATE public.leads SET first_name = 'Later on the platform' WHERE id = ?::uuid", key);
		send(List.of(change("leads", key, ChangeOp.UPDATE, before, lead(key), false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(read(key).property("firstname")).isEqualTo("Later on the platform"));
		assertThat(row("SELECT winner FROM hubsync.sync_log WHERE platform_key = ? AND outcome = 'conflict' AND field"
				+ " = 'firstname'", key))
			.containsEntry("winner", "platform");
	}

	@Test
	void aLeadAndAContactWithTheSameEmailEndAsOnePair() throws Exception {
		HubSpotObject existing = user.objects()
			.create("contacts", Map.of("email", "Same.Person@Example.com", "firstname", "Made in HubSpot"), List.of());
		String key = insertLead("same.person@example.com", "Made", "Locally", null);
		send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
		HubSpotObject linked = awaitContact(key);
		assertThat(linked.id()).isEqualTo(existing.id());
		assertThat(contactsWithEmailLike("same.person@")).isEqualTo(1);
		assertThat(linked.properties()).containsEntry("hubsync_record_id", key).containsEntry("lastname", "Locally");
	}

	@Test
	void aLeadDeletedBeforeItsFirstLinkTakesItsOlderHubSpotTwinAlongAndANewerContactIsSomeoneNew() throws Exception {
		// the same person on both sides before HubSync linked them; the product
		// deletes the row first (chaos seed 2026: the contact came back as a
		// second row)
		HubSpotObject twin = user.objects()
			.create("contacts", Map.of("email", "gone.twin@example.com", "firstname", "Gone"), List.of());
		String gone = insertLead("Gone.Twin@Example.com", "Gone", "Twin", null);
		execute("UPDATE public.leads SET deleted_at = now() WHERE id = ?::uuid", gone);
		send(List.of(change("leads", gone, ChangeOp.CREATE, null, lead(gone), false)));
		// a row deleted before someone new came to HubSpot with its email
		String left = insertLead("came.back@example.com", "Came", "Back", null);
		execute("UPDATE public.leads SET deleted_at = now() WHERE id = ?::uuid", left);
		HubSpotObject newcomer = user.objects()
			.create("contacts", Map.of("email", "came.back@example.com", "firstname", "Newcomer"), List.of());
		// a row deleted years before HubSync was installed, and its contact, older
		// still: no link could have come first, so archiving it waits for a person
		String longGone = insertLead("long.gone@example.com", "Long", "Gone", null);
		execute("UPDATE public.leads SET deleted_at = '2016-01-01T00:00:00Z' WHERE id = ?::uuid", longGone);
		String ancient = emulator.admin()
			.seed("contacts", 1, Map.of("email", "long.gone@example.com", "firstname", "Ancient"),
					"2015-01-01T00:00:00Z")
			.get(0);
		try (Events events = new Events()) {
			events.send(List.of(Events.event("contact.creation", Long.parseLong(twin.id()), Instant.now(), Map.of()),
					Events.event("contact.creation", Long.parseLong(newcomer.id()), Instant.now(), Map.of()),
					Events.event("contact.creation", Long.parseLong(ancient), Instant.now(), Map.of())));
		}
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(user.objects().get("contacts", twin.id(), ReadOptions.defaults())).isEmpty());
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					countOf("SELECT count(*) FROM public.leads WHERE lower(email) = 'came.back@example.com'"
							+ " AND deleted_at IS NULL"))
				.isEqualTo(1));
		assertThat(countOf("SELECT count(*) FROM public.leads WHERE lower(email) = 'gone.twin@example.com'"))
			.as("the deleted lead is not brought back as a new row")
			.isEqualTo(1);
		assertThat(countOf("SELECT count(*) FROM public.leads WHERE id = ?::uuid AND deleted_at IS NOT NULL", gone))
			.isEqualTo(1);
		assertThat(countOf("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?"
				+ " AND hubspot_id = ? AND archived", gone, Long.parseLong(twin.id())))
			.isEqualTo(1);
		assertThat(countOf("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?", left))
			.as("the newcomer is not the deleted row's")
			.isZero();
		assertThat(user.objects().get("contacts", newcomer.id(), ReadOptions.defaults())).isPresent();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(countOf(
					"SELECT count(*) FROM hubsync.review WHERE kind = 'duplicate_email'"
							+ " AND platform_key = ? AND hubspot_id = ? AND resolution IS NULL",
					longGone, Long.parseLong(ancient)))
				.isEqualTo(1));
		assertThat(user.objects().get("contacts", ancient, ReadOptions.defaults())).isPresent();
		assertThat(countOf("SELECT count(*) FROM public.leads WHERE lower(email) = 'long.gone@example.com'"))
			.isEqualTo(1);
	}

	@Test
	void aContactDeletedBeforeItsFirstLinkTakesItsOlderTwinRowAlongAndANewerRowIsSomeoneNew() throws Exception {
		// the same person on both sides before HubSync linked them; HubSpot deletes the
		// contact first, and its deletion is processed before the row's creation (chaos
		// seed 42: the row came back as a new contact)
		HubSpotObject twin = user.objects()
			.create("contacts", Map.of("email", "deleted.twin@example.com", "firstname", "Deleted"), List.of());
		String row = insertLead("Deleted.Twin@Example.com", "Deleted", "Twin", null);
		user.objects().archive("contacts", twin.id());
		// a contact deleted before someone new came to the product with its email
		HubSpotObject left = user.objects()
			.create("contacts", Map.of("email", "left.before@example.com", "firstname", "Left"), List.of());
		user.objects().archive("contacts", left.id());
		String newcomer = insertLead("left.before@example.com", "New", "Comer", null);
		try (Events events = new Events()) {
			events.send(List.of(Events.event("contact.deletion", Long.parseLong(twin.id()), Instant.now(), Map.of()),
					Events.event("contact.deletion", Long.parseLong(left.id()), Instant.now(), Map.of())));
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					countOf("SELECT count(*) FROM public.leads WHERE id = ?::uuid AND deleted_at IS NOT NULL", row))
				.isEqualTo(1));
		assertThat(countOf("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?"
				+ " AND hubspot_id = ? AND archived", row, Long.parseLong(twin.id())))
			.isEqualTo(1);
		// the rows' creation events come: the deleted person is not brought back, the
		// newcomer gets a contact of their own
		send(List.of(change("leads", row, ChangeOp.CREATE, null, lead(row), false),
				change("leads", newcomer, ChangeOp.CREATE, null, lead(newcomer), false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					countOf("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?"
							+ " AND NOT archived", newcomer))
				.isEqualTo(1));
		assertThat(countOf("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?"
				+ " AND NOT archived", row))
			.as("the deleted person is not brought back as a new contact")
			.isZero();
		assertThat(countOf("SELECT count(*) FROM public.leads WHERE id = ?::uuid AND deleted_at IS NULL", newcomer))
			.isEqualTo(1);
	}

	@Test
	void aWorkerStoppedBetweenItsHubSpotWriteAndItsCommitLeavesNoDuplicateAndNoLoss() throws Exception {
		List<String> keys = new ArrayList<>();
		List<ProducerRecord<String, byte[]>> creates = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			String key = insertLead("crash" + i + "@example.com", "Crash", "Number " + i, null);
			keys.add(key);
			creates.add(change("leads", key, ChangeOp.CREATE, null, lead(key), false));
		}
		int upserts = emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "upsert")).size();
		try (Connection blocker = fixture.database().connect()) {
			// the worker's commit waits on this lock after HubSpot has taken the writes
			blocker.setAutoCommit(false);
			try (PreparedStatement lock = blocker
				.prepareStatement("LOCK TABLE hubsync.processed_event IN EXCLUSIVE MODE")) {
				lock.execute();
			}
			send(creates);
			await().atMost(WAIT)
				.until(() -> emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "upsert")).size()
						- upserts >= 2);
			await().atMost(WAIT)
				.until(() -> count("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type ="
						+ " 'Lock' AND datname = current_database() AND pid <> pg_backend_pid() ") > 0);
			// the crash: the worker goes away and its open transaction with it
			Thread closing = new Thread(worker::close);
			closing.start();
			execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname"
					+ " = current_database() AND pid <> pg_backend_pid()");
			closing.join(Duration.ofSeconds(60).toMillis());
			assertThat(closing.isAlive()).isFalse();
			blocker.rollback();
		}
		assertThat(links(keys)).isZero();
		worker = startWorker();
		await().atMost(WAIT).untilAsserted(() -> assertThat(links(keys)).isEqualTo(150));
		assertThat(contactsWithEmailLike("crash")).isEqualTo(150);
		assertThat(count("SELECT count(DISTINCT hubspot_id) FROM hubsync.link WHERE platform_key = ANY(?)", keys))
			.isEqualTo(150);
	}

	@Test
	void a429StormSlowsTheWritesButLosesNothing() throws Exception {
		List<String> keys = new ArrayList<>();
		List<ProducerRecord<String, byte[]>> creates = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String key = insertLead("storm" + i + "@example.com", "Storm", "Number " + i, null);
			keys.add(key);
			creates.add(change("leads", key, ChangeOp.CREATE, null, lead(key), false));
		}
		emulator.admin().faults(Map.of("storm429", Map.of("requests", 12)));
		try {
			send(creates);
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(links(keys)).isEqualTo(30));
		}
		finally {
			emulator.admin().clearFaults();
		}
		assertThat(contactsWithEmailLike("storm")).isEqualTo(30);
	}

	@Test
	void aDailyLimitPausesConsumptionUntilHubSpotsReset() throws Exception {
		String path = PATHS.objectsBatch("contacts", "upsert");
		String key = insertLead("daily@example.com", "Daily", "Limit", null);
		int before = emulator.admin().requests("POST", path).size();
		emulator.admin()
			.faults(Map.of("rules", List.of(Map.of("method", "POST", "path", path, "errorRate", 1.0, "status", 429,
					"policyName", "DAILY", "retryAfterSeconds", 3, "count", 1))));
		try {
			send(List.of(change("leads", key, ChangeOp.CREATE, null, lead(key), false)));
			org.springframework.kafka.config.KafkaListenerEndpointRegistry registry = worker
				.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class);
			await().atMost(WAIT).until(() -> registry.getListenerContainer("hubsync-outbound").isPauseRequested());
			awaitContact(key);
		}
		finally {
			emulator.admin().clearFaults();
		}
		// the refused call and the one after the reset: nothing in between
		assertThat(emulator.admin().requests("POST", path).size() - before).isEqualTo(2);
	}

	@Test
	void aDealWrittenBeforeItsCompanyIsAssociatedOnceTheCompanyIsLinked() throws Exception {
		String company = insertCompany("Later Ltd", "COMPUTER_SOFTWARE");
		String deal = (String) row("INSERT INTO public.deals (name, amount, stage, close_date, company_id) VALUES"
				+ " ('Early deal', 10, 'appointmentscheduled', DATE '2026-12-01', ?::uuid) RETURNING id::text AS id",
				company)
			.get("id");
		send(List.of(change("deals", deal, ChangeOp.CREATE, null, generic("deals", deal), false)));
		String dealLink = "SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-3' AND platform_key = ?";
		await().atMost(WAIT).until(() -> row(dealLink, deal) != null);
		assertThat(
				count("SELECT count(*) FROM hubsync.pending_outbound_association WHERE platform_key = '" + deal + "'"))
			.isEqualTo(1);
		send(List.of(change("companies", company, ChangeOp.CREATE, null, generic("companies", company), false)));
		String id = String.valueOf(row(dealLink, deal).get("hubspot_id"));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(user.associations().list("deals", id, "companies")).singleElement()
						.satisfies((association) -> assertThat(association.toObjectId()).isEqualTo(String.valueOf(row(
								"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-2' AND platform_key = ?",
								company)
							.get("hubspot_id")))));
		assertThat(
				count("SELECT count(*) FROM hubsync.pending_outbound_association WHERE platform_key = '" + deal + "'"))
			.isZero();
	}

	@Test
	void associationsWaitingForATargetAreWrittenWhicheverDirectionLinksIt() throws Exception {
		// inbound: a contact associated in HubSpot with a company whose link the
		// outbound direction makes later (its create landed, the link not yet
		// committed); the company's own creation event is an echo, dropped unread
		String outboundCompany = insertCompany("Linked Outbound Ltd", "COMPUTER_SOFTWARE");
		HubSpotObject company = user.objects()
			.create("companies", Map.of("name", "Linked Outbound Ltd", "hubsync_record_id", outboundCompany),
					List.of());
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "waits.for.company@example.com", "firstname", "Waits"), List.of());
		user.associations()
			.associate("contacts", contact.id(), "companies", company.id(), List.of(AssociationSpec.hubspotDefined(1)));
		try (Events events = new Events()) {
			events
				.send(List.of(Events.event("contact.creation", Long.parseLong(contact.id()), Instant.now(), Map.of())));
		}
		await().atMost(WAIT)
			.until(() -> countOf("SELECT count(*) FROM hubsync.pending_association WHERE to_hubspot_id = ?",
					Long.parseLong(company.id())) == 1);
		send(List.of(change("companies", outboundCompany, ChangeOp.CREATE, null, generic("companies", outboundCompany),
				false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					row("SELECT company_id::text AS c FROM public.leads WHERE email = 'waits.for.company@example.com'"))
				.containsEntry("c", outboundCompany));
		// outbound: a lead whose company is linked by the inbound direction (it came
		// from HubSpot, naming the row it was made for)
		String inboundCompany = insertCompany("Linked Inbound Ltd", "COMPUTER_SOFTWARE");
		String lead = insertLead("waits.for.inbound@example.com", "Waits", "Inbound", null);
		execute("UPDATE public.leads SET company_id = ?::uuid WHERE id = ?::uuid", inboundCompany, lead);
		send(List.of(change("leads", lead, ChangeOp.CREATE, null, lead(lead), false)));
		HubSpotObject leadContact = awaitContact(lead);
		await().atMost(WAIT)
			.until(() -> countOf("SELECT count(*) FROM hubsync.pending_outbound_association WHERE platform_key = ?",
					lead) == 1);
		HubSpotObject fromHubSpot = user.objects()
			.create("companies", Map.of("name", "Linked Inbound Ltd", "hubsync_record_id", inboundCompany), List.of());
		try (Events events = new Events()) {
			events.send(List
				.of(Events.event("company.creation", Long.parseLong(fromHubSpot.id()), Instant.now(), Map.of())));
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(associatedCompanies(leadContact))
				.containsExactly(Long.parseLong(fromHubSpot.id())));
	}

	@Test
	void aDealIsCreatedUpdatedAndArchived() throws Exception {
		String key = (String) row("INSERT INTO public.deals (name, amount, stage, close_date) VALUES ('Big deal',"
				+ " 1234.5, 'appointmentscheduled', DATE '2026-12-01') RETURNING id::text AS id")
			.get("id");
		send(List.of(change("deals", key, ChangeOp.CREATE, null, generic("deals", key), false)));
		await().atMost(WAIT)
			.until(() -> row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-3' AND platform_key = ?",
					key) != null);
		String id = String
			.valueOf(row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-3' AND platform_key = ?", key)
				.get("hubspot_id"));
		ReadOptions options = ReadOptions
			.properties(List.of("dealname", "amount", "dealstage", "closedate", "pipeline", "hubsync_record_id"));
		assertThat(user.objects().get("deals", id, options).orElseThrow().properties())
			.containsEntry("dealname", "Big deal")
			.containsEntry("amount", "1234.5")
			.containsEntry("dealstage", "appointmentscheduled")
			.containsEntry("pipeline", "default")
			.containsEntry("hubsync_record_id", key)
			.hasEntrySatisfying("closedate", (date) -> assertThat(date).startsWith("2026-12-01T00:00:00"));
		Row before = generic("deals", key);
		execute("UPDATE public.deals SET amount = 2000, stage = 'closedwon' WHERE id = ?::uuid", key);
		send(List.of(change("deals", key, ChangeOp.UPDATE, before, generic("deals", key), false)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.objects().get("deals", id, options).orElseThrow().properties())
				.containsEntry("amount", "2000")
				.containsEntry("dealstage", "closedwon"));
		before = generic("deals", key);
		execute("UPDATE public.deals SET deleted_at = now() WHERE id = ?::uuid", key);
		send(List.of(change("deals", key, ChangeOp.UPDATE, before, generic("deals", key), false)));
		await().atMost(WAIT).untilAsserted(() -> assertThat(user.objects().get("deals", id, options)).isEmpty());
	}

	@Test
	void aBulkSyncLinksWhatExistsOnOneSideOnly() throws Exception {
		// rows and contacts from before HubSync: no change events for any of them
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			keys.add(insertLead("bulk" + i + "@example.com", "Bulk", "Number " + i, null));
		}
		for (int i = 0; i < 5; i++) {
			user.objects()
				.create("contacts", Map.of("email", "pulled" + i + "@example.com", "firstname", "Pulled"), List.of());
		}
		int upserts = emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "upsert")).size();
		// while no worker consumes, the bulk sync publishes one page of 50 and waits
		// below max-ahead (40) instead of queueing the whole table in front of live
		// changes
		MessageListenerContainer outbound = worker.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("hubsync-outbound"); // OutboundListener.ID
		outbound.pause();
		HttpResponse<String> started = admin("POST", "/api/bulk-sync?objectType=contacts&direction=both");
		assertThat(started.statusCode()).isEqualTo(202);
		assertThat(admin("POST", "/api/bulk-sync?direction=sideways").statusCode()).isEqualTo(400);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> admin("GET", "/api/bulk-sync").body().contains("\"published\":50,"));
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.until(() -> admin("GET", "/api/bulk-sync").body().contains("\"published\":50,"));
		outbound.resume();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(admin("GET", "/api/bulk-sync").body())
				.contains("\"trigger\":\"admin\",\"state\":\"finished\""));
		assertThat(links(keys)).isEqualTo(120);
		assertThat(count("SELECT count(*) FROM public.leads l JOIN hubsync.link k ON k.platform_key = l.id::text WHERE"
				+ " l.email LIKE 'pulled%'"))
			.isEqualTo(5);
		assertThat(emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "upsert")).size() - upserts)
			.isBetween(2, 3);
		assertThat(contactsWithEmailLike("bulk")).isEqualTo(120);
		String progress = admin("GET", "/api/bulk-sync").body();
		assertThat(progress).contains("\"direction\":\"push\"").contains("\"direction\":\"pull\"");
		assertThat(count("SELECT count(*) FROM hubsync.bulk_sync WHERE state = 'finished'")).isEqualTo(1);
	}

	@Test
	void aHubSpotValueTheProductsColumnCannotHoldSetsThePairAsideWhileTheOthersAreRecorded() throws Exception {
		String huge = (String) row("INSERT INTO public.deals (name, amount, stage) VALUES ('Huge on HubSpot', 10,"
				+ " 'appointmentscheduled') RETURNING id::text AS id")
			.get("id");
		String ordinary = (String) row("INSERT INTO public.deals (name, amount, stage) VALUES ('Ordinary', 20,"
				+ " 'appointmentscheduled') RETURNING id::text AS id")
			.get("id");
		send(List.of(change("deals", huge, ChangeOp.CREATE, null, generic("deals", huge), false),
				change("deals", ordinary, ChangeOp.CREATE, null, generic("deals", ordinary), false)));
		await().atMost(WAIT)
			.until(() -> count(
					"SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-3' AND platform_key = ANY(?)",
					List.of(huge, ordinary)) == 2);
		String hugeId = String
			.valueOf(row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-3' AND platform_key = ?", huge)
				.get("hubspot_id"));
		// a HubSpot user sets an amount of 10^15 (legal there; deals.amount is
		// numeric(14,2))
		// whose webhook has not come; the product then renames both deals, and the
		// outbound merge finds HubSpot's amount the later change for the product
		user.objects().update("deals", hugeId, Map.of("amount", "1000000000000000"));
		Row hugeBefore = generic("deals", huge);
		Row ordinaryBefore = generic("deals", ordinary);
		execute("UPDATE public.deals SET name = name || ' renamed' WHERE id IN (?::uuid, ?::uuid)", huge, ordinary);
		send(List.of(change("deals", huge, ChangeOp.UPDATE, hugeBefore, generic("deals", huge), false),
				change("deals", ordinary, ChangeOp.UPDATE, ordinaryBefore, generic("deals", ordinary), false)));
		awaitDeadLetter("deals:" + huge, "SQLSTATE 22003");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(row("SELECT name FROM public.deals WHERE id = ?::uuid", ordinary))
				.containsEntry("name", "Ordinary renamed"));
		String ordinaryId = String.valueOf(
				row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-3' AND platform_key = ?", ordinary)
					.get("hubspot_id"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.objects()
				.get("deals", ordinaryId, ReadOptions.properties(List.of("dealname")))
				.orElseThrow()
				.properties()).containsEntry("dealname", "Ordinary renamed"));
		assertThat(row("SELECT amount::text AS amount FROM public.deals WHERE id = ?::uuid", huge))
			.containsEntry("amount", "10.00");
	}

	/**
	 * Waits until a dead letter for a record key arrives whose reason contains a text
	 * (the dead letters read so far are kept in {@code dead}).
	 */
	private static void awaitDeadLetter(String key, String reason) {
		await().atMost(WAIT).untilAsserted(() -> {
			readDeadLetters();
			assertThat(dead).anySatisfy((entry) -> assertThat(entry).startsWith(key).contains(reason));
		});
	}

	/** Reads the dead letters that arrived since the last read into {@code dead}. */
	private static void readDeadLetters() {
		for (ConsumerRecord<String, byte[]> record : deadLetters.poll(Duration.ofMillis(500))) {
			Header header = record.headers().lastHeader(EventHeaders.DLT_REASON);
			dead.add(record.key() + " " + new String(header.value(), StandardCharsets.UTF_8));
		}
	}

	private static HttpResponse<String> admin(String method, String path) throws Exception {
		String port = worker.getEnvironment().getProperty("local.server.port");
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-HubSync-Api-Key", "it-key")
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static long contactsWithEmailLike(String prefix) {
		try (var all = user.objects().listAll("contacts", ReadOptions.properties(List.of("email")))) {
			return all.filter((contact) -> {
				String email = contact.property("email");
				return email != null && email.toLowerCase(java.util.Locale.ROOT).startsWith(prefix);
			}).count();
		}
	}

	private static Row generic(String table, String key) throws SQLException {
		Map<String, Object> values = row("SELECT * FROM public." + table + " WHERE id = ?::uuid", key);
		Row.Builder builder = Row.builder();
		for (Map.Entry<String, Object> entry : values.entrySet()) {
			Object value = entry.getValue();
			if (value instanceof UUID || entry.getKey().equals("id") || entry.getKey().endsWith("_id")) {
				builder.put(entry.getKey(), ColumnType.UUID, value);
			}
			else if (value instanceof java.sql.Timestamp timestamp) {
				builder.put(entry.getKey(), ColumnType.TIMESTAMPTZ, timestamp.toInstant());
			}
			else if (value instanceof java.sql.Date date) {
				builder.put(entry.getKey(), ColumnType.DATE, date.toLocalDate());
			}
			else if (value instanceof java.math.BigDecimal decimal) {
				builder.put(entry.getKey(), ColumnType.DECIMAL, decimal);
			}
			else {
				builder.put(entry.getKey(), ColumnType.TEXT, value);
			}
		}
		return builder.build();
	}

	private static long companyId(String key) throws SQLException {
		return (Long) row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-2' AND platform_key = ?", key)
			.get("hubspot_id");
	}

	private static List<Long> associatedCompanies(HubSpotObject contact) {
		return user.associations()
			.list("contacts", contact.id(), "companies")
			.stream()
			.map((association) -> Long.parseLong(association.toObjectId()))
			.toList();
	}

	// ------------------------------------------------------------------ helpers

	private static int writes() {
		return emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "update")).size()
				+ emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "upsert")).size();
	}

	private static HubSpotObject awaitContact(String key) throws Exception {
		Long[] id = new Long[1];
		await().atMost(WAIT).until(() -> {
			Map<String, Object> link = row(
					"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-1' AND" + " platform_key = ?", key);
			id[0] = (link != null) ? (Long) link.get("hubspot_id") : null;
			return id[0] != null;
		});
		return read(String.valueOf(id[0]), true);
	}

	private static HubSpotObject read(String key) throws Exception {
		Map<String, Object> link = row(
				"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-1' AND" + " platform_key = ?", key);
		return read(String.valueOf(link.get("hubspot_id")), true);
	}

	private static HubSpotObject read(String id, boolean unused) {
		return user.objects()
			.get("contacts", id,
					ReadOptions.properties(List.of("email", "firstname", "lastname", "phone", "lifecyclestage",
							"hubsync_record_id", "hubsync_source_system")))
			.orElseThrow();
	}

	private static long links(List<String> keys) throws SQLException {
		return count("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ANY(?)", keys);
	}

	private static long linkedCompanies(List<String> keys) throws SQLException {
		return count("SELECT count(*) FROM hubsync.link WHERE object_type_id = '0-2' AND platform_key = ANY(?)", keys);
	}

	private static ProducerRecord<String, byte[]> change(String table, String key, ChangeOp op, Row before, Row after,
			boolean syncOrigin) {
		// as the publisher reports it: the commit time of the change's transaction, which
		// the row's updated_at trigger recorded
		Instant committed = (after != null && after.get("updated_at") instanceof Instant at) ? at : Instant.now();
		LocalChange change = new LocalChange(table, key, op, before, after, 1, LSN.incrementAndGet(), committed,
				syncOrigin, syncOrigin ? "sync-" + UUID.randomUUID() : null);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOCAL_CHANGES, change.key().toString(),
				EventSerdes.localChanges().serialize(Topics.LOCAL_CHANGES, change));
		record.headers()
			.add(EventHeaders.CORRELATION_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
			.add(EventHeaders.SOURCE, "cdc".getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private static void send(List<ProducerRecord<String, byte[]>> records) throws Exception {
		List<java.util.concurrent.Future<?>> sends = new ArrayList<>();
		for (ProducerRecord<String, byte[]> record : records) {
			sends.add(producer.send(record));
		}
		producer.flush();
		for (java.util.concurrent.Future<?> send : sends) {
			send.get();
		}
	}

	private static Row lead(String key) throws SQLException {
		Map<String, Object> row = row("SELECT * FROM public.leads WHERE id = ?::uuid", key);
		Row.Builder builder = Row.builder();
		builder.put("id", ColumnType.UUID, row.get("id"));
		for (String column : List.of("email", "first_name", "last_name", "phone", "lifecycle_stage")) {
			builder.put(column, ColumnType.TEXT, row.get(column));
		}
		builder.put("company_id", ColumnType.UUID, row.get("company_id"));
		for (String column : List.of("created_at", "updated_at", "deleted_at")) {
			Object value = row.get(column);
			builder.put(column, ColumnType.TIMESTAMPTZ,
					(value != null) ? ((java.sql.Timestamp) value).toInstant() : null);
		}
		return builder.build();
	}

	private static Row company(String key) throws SQLException {
		Map<String, Object> row = row("SELECT * FROM public.companies WHERE id = ?::uuid", key);
		Row.Builder builder = Row.builder().put("id", ColumnType.UUID, row.get("id"));
		for (String column : List.of("name", "domain", "industry")) {
			builder.put(column, ColumnType.TEXT, row.get(column));
		}
		return builder.build();
	}

	private static String insertLead(String email, String first, String last, String phone) throws SQLException {
		return (String) row("INSERT INTO public.leads (email, first_name, last_name, phone, lifecycle_stage)"
				+ " VALUES (?, ?, ?, ?, 'lead') RETURNING id::text AS id", email, first, last, phone)
			.get("id");
	}

	private static String insertCompany(String name, String industry) throws SQLException {
		return (String) row("INSERT INTO public.companies (name, industry) VALUES (?, ?) RETURNING id::text AS id",
				name, industry)
			.get("id");
	}

	/**
	 * The link table grows from nothing during a backfill while its statistics trail by
	 * an autovacuum round (a minute): a plan cached for the small table (a scan of every
	 * link of the type) made each lookup cost more as the table grew. The worker's
	 * connections plan every statement for its parameters, so lookups stay index probes.
	 */
	@Test
	void linkLookupsUseTheKeyIndexWhileStatisticsStillDescribeASmallTable() throws Exception {
		javax.sql.DataSource pool = worker.getBean(javax.sql.DataSource.class);
		try (Connection connection = pool.getConnection(); java.sql.Statement sql = connection.createStatement()) {
			try (ResultSet mode = sql.executeQuery("SHOW plan_cache_mode")) {
				mode.next();
				assertThat(mode.getString(1)).isEqualTo("force_custom_plan");
			}
			sql.execute("CREATE TEMP TABLE plan_link (LIKE hubsync.link INCLUDING ALL)");
			sql.execute("INSERT INTO plan_link (object_type_id, hubspot_id, platform_key) SELECT '0-1', g, 'k' || g"
					+ " FROM generate_series(1, 20) g");
			sql.execute("ANALYZE plan_link");
			sql.execute("PREPARE plan_lookup(text, text[]) AS SELECT * FROM plan_link WHERE object_type_id = $1"
					+ " AND platform_key = ANY($2)");
			for (int i = 0; i < 10; i++) {
				sql.execute("EXECUTE plan_lookup('0-1', ARRAY['k1', 'k2'])");
			}
			sql.execute("INSERT INTO plan_link (object_type_id, hubspot_id, platform_key) SELECT '0-1', g, 'k' || g"
					+ " FROM generate_series(21, 50000) g");
			StringBuilder plan = new StringBuilder();
			try (ResultSet rows = sql
				.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) EXECUTE plan_lookup('0-1', ARRAY['k7', 'k40000'])")) {
				while (rows.next()) {
					plan.append(rows.getString(1)).append('\n');
				}
			}
			assertThat(plan.toString()).as(plan.toString())
				.contains("platform_key_key")
				.doesNotContain("Rows Removed by Filter");
			sql.execute("DEALLOCATE plan_lookup");
			sql.execute("DROP TABLE plan_link");
		}
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

	private static long countOf(String sql, Object... params) throws SQLException {
		return ((Number) row(sql, params).values().iterator().next()).longValue();
	}

	private static long count(String sql) throws SQLException {
		return ((Number) row(sql).values().iterator().next()).longValue();
	}

	private static long count(String sql, List<String> keys) throws SQLException {
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setArray(1, connection.createArrayOf("text", keys.toArray()));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
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
				Map<String, Object> row = new LinkedHashMap<>();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
				}
				return row;
			}
		}
	}

}
