package dev.hubsync.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociationSpec;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.transport.ApiPaths;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.infra.postgres.PostgresServer;
import dev.hubsync.worker.support.Changes;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.support.KafkaHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Concurrency and completeness (issue 18) with both directions running: a HubSpot read
 * older than the sync's own write racing it, a deletion delivered after a restore, a
 * failure after a record's transaction and before its associations and stamp, a change
 * for a record HubSpot no longer has, a resume, and two worker replicas rebalancing in
 * the middle of edits on both sides.
 */
@EmbeddedInfra
class CompletenessIT {

	/**
	 * The paths the worker calls in the default API version, as the emulator logs them.
	 */
	private static final ApiPaths PATHS = ApiPaths.defaults();

	private static final Duration WAIT = Duration.ofSeconds(60);

	private static final String PROCESSED = "SELECT count(*) FROM hubsync.processed_event WHERE identity LIKE ?";

	private static final HttpClient http = HttpClient.newHttpClient();

	private static final String GROUP = "completeness-it-" + UUID.randomUUID();

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static Sql sql;

	private static Changes changes;

	private static Events events;

	private static ConfigurableApplicationContext worker;

	private static KafkaConsumer<String, byte[]> deadLetters;

	private static final List<String> dead = new ArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onSharedBroker(Map.of("emulator.id-base", "60000000"));
		emulator = fixture.emulator();
		user = fixture.user();
		sql = fixture.sql();
		changes = fixture.changes();
		events = fixture.events();
		deadLetters = fixture.closing(new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new ByteArrayDeserializer()));
		deadLetters.subscribe(List.of(Topics.LOCAL_CHANGES_DLT));
		worker = fixture.closing(startWorker());
	}

	private static ConfigurableApplicationContext startWorker() {
		return Workers.start(fixture.database(), emulator.baseUrl(), "--hubsync.worker.inbound.linger=100ms",
				"--hubsync.worker.outbound.linger=100ms", "--hubsync.worker.inbound.group-id=" + GROUP + "-inbound",
				"--hubsync.worker.outbound.group-id=" + GROUP + "-outbound", "--hubsync.admin.api-key=it-key",
				"--hubsync.admin.allow-weak-keys=true", "--hubsync.worker.retry.initial-backoff=100ms",
				"--hubsync.worker.retry.max-backoff=500ms", "--hubsync.hubspot.retry.initial-backoff=20ms",
				"--hubsync.hubspot.retry.max-backoff=100ms", "--hubsync.worker.retry.degraded-after=1s",
				"--hubsync.worker.retry.report-interval=1s", "--hubsync.worker.auth-probe-interval=1s",
				"--hubsync.worker.partitions=6");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void aHubSpotReadOlderThanTheSyncsOwnWriteIsNotApplied() throws Exception {
		String key = linkedLead("stale@example.com", "Old", "Name");
		String id = fixture.contactId("stale@example.com");
		// a HubSpot user changes the last name; the read its webhook triggers is answered
		// three seconds late, while the product's new first name goes out
		user.objects().update("contacts", id, Map.of("lastname", "FromHubSpot"));
		emulator.admin().holdNextAnswer("POST", PATHS.objectsBatch("contacts", "read"), 3000);
		try {
			int reads = reads();
			events.send(List.of(Events.propertyChange(id, "lastname", "FromHubSpot")));
			await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> reads() > reads);
			changes.send(List.of(changes.updateLead(key, "first_name = 'FromProduct'")));
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(fixture.contact("stale@example.com")).containsEntry("firstname",
						"FromProduct"));
		}
		finally {
			emulator.admin().clearFaults();
		}
		// the late read (first name "Old") is older than the sync's write: it is read
		// again, and the product keeps its first name
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(lead("stale@example.com")).containsEntry("first_name", "FromProduct")
				.containsEntry("last_name", "FromHubSpot");
			assertThat(fixture.contact("stale@example.com")).containsEntry("firstname", "FromProduct")
				.containsEntry("lastname", "FromHubSpot");
		});
	}

	@Test
	void aHubSpotEditOverwrittenByTheSyncsWriteWhoseWebhookIsLostIsRecoveredByThePoller() throws Exception {
		String key = linkedLead("overwritten@example.com", "Ada", "Window");
		String id = fixture.contactId("overwritten@example.com");
		// the product's new first name goes out; the outbound read is answered three
		// seconds late, and meanwhile a HubSpot user sets another first name, whose
		// webhook
		// is lost: the sync's write (from the older read) covers that later edit
		emulator.admin().holdNextAnswer("POST", PATHS.objectsBatch("contacts", "read"), 3000);
		try {
			int held = emulator.admin().answersHeld();
			changes.send(List.of(changes.updateLead(key, "first_name = 'Adeline'")));
			// the read is handled; its answer (first name "Ada") is on its way
			await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> emulator.admin().answersHeld() > held);
			user.objects().update("contacts", id, Map.of("firstname", "Augusta"));
			await().atMost(WAIT)
				.untilAsserted(
						() -> assertThat(sql.row(
								"SELECT 1 FROM hubsync.sync_log WHERE hubspot_id = ? AND field = 'firstname'"
										+ " AND platform_value = 'Adeline' AND direction = 'outbound'",
								Long.parseLong(id)))
							.isNotNull());
		}
		finally {
			emulator.admin().clearFaults();
		}
		// the user's edit is the later change: the poller has the record read again with
		// history, which shows the edit under the sync's write, and both sides get it
		dev.hubsync.worker.poller.ReconciliationPoller poller = worker
			.getBean(dev.hubsync.worker.poller.ReconciliationPoller.class);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			poller.poll();
			assertThat(fixture.contact("overwritten@example.com")).as(() -> fixture.syncState(id))
				.containsEntry("firstname", "Augusta");
			assertThat(lead("overwritten@example.com")).containsEntry("first_name", "Augusta");
		});
		assertThat(sql.rows("SELECT detail FROM hubsync.sync_log WHERE hubspot_id = ? AND field = 'firstname'",
				Long.parseLong(id)))
			.anySatisfy((row) -> assertThat(row.get("detail").toString()).contains("recovered"));
		// once read with history, the record is accounted for: polls settle to publishing
		// nothing (a record is not read again and again)
		await().atMost(WAIT)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(poller.poll()).containsEntry("0-1", 0));
	}

	@Test
	void aProductEditOfARecordArchivedBetweenTheReadAndTheWriteIsSetAsideAsArchived() throws Exception {
		String key = linkedLead("archived-meanwhile@example.com", "Ada", "Before");
		String id = fixture.contactId("archived-meanwhile@example.com");
		// the product's new last name goes out; the outbound read is answered three
		// seconds late, and meanwhile a HubSpot user archives the record (its deletion
		// webhook is not delivered): the batch's write names a record that is gone
		emulator.admin().holdNextAnswer("POST", PATHS.objectsBatch("contacts", "read"), 3000);
		long refusedBefore = refusedUpdates();
		try {
			int held = emulator.admin().answersHeld();
			changes.send(List.of(changes.updateLead(key, "last_name = 'After'")));
			await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> emulator.admin().answersHeld() > held);
			user.objects().archive("contacts", id);
		}
		finally {
			emulator.admin().clearFaults();
		}
		// HubSpot answered the update "could not update, they may be deleted": the batch
		// reads the key again, finds no survivor of a merge, and sets the change aside
		// as a change of a record archived in HubSpot (what a read that misses it does;
		// the deletion's webhook, when it comes, archives the row), not as a refused
		// value
		await().atMost(WAIT).untilAsserted(() -> {
			readDeadLetters();
			assertThat(dead).anySatisfy((entry) -> assertThat(entry).contains(key).contains("archived in HubSpot"));
		});
		assertThat(refusedUpdates()).as("the write to the archived record was refused").isGreaterThan(refusedBefore);
		assertThat(dead).noneMatch((entry) -> entry.contains(key) && entry.contains("Could not update"));
	}

	@Test
	void aWholeCall404OnTheUpdateOfALiveRecordIsSetAsideOnceNotTakenForAGoneRecord() throws Exception {
		String key = linkedLead("whole-call-404@example.com", "Ada", "Before");
		long before = updatesAnswered(404);
		// every batch update answers a 404 that names no record; the record is live and
		// every read finds it: the change is set aside with HubSpot's answer, once
		emulator.admin()
			.faults(Map.of("rules", List.of(Map.of("method", "POST", "path", PATHS.objectsBatch("contacts", "update"),
					"errorRate", 1.0, "status", 404, "count", 1000))));
		try {
			changes.send(List.of(changes.updateLead(key, "last_name = 'After'")));
			await().atMost(WAIT).untilAsserted(() -> {
				readDeadLetters();
				assertThat(dead).anySatisfy((entry) -> assertThat(entry).contains(key).contains("404"));
			});
			assertThat(updatesAnswered(404) - before).as("update calls answered 404").isOne();
		}
		finally {
			emulator.admin().clearFaults();
		}
	}

	@Test
	void anAssociationWhoseWriteFailedAfterItsRecordWasWrittenIsWrittenWhenTheBatchIsRetried() throws Exception {
		String company = linkedCompany("Retried Employer");
		long companyId = linkOf(company);
		String key = linkedLead("association-retried@example.com", "As", "Soc");
		String id = fixture.contactId("association-retried@example.com");
		// the lead's new company: the record is written and recorded (the link's
		// high-water mark moves past the change), then the association's write fails
		// past the client's retries, and the batch is retried
		String create = PATHS.associationsBatch("contacts", "companies", "create");
		emulator.admin().failNext("POST", create, 503, 6);
		try {
			changes.send(List.of(changes.updateLead(key, "company_id = '" + company + "'::uuid")));
			await().atMost(WAIT).until(() -> emulator.admin().answered("POST", create, 503) >= 6);
		}
		finally {
			emulator.admin().clearFaults();
		}
		// the retried batch finds the change older than the link's high-water mark, and
		// still writes its association
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.associations().list("contacts", id, "companies"))
				.withFailMessage(() -> "no association; " + fixture.syncState(id))
				.anySatisfy(
						(association) -> assertThat(association.toObjectId()).isEqualTo(String.valueOf(companyId))));
	}

	@Test
	void aFieldOfAChangeSetAsideForAnotherFieldStillConvergesToItsLatestEdit() throws Exception {
		String key = linkedLead("set-aside@example.com", "Ada", "Start");
		String id = fixture.contactId("set-aside@example.com");
		// T1: one product change sets a new first name and an email that is no email (the
		// match key: the change is set aside whole, dead-lettered)
		changes.send(List.of(changes.updateLead(key, "first_name = 'NewFirst', email = 'not an email'")));
		await().atMost(WAIT).untilAsserted(() -> {
			readDeadLetters();
			assertThat(dead).anySatisfy((entry) -> assertThat(entry).contains(key).contains("email"));
		});
		// T2 > T1: a HubSpot user sets another first name; then the product puts its
		// email
		// back, a change that does not touch the first name
		user.objects().update("contacts", id, Map.of("firstname", "FromHubSpot"));
		events.send(List.of(Events.propertyChange(id, "firstname", "FromHubSpot")));
		changes.send(List.of(changes.updateLead(key, "email = 'set-aside@example.com'")));
		// the first name converges to its latest edit (HubSpot's) on both sides
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(fixture.contact("set-aside@example.com")).as(() -> fixture.syncState(id))
				.containsEntry("firstname", "FromHubSpot");
			assertThat(lead("set-aside@example.com")).containsEntry("first_name", "FromHubSpot");
		});
	}

	@Test
	void aValueThatDoesNotConvertIsRefusedAloneWhileTheRecordsOtherFieldsSync() throws Exception {
		String key = linkedLead("long-name@example.com", "Ada", "Short");
		String id = fixture.contactId("long-name@example.com");
		// a last name no HubSpot property holds (longer than 65,536 characters) beside a
		// new first name: the first name goes, the last name is refused and reviewed
		changes.send(List.of(changes.updateLead(key, "first_name = 'Adele', last_name = repeat('x', 70000)")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(fixture.contact("long-name@example.com")).as(() -> fixture.syncState(id))
				.containsEntry("firstname", "Adele")
				.containsEntry("lastname", "Short"));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(sql.row("SELECT field, detail FROM hubsync.review WHERE kind = 'field_refused'"
							+ " AND platform_key = ? AND resolved_at IS NULL", key))
						.isNotNull()
						.containsEntry("field", "lastname")
						.hasEntrySatisfying("detail", (detail) -> assertThat(detail.toString()).contains("65536")));
		assertThat(sql.row("SELECT 1 FROM hubsync.sync_log WHERE platform_key = ? AND outcome = 'refused'"
				+ " AND field = 'lastname'", key))
			.isNotNull();
		readDeadLetters();
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).contains(key));
	}

	@Test
	void aRefusedValueIsNoLongerReviewedOnceTheRowIsDeletedOrFixedOnRestore() throws Exception {
		String key = linkedLead("refused-restored@example.com", "Ada", "Short");
		changes.send(List.of(changes.updateLead(key, "last_name = repeat('x', 70000)")));
		String open = "SELECT 1 FROM hubsync.review WHERE kind = 'field_refused' AND platform_key = ?"
				+ " AND resolved_at IS NULL";
		await().atMost(WAIT).until(() -> sql.row(open, key) != null);
		// the product deletes the row: nothing is left for a person to fix (chaos seed
		// 42)
		changes.send(List.of(changes.updateLead(key, "deleted_at = now()")));
		await().atMost(WAIT).until(() -> fixture.contactId("refused-restored@example.com") == null);
		await().atMost(WAIT).until(() -> sql.row(open, key) == null);
		assertThat(
				sql.row("SELECT resolution FROM hubsync.review WHERE kind = 'field_refused' AND platform_key = ?", key))
			.containsEntry("resolution", "deleted");
		// restored with a last name HubSpot takes, its record is made again, and nothing
		// is reviewed (chaos seed 2026)
		changes.send(List.of(changes.updateLead(key, "deleted_at = NULL, last_name = 'Fixed'")));
		await().atMost(WAIT)
			.until(() -> "Fixed".equals(fixture.contact("refused-restored@example.com").get("lastname")));
		assertThat(sql.row(open, key)).isNull();
	}

	@Test
	void aHubSpotChangeWaitingForTheProductsEventIsDecidedWhenTheRowIsDeletedAndItsRestoredRecordKeepsIt()
			throws Exception {
		String key = linkedLead("deleted-waiting@example.com", "Del", "Start");
		String id = fixture.contactId("deleted-waiting@example.com");
		// T1: the product sets a last name; its change event is on its way (a publisher
		// down)
		ProducerRecord<String, byte[]> set = heldBackLeadChange(key, "last_name = 'Product'");
		// T2 > T1: a HubSpot user sets another; the inbound direction finds both changed
		// and leaves the decision to the product's change event
		user.objects().update("contacts", id, Map.of("lastname", "HubSpot"));
		events.send(List.of(Events.propertyChange(id, "lastname", "HubSpot")));
		await().atMost(WAIT)
			.until(() -> sql.row("SELECT 1 FROM hubsync.sync_log WHERE hubspot_id = ? AND direction = 'inbound'"
					+ " AND outcome = 'deferred' AND field = 'lastname'", Long.parseLong(id)) != null);
		// T3: the product deletes the row; its two change events come in one batch (chaos
		// seed 7)
		changes.send(List.of(set, changes.updateLead(key, "deleted_at = now()")));
		await().atMost(WAIT).until(() -> fixture.contactId("deleted-waiting@example.com") == null);
		// HubSpot's change was the later one: it reached the row before the archive
		assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key))
			.as(() -> fixture.syncState(id))
			.containsEntry("last_name", "HubSpot");
		// the restored row's record, made again, carries it
		changes.send(List.of(changes.updateLead(key, "deleted_at = NULL")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(fixture.contact("deleted-waiting@example.com")).containsEntry("lastname",
					"HubSpot"));
		readDeadLetters();
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).contains(key));
	}

	@Test
	void aHubSpotEditNotSeenYetWhenTheProductDeletesTheRowReachesIt() throws Exception {
		hubSpotEditUnseenAtTheDeletion("deleted-unseen@example.com", false);
	}

	@Test
	void aHubSpotEditNotSeenYetWhenTheProductDeletesTheRowReachesItAndTheProductsLaterChangeStays() throws Exception {
		hubSpotEditUnseenAtTheDeletion("deleted-unseen-both@example.com", true);
	}

	/**
	 * A HubSpot user edits a synced lead's last name (its webhook is late); then the
	 * product sets the first name, or not, and deletes the row, and later restores it.
	 */
	private static void hubSpotEditUnseenAtTheDeletion(String email, boolean productChangesToo) throws Exception {
		String key = linkedLead(email, "Unseen", "Start");
		String id = fixture.contactId(email);
		user.objects().update("contacts", id, Map.of("lastname", "HubSpot"));
		long updates = emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "update")).size();
		List<ProducerRecord<String, byte[]>> productChanges = new ArrayList<>();
		if (productChangesToo) {
			productChanges.add(changes.updateLead(key, "first_name = 'Product'"));
		}
		productChanges.add(changes.updateLead(key, "deleted_at = now()"));
		changes.send(productChanges);
		await().atMost(WAIT).until(() -> fixture.contactId(email) == null);
		// HubSpot's edit reached the row before the archive; the record about to be
		// archived was not written
		String firstName = productChangesToo ? "Product" : "Unseen";
		assertThat(sql.row("SELECT first_name, last_name FROM public.leads WHERE id = ?::uuid", key))
			.as(() -> fixture.syncState(id))
			.containsEntry("first_name", firstName)
			.containsEntry("last_name", "HubSpot");
		assertThat(emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "update"))).hasSize((int) updates);
		// the restored row's record carries both sides' changes
		changes.send(List.of(changes.updateLead(key, "deleted_at = NULL")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(fixture.contact(email)).containsEntry("firstname", firstName)
				.containsEntry("lastname", "HubSpot"));
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void hubSpotAnswering503ForLongerThanTheBackOffIsReportedAsDegradedAndLosesNothing(CapturedOutput output)
			throws Exception {
		String key = linkedLead("outage@example.com", "Out", "Age");
		emulator.admin()
			.faults(Map.of("rules", List.of(Map.of("method", "POST", "path", PATHS.objectsBatch("contacts", "update"),
					"errorRate", 1.0, "status", 503))));
		try {
			changes.send(List.of(changes.updateLead(key, "last_name = 'After Outage'")));
			// retried far past the back-off (500 ms at most here) and past degraded-after
			// (1 s): the health says where and why, readiness stays up, the status names
			// the record, and a WARN line says it again
			await().atMost(WAIT).untilAsserted(() -> {
				HttpResponse<String> health = admin("GET", "/actuator/health");
				assertThat(health.statusCode()).isEqualTo(200);
				assertThat(health.body()).contains("\"DEGRADED\"").contains("outbound partition").contains(key);
				assertThat(admin("GET", "/actuator/health/readiness").body()).contains("\"UP\"");
				assertThat(admin("GET", "/api/status").body()).contains("\"stalls\":[{").contains(key).contains("503");
				assertThat(admin("GET", "/actuator/prometheus").body())
					.containsPattern("hubsync_worker_retrying_seconds\\{[^}]*direction=\"outbound\"[^}]*\\} [1-9]");
				assertThat(output.getOut()).contains("stalled for").contains(key);
			});
		}
		finally {
			emulator.admin().clearFaults();
		}
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(fixture.contact("outage@example.com")).containsEntry("lastname", "After Outage"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(admin("GET", "/actuator/health").body()).doesNotContain("DEGRADED"));
		assertThat(admin("GET", "/api/status").body()).contains("\"stalls\":[]");
		readDeadLetters();
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).contains(key));
	}

	@Test
	void postgresStoppedForLongerThanTheBackOffDelaysBothDirectionsReportsDegradedAndLosesNothing() throws Exception {
		String key = linkedLead("db-outage@example.com", "Db", "Outage");
		String id = fixture.contactId("db-outage@example.com");
		ProducerRecord<String, byte[]> productChange = changes.updateLead(key, "first_name = 'ProductDuring'");
		PostgresServer postgres = SharedInfra.postgres();
		postgres.stop();
		try {
			// a change each way while the database is away: retried with back-off (500
			// ms at most here), past degraded-after (1 s)
			changes.send(List.of(productChange));
			user.objects().update("contacts", id, Map.of("lastname", "HubSpotDuring"));
			events.send(List.of(Events.propertyChange(id, "lastname", "HubSpotDuring")));
			// the sync's own component (the database's indicator waits for a connection)
			await().atMost(WAIT).untilAsserted(() -> {
				HttpResponse<String> health = admin("GET", "/actuator/health/sync");
				assertThat(health.statusCode()).isEqualTo(200);
				assertThat(health.body()).contains("\"DEGRADED\"")
					.contains("outbound partition")
					.contains("inbound partition")
					.contains("Connection refused");
			});
		}
		finally {
			postgres.start();
		}
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(lead("db-outage@example.com")).containsEntry("last_name", "HubSpotDuring");
			assertThat(fixture.contact("db-outage@example.com")).containsEntry("firstname", "ProductDuring");
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(admin("GET", "/actuator/health/sync").body()).contains("\"UP\""));
		readDeadLetters();
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).contains(key));
	}

	@Test
	void aRevokedTokenPausesTheDirectionWithoutDeadLettersAndItResumesOnceTheTokenWorks() throws Exception {
		String key = linkedLead("revoked@example.com", "Re", "Voked");
		emulator.admin().revokeToken(HubSpotEmulator.APP_TOKEN);
		try {
			changes.send(List.of(changes.updateLead(key, "last_name = 'Written Later'")));
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(admin("GET", "/api/status").body()).contains("\"credentialsRefused\":{\"outbound\"")
					.contains("401");
				assertThat(admin("GET", "/actuator/prometheus").body())
					.containsPattern("hubsync_worker_auth_paused\\{[^}]*direction=\"outbound\"[^}]*\\} 1");
			});
			// paused: only the probe calls HubSpot (no batch is retried, none is split
			// into single records)
			long refusedBatchCalls = refusedBatchCalls();
			int probes = probes();
			await().atMost(WAIT).until(() -> probes() >= probes + 2);
			assertThat(refusedBatchCalls()).isEqualTo(refusedBatchCalls);
		}
		finally {
			emulator.admin().reinstateToken(HubSpotEmulator.APP_TOKEN);
		}
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(fixture.contact("revoked@example.com")).containsEntry("lastname",
					"Written Later"));
		assertThat(admin("GET", "/api/status").body()).contains("\"credentialsRefused\":{}");
		readDeadLetters();
		assertThat(dead).noneSatisfy((entry) -> assertThat(entry).contains(key));
	}

	private static long refusedBatchCalls() {
		return emulator.admin().answered("POST", PATHS.objects("contacts") + "/batch", 401);
	}

	private static int probes() {
		return emulator.admin().requests("GET", PATHS.objects("contacts")).size();
	}

	@Test
	void aDeletionDeliveredAfterARestoreLeavesTheRecordLive() throws Exception {
		String key = linkedLead("phoenix@example.com", "Phoe", "Nix");
		String id = fixture.contactId("phoenix@example.com");
		user.objects().archive("contacts", id);
		emulator.admin().restore("contacts", id);
		// the deletion's webhook arrives after the restore happened
		events.send(List.of(Events.event("contact.deletion", Long.parseLong(id), Instant.now(), Map.of())));
		await().atMost(WAIT)
			.until(() -> sql.count("SELECT count(*) FROM hubsync.processed_event WHERE identity LIKE ?",
					"%:contact.deletion:" + id + ":%") > 0);
		assertThat(sql.row("SELECT deleted_at FROM public.leads WHERE id = ?::uuid", key)).containsEntry("deleted_at",
				null);
		assertThat(sql.row("SELECT archived FROM hubsync.link WHERE platform_key = ?", key)).containsEntry("archived",
				false);
	}

	@Test
	void aRestoreInHubSpotOlderThanTheProductsLaterDeletionLeavesTheRecordDeletedOnBothSides() throws Exception {
		String key = linkedLead("lazarus@example.com", "Laz", "Arus");
		String id = fixture.contactId("lazarus@example.com");
		deletedInHubSpotAndFollowed(key, id);
		// HubSpot restores the record; before its restore event arrives, the product
		// (whose row is still deleted, as the product sees it) deletes the row again:
		// the product's deletion is the later change
		emulator.admin().restore("contacts", id);
		Instant restoredAt = Instant.now();
		awaitClockPast(restoredAt);
		sql.execute("UPDATE public.leads SET deleted_at = now() WHERE id = ?::uuid", key);
		events.send(List.of(Events.event("contact.restore", Long.parseLong(id), restoredAt, Map.of())));
		// the row stays deleted, and the deletion follows to the record
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(user.objects().get("contacts", id, ReadOptions.properties(List.of("email"))))
						.as(() -> fixture.syncState(id))
						.isEmpty());
		assertThat(sql.row("SELECT 1 FROM public.leads WHERE id = ?::uuid AND deleted_at IS NOT NULL", key))
			.isNotNull();
		assertThat(sql.row("SELECT archived FROM hubsync.link WHERE platform_key = ?", key)).containsEntry("archived",
				true);
	}

	@Test
	void aRestoreWebhookDeliveredLateDoesNotUndoALaterRestore() throws Exception {
		String key = linkedLead("late-restore@example.com", "Late", "Restore");
		String id = fixture.contactId("late-restore@example.com");
		String deleted = "SELECT 1 FROM public.leads WHERE id = ?::uuid AND deleted_at IS NOT NULL";
		String live = "SELECT 1 FROM public.leads WHERE id = ?::uuid AND deleted_at IS NULL";
		// T1: HubSpot deletes the record; the row is archived
		deletedInHubSpotAndFollowed(key, id);
		// T2: HubSpot restores it; this restore's webhook (E2) is delayed (HubSpot
		// retries)
		emulator.admin().restore("contacts", id);
		Instant t2 = Instant.now();
		// a HubSpot edit's webhook brings the live record: the row comes back
		user.objects().update("contacts", id, Map.of("lastname", "Edited"));
		events.send(List.of(Events.propertyChange(id, "lastname", "Edited")));
		await().atMost(WAIT).until(() -> sql.row(live, key) != null);
		// T3: HubSpot deletes it again; the row is archived at T3
		awaitClockPast(t2);
		deletedInHubSpotAndFollowed(key, id);
		// T4: HubSpot restores it again; E2 arrives now (older than the deletion at T3),
		// then E4
		emulator.admin().restore("contacts", id);
		Instant t4 = Instant.now();
		events.send(List.of(Events.event("contact.restore", Long.parseLong(id), t2, Map.of())));
		events.send(List.of(Events.event("contact.restore", Long.parseLong(id), t4, Map.of())));
		// HubSpot's last action was a restore, and the product never deleted the row:
		// both sides live
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(sql.row(live, key)).as(() -> fixture.syncState(id)).isNotNull();
			assertThat(user.objects().get("contacts", id, ReadOptions.properties(List.of("email"))))
				.as(() -> fixture.syncState(id))
				.isPresent();
		});
		assertThat(sql.row("SELECT archived FROM hubsync.link WHERE platform_key = ?", key)).containsEntry("archived",
				false);
	}

	@Test
	void anAssociationToARecordArchivedInHubSpotIsRefusedOnceNotRetriedForEver() throws Exception {
		String company = linkedCompany("Archived Employer");
		long companyId = linkOf(company);
		// the company is archived in HubSpot (its webhook not applied yet, or parked by
		// the mass-deletion guard), and the product sets a lead's company to it
		user.objects().archive("companies", String.valueOf(companyId));
		String key = linkedLead("association-archived@example.com", "Ar", "Chived");
		String create = PATHS.associationsBatch("contacts", "companies", "create");
		// HubSpot refuses the association; the change is processed rather than the batch
		// retried for as long as HubSpot refuses
		sendAndAwaitProcessed(key, changes.updateLead(key, "company_id = '" + company + "'::uuid"));
		long refused = emulator.admin().requests("POST", create).stream().filter((r) -> r.status() >= 400).count();
		assertThat(refused).as("association creates HubSpot refused").isBetween(1L, 2L);
	}

	@Test
	void aProductDeletionAfterARestoreSeenOnlyByALiveReadStaysDeleted() throws Exception {
		String key = linkedLead("live-restore@example.com", "Live", "Restore");
		String id = fixture.contactId("live-restore@example.com");
		String deleted = "SELECT 1 FROM public.leads WHERE id = ?::uuid AND deleted_at IS NOT NULL";
		deletedInHubSpotAndFollowed(key, id);
		// HubSpot restores the record and a user edits it; then the product deletes the
		// row again, the last change of all
		emulator.admin().restore("contacts", id);
		Instant restoredAt = Instant.now();
		user.objects().update("contacts", id, Map.of("lastname", "Edited"));
		awaitClockPast(Instant.now());
		sql.execute("UPDATE public.leads SET deleted_at = now() WHERE id = ?::uuid", key);
		// the edit's webhook arrives first (the record read live, no restore event): the
		// row stays deleted and its deletion follows to the record
		events.send(List.of(Events.propertyChange(id, "lastname", "Edited")));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(user.objects().get("contacts", id, ReadOptions.properties(List.of("email"))))
						.as(() -> fixture.syncState(id))
						.isEmpty());
		// the restore's webhook after it changes nothing
		events.send(List.of(Events.event("contact.restore", Long.parseLong(id), restoredAt, Map.of())));
		await().atMost(WAIT)
			.until(() -> sql.count("SELECT count(*) FROM hubsync.processed_event WHERE identity LIKE ?",
					"%:contact.restore:" + id + ":%") > 0);
		assertThat(sql.row(deleted, key)).as(() -> fixture.syncState(id)).isNotNull();
	}

	@Test
	void oneAssociationHubSpotRefusesLeavesTheOthersOfItsCallWritten() throws Exception {
		String archivedCompany = linkedCompany("Refused Employer");
		String liveCompany = linkedCompany("Live Employer");
		user.objects().archive("companies", String.valueOf(linkOf(archivedCompany)));
		String first = linkedLead("chunk-0@example.com", "Chunk", "Zero");
		List<String> others = new ArrayList<>();
		for (int i = 1; i <= 6; i++) {
			others.add(linkedLead("chunk-" + i + "@example.com", "Chunk", "N" + i));
		}
		// one batch: the first lead's company is archived in HubSpot, the six others' is
		// live; HubSpot refuses the call that holds all seven
		List<ProducerRecord<String, byte[]>> batch = new ArrayList<>();
		batch.add(changes.updateLead(first, "company_id = '" + archivedCompany + "'::uuid"));
		for (String other : others) {
			batch.add(changes.updateLead(other, "company_id = '" + liveCompany + "'::uuid"));
		}
		changes.send(batch);
		await().atMost(WAIT).untilAsserted(() -> {
			for (int i = 1; i <= 6; i++) {
				String id = fixture.contactId("chunk-" + i + "@example.com");
				assertThat(user.associations().list("contacts", id, "companies")).as(() -> fixture.syncState(id))
					.anySatisfy((association) -> assertThat(association.toObjectId())
						.isEqualTo(String.valueOf(linkOf(liveCompany))));
			}
		});
		assertThat(user.associations().list("contacts", fixture.contactId("chunk-0@example.com"), "companies"))
			.isEmpty();
	}

	@Test
	void anAssociationHubSpotRefusedIsNotUndoneByALaterReadOfTheRecordsAssociations() throws Exception {
		String oldCompany = linkedCompany("Old Employer");
		String archivedCompany = linkedCompany("Archived New Employer");
		String key = linkedLead("refused-fk@example.com", "Fk", "Kept");
		String id = fixture.contactId("refused-fk@example.com");
		changes.send(List.of(changes.updateLead(key, "company_id = '" + oldCompany + "'::uuid")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.associations().list("contacts", id, "companies"))
				.anySatisfy((a) -> assertThat(a.toObjectId()).isEqualTo(String.valueOf(linkOf(oldCompany)))));
		// the product moves the lead to a company archived in HubSpot: the old
		// association is removed, the new one refused
		user.objects().archive("companies", String.valueOf(linkOf(archivedCompany)));
		sendAndAwaitProcessed(key, changes.updateLead(key, "company_id = '" + archivedCompany + "'::uuid"));
		// a later read of the contact's associations (here a user's association change
		// of another object type) does not take the product's company for HubSpot's
		// removal of it
		events.send(List.of(dealAssociationEvent(id)));
		awaitAssociationEventProcessed(id);
		assertThat(sql.row("SELECT company_id::text AS c FROM public.leads WHERE id = ?::uuid", key))
			.as(() -> fixture.syncState(id))
			.containsEntry("c", archivedCompany);
	}

	@Test
	void aReadOfTheAssociationsBetweenTheOutboundCreationAndRemovalKeepsTheProductsCompany() throws Exception {
		String oldCompany = linkedCompany("Race Old Employer");
		String newCompany = linkedCompany("Race New Employer");
		String key = linkedLead("race-fk@example.com", "Race", "Fk");
		String id = fixture.contactId("race-fk@example.com");
		changes.send(List.of(changes.updateLead(key, "company_id = '" + oldCompany + "'::uuid")));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.associations().list("contacts", id, "companies"))
				.anySatisfy((a) -> assertThat(a.toObjectId()).isEqualTo(String.valueOf(linkOf(oldCompany)))));
		// the product moves the lead to another company; each of the outbound direction's
		// two association calls (the new one's creation, the old one's removal) is
		// handled 3 s late, and between them a HubSpot user edits the contact and one of
		// its other associations: both events arrive in one batch, which re-reads the
		// contact's associations while HubSpot holds what the first call left
		emulator.admin()
			.faults(Map.of("rules", List.of(
					Map.of("method", "POST", "path", PATHS.associationsBatch("contacts", "companies", "archive"),
							"errorRate", 0.0, "latencyMs", 3000, "count", 1),
					Map.of("method", "POST", "path", PATHS.associationsBatch("contacts", "companies", "create"),
							"errorRate", 0.0, "latencyMs", 3000, "count", 1))));
		try {
			String old = String.valueOf(linkOf(oldCompany));
			changes.send(List.of(changes.updateLead(key, "company_id = '" + newCompany + "'::uuid")));
			// the first call went through
			await().atMost(WAIT)
				.pollInterval(Duration.ofMillis(20))
				.until(() -> !user.associations()
					.list("contacts", id, "companies")
					.stream()
					.map((a) -> a.toObjectId())
					.toList()
					.equals(List.of(old)));
			user.objects().update("contacts", id, Map.of("lastname", "Raced"));
			events.send(List.of(Events.propertyChange(id, "lastname", "Raced"), dealAssociationEvent(id)));
			awaitAssociationEventProcessed(id);
		}
		finally {
			emulator.admin().clearFaults();
		}
		// the product keeps its new company, and HubSpot ends with it alone
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(user.associations().list("contacts", id, "companies")).as(() -> fixture.syncState(id))
				.extracting((a) -> a.toObjectId())
				.containsExactly(String.valueOf(linkOf(newCompany)));
			assertThat(sql.row("SELECT company_id::text AS c FROM public.leads WHERE id = ?::uuid", key))
				.containsEntry("c", newCompany);
		});
	}

	// a contact's company changed on both sides within the sync's latency (chaos seed
	// 42): the later change wins whichever direction sees its change first. HubSpot's
	// association has no history; its time is its webhook's occurredAt

	@Test
	void aProductCompanyChangedAfterHubSpotsWinsWhenHubSpotsWebhookIsProcessedFirst() throws Exception {
		companyChangedOnBothSides("both-pl-wf", true, true);
	}

	@Test
	void aProductCompanyChangedAfterHubSpotsWinsWhenTheProductsEventIsProcessedFirst() throws Exception {
		companyChangedOnBothSides("both-pl-pf", true, false);
	}

	@Test
	void aHubSpotCompanyChangedAfterTheProductsWinsWhenTheProductsEventIsProcessedFirst() throws Exception {
		companyChangedOnBothSides("both-hl-pf", false, false);
	}

	@Test
	void aHubSpotCompanyChangedAfterTheProductsWinsWhenHubSpotsWebhookIsProcessedFirst() throws Exception {
		companyChangedOnBothSides("both-hl-wf", false, true);
	}

	/**
	 * Moves a synced lead to one company in the product and its contact to another in
	 * HubSpot, the later of the two changes being the product's or HubSpot's, and
	 * delivers HubSpot's webhook before or after the product's change event; both sides
	 * end with the later change's company.
	 */
	@Test
	void aCompanyFirstSetInTheProductAfterHubSpotsOnARecordItCreatedWins() throws Exception {
		// the lead had no company when the sync created its contact
		companyChangedOnBothSides("both-none-pl-pf", true, false, false);
	}

	private static void companyChangedOnBothSides(String name, boolean productLater, boolean webhookFirst)
			throws Exception {
		companyChangedOnBothSides(name, productLater, webhookFirst, true);
	}

	private static void companyChangedOnBothSides(String name, boolean productLater, boolean webhookFirst,
			boolean hadOne) throws Exception {
		String oldCompany = hadOne ? linkedCompany(name + " old") : null;
		String productCompany = linkedCompany(name + " product's");
		String hubspotCompany = linkedCompany(name + " HubSpot's");
		String key = linkedLead(name + "@example.com", "Both", "Changed");
		String id = fixture.contactId(name + "@example.com");
		if (hadOne) {
			companySynced(key, id, oldCompany);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(user.associations().list("contacts", id, "companies"))
					.extracting((a) -> a.toObjectId())
					.containsExactly(String.valueOf(linkOf(oldCompany))));
		}
		Instant hubspotAt;
		ProducerRecord<String, byte[]> productChange;
		if (productLater) {
			hubspotAt = moveInHubSpot(id, oldCompany, hubspotCompany);
			productChange = changes.updateLead(key, "company_id = '" + productCompany + "'::uuid");
		}
		else {
			productChange = changes.updateLead(key, "company_id = '" + productCompany + "'::uuid");
			hubspotAt = moveInHubSpot(id, oldCompany, hubspotCompany);
		}
		String webhook = primaryCompanyEvent(id, linkOf(hubspotCompany), hubspotAt, false);
		if (webhookFirst) {
			events.send(List.of(webhook));
			awaitAssociationEventProcessed(id);
			changes.send(List.of(productChange));
		}
		else {
			sendAndAwaitProcessed(key, productChange);
			events.send(List.of(webhook));
		}
		String winner = productLater ? productCompany : hubspotCompany;
		assertCompanyOnBothSides(key, id, winner);
	}

	// HubSpot moves the contact to a company it has just created (not linked yet,
	// its creation webhook comes after the association's), the product then moves the
	// lead to another company: the product's later change is to win. The association
	// event is parked (pending_association) without its time; when the company is
	// linked, resolvePending decides with no HubSpot time while the outbound direction
	// kept the product's and waits for HubSpot's event, which has been consumed
	@Test
	void aProductCompanyChangedAfterHubSpotMovedTheContactToAnUnlinkedCompanyWins() throws Exception {
		String name = "rv-pending";
		String oldCompany = linkedCompany(name + " old");
		String productCompany = linkedCompany(name + " product's");
		String key = linkedLead(name + "@example.com", "Pend", "Ing");
		String id = fixture.contactId(name + "@example.com");
		companySynced(key, id, oldCompany);
		// a HubSpot user creates a company and moves the contact to it
		HubSpotObject created = user.objects()
			.create("companies", Map.of("name", name + " HubSpot's", "industry", "RETAIL"), List.of());
		user.associations().remove("contacts", id, "companies", String.valueOf(linkOf(oldCompany)));
		user.associations()
			.associate("contacts", id, "companies", created.id(),
					List.of(dev.hubsync.hubspot.associations.AssociationSpec.hubspotDefined(1)));
		Instant hubspotAt = Instant.now();
		// then the product moves the lead: the later change
		sendAndAwaitProcessed(key, changes.updateLead(key, "company_id = '" + productCompany + "'::uuid"));
		// HubSpot's association webhook, then the company's creation webhook
		events.send(List.of(primaryCompanyEvent(id, Long.parseLong(created.id()), hubspotAt, false)));
		awaitAssociationEventProcessed(id);
		events.send(List.of(Events.event("company.creation", Long.parseLong(created.id()), hubspotAt, Map.of())));
		await().atMost(WAIT)
			.until(() -> sql.row("SELECT 1 FROM hubsync.link WHERE hubspot_id = ?",
					Long.parseLong(created.id())) != null);
		assertCompanyOnBothSides(key, id, productCompany);
	}

	// HubSpot moves the contact's primary company (t1), the product moves the
	// lead later (t2), and a HubSpot user then adds a secondary, non-primary company to
	// the contact (t3). The secondary association's event (same association type name
	// CONTACT_TO_COMPANY, isPrimaryAssociation false) lends its later time to the
	// primary association: HubSpot's older move beats the product's later one
	@Test
	void aSecondaryAssociationsEventDoesNotLendItsTimeToThePrimaryCompany() throws Exception {
		String name = "rv-secondary";
		String oldCompany = linkedCompany(name + " old");
		String productCompany = linkedCompany(name + " product's");
		String hubspotCompany = linkedCompany(name + " HubSpot's");
		String otherCompany = linkedCompany(name + " other");
		String key = linkedLead(name + "@example.com", "Second", "Ary");
		String id = fixture.contactId(name + "@example.com");
		companySynced(key, id, oldCompany);
		Instant hubspotAt = moveInHubSpot(id, oldCompany, hubspotCompany);
		sendAndAwaitProcessed(key, changes.updateLead(key, "company_id = '" + productCompany + "'::uuid"));
		user.associations()
			.associate("contacts", id, "companies", String.valueOf(linkOf(otherCompany)),
					List.of(dev.hubsync.hubspot.associations.AssociationSpec.hubspotDefined(279)));
		Instant secondaryAt = Instant.now();
		events.send(List.of(primaryCompanyEvent(id, linkOf(hubspotCompany), hubspotAt, false),
				associationEvent(id, linkOf(otherCompany), secondaryAt, false, false)));
		assertCompanyOnBothSides(key, id, productCompany);
	}

	// HubSpot moves the contact twice (old -> H1 at t1, H1 -> H2 at t3) around
	// the product's move (t2). The first webhook arrives alone, after the second move:
	// its time t1 is taken for HubSpot's current target H2, the product's t2 beats it,
	// and HubSpot's latest change (t3) is overwritten; its own webhook then finds both
	// sides equal
	@Test
	void anOlderAssociationWebhookDeliveredAfterALaterMoveDoesNotLetTheProductOverwriteIt() throws Exception {
		String name = "rv-reorder";
		String oldCompany = linkedCompany(name + " old");
		String productCompany = linkedCompany(name + " product's");
		String firstCompany = linkedCompany(name + " HubSpot's first");
		String secondCompany = linkedCompany(name + " HubSpot's second");
		String key = linkedLead(name + "@example.com", "Re", "Order");
		String id = fixture.contactId(name + "@example.com");
		companySynced(key, id, oldCompany);
		Instant firstAt = moveInHubSpot(id, oldCompany, firstCompany);
		ProducerRecord<String, byte[]> productChange = changes.updateLead(key,
				"company_id = '" + productCompany + "'::uuid");
		Instant secondAt = moveInHubSpot(id, firstCompany, secondCompany);
		sendAndAwaitProcessed(key, productChange);
		events.send(List.of(primaryCompanyEvent(id, linkOf(firstCompany), firstAt, false)));
		awaitAssociationEventProcessed(id);
		// what the inbound direction made of it is done before HubSpot's next webhook
		awaitInboundCompanyDecision(id, productCompany);
		events.send(List.of(primaryCompanyEvent(id, linkOf(secondCompany), secondAt, false)));
		assertCompanyOnBothSides(key, id, secondCompany);
	}

	// rev7: a lead that existed before the sync (its company set then: no event of it
	// is to come) is linked by matching when another column changes; HubSpot's contact
	// has another company. Neither side's time is known: on first link HubSpot's
	// wins (AssociationMerge). changeTimes maps company_id to null ("its event
	// follows") because the batch has a product change of the row and none of the
	// column, and merge() leaves the association undecided for good
	@Test
	void aCompanyOfARowFirstLinkedByMatchingOnAnotherColumnsChangeIsDecided() throws Exception {
		String name = "rv7-match";
		String productCompany = linkedCompany(name + " product's");
		String hubspotCompany = linkedCompany(name + " HubSpot's");
		String email = name + "@example.com";
		sql.execute("INSERT INTO public.leads (email, first_name, last_name, company_id) VALUES (?, 'Match', 'Ed',"
				+ " ?::uuid)", email, productCompany);
		String key = key(email);
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", email, "firstname", "Match", "lastname", "Ed"), List.of());
		String id = contact.id();
		user.associations()
			.associate("contacts", id, "companies", String.valueOf(linkOf(hubspotCompany)),
					List.of(AssociationSpec.hubspotDefined(1)));
		changes.send(List.of(changes.updateLead(key, "first_name = 'Matched'")));
		await().atMost(WAIT).until(() -> sql.row("SELECT 1 FROM hubsync.link WHERE platform_key = ?", key) != null);
		assertCompanyOnBothSides(key, id, hubspotCompany);
	}

	@Test
	void hubSpotEditsThatEndWhereTheyBeganDoNotUndoALaterProductChange() throws Exception {
		String key = linkedLead("net-zero@example.com", "Net", "Start");
		String id = fixture.contactId("net-zero@example.com");
		// a HubSpot user changes the last name and changes it back; their webhooks are
		// late (chaos seed 2026)
		lastNameSetAwayAndBack(id);
		// the product then changes it: HubSpot holds the last-synced value, so the
		// product's change is written
		changes.send(List.of(changes.updateLead(key, "last_name = 'Product'")));
		await().atMost(WAIT).until(() -> "Product".equals(fixture.contact("net-zero@example.com").get("lastname")));
		// HubSpot's two webhooks arrive: its edits came before the product's change and
		// left nothing changed, so nothing goes back to the product
		lastNameWebhooksProcessed(id);
		assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key))
			.as(() -> fixture.syncState(id))
			.containsEntry("last_name", "Product");
		assertThat(fixture.contact("net-zero@example.com")).containsEntry("lastname", "Product");
	}

	@Test
	void hubSpotEditsThatEndWhereTheyBeganAfterTheProductsChangeAreTheLaterChange() throws Exception {
		String key = linkedLead("net-zero-later@example.com", "Net", "Start");
		String id = fixture.contactId("net-zero-later@example.com");
		// the product changes the last name (its change event late) ...
		ProducerRecord<String, byte[]> productChange = heldBackLeadChange(key, "last_name = 'Product'");
		// ... then a HubSpot user sets one and sets it back (chaos seed 2026: set and
		// cleared 2.6 s after the product's change); their webhooks are late
		lastNameSetAwayAndBack(id);
		// the product's event comes: HubSpot holds the last-synced value, but the
		// record changed since the sync last looked, and its history shows the user's
		// edits after the product's change: the last of them is the latest change of the
		// field, and both sides take it
		changes.send(List.of(productChange));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key))
				.as(() -> fixture.syncState(id))
				.containsEntry("last_name", "Start");
			assertThat(fixture.contact("net-zero-later@example.com")).containsEntry("lastname", "Start");
		});
		// HubSpot's webhooks arrive late: nothing changes
		lastNameWebhooksProcessed(id);
		assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key))
			.as(() -> fixture.syncState(id))
			.containsEntry("last_name", "Start");
		assertThat(fixture.contact("net-zero-later@example.com")).containsEntry("lastname", "Start");
	}

	@Test
	void aContactMadeInHubSpotWhileTheProductsRestoreIsOnItsWayIsLinkedToTheRestoredRow() throws Exception {
		String email = "restored-meanwhile@example.com";
		String key = linkedLead(email, "Res", "Tored");
		// the product deletes the row: its contact is archived
		sendAndAwaitProcessed(key, changes.updateLead(key, "deleted_at = now()"));
		await().atMost(WAIT).until(() -> fixture.contactId(email) == null);
		// the product restores the row, its event late; meanwhile a HubSpot user makes a
		// contact with its email (chaos seed 42: it became a second row)
		ProducerRecord<String, byte[]> restore = heldBackLeadChange(key, "deleted_at = NULL");
		HubSpotObject made = user.objects().create("contacts", Map.of("email", email, "firstname", "Made"), List.of());
		events.send(List.of(Events.event("contact.creation", Long.parseLong(made.id()), Instant.now(), Map.of())));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					sql.row("SELECT platform_key FROM hubsync.link WHERE hubspot_id = ?" + " AND NOT archived",
							Long.parseLong(made.id())))
				.as(() -> fixture.syncState(made.id()))
				.containsEntry("platform_key", key));
		assertThat(sql.count("SELECT count(*) FROM public.leads WHERE lower(email) = ?", email)).isEqualTo(1);
		// the restore's event comes: the row stays paired with that contact, nothing is
		// made twice
		sendAndAwaitProcessed(key, restore);
		assertThat(sql.count("SELECT count(*) FROM public.leads WHERE lower(email) = ?", email)).isEqualTo(1);
		assertThat(fixture.contactId(email)).isEqualTo(made.id());
		assertThat(sql.count("SELECT count(*) FROM hubsync.link WHERE platform_key = ?", key)).isEqualTo(1);
		assertThat(sql.count("SELECT count(*) FROM hubsync.review WHERE platform_key = ? AND resolved_at IS NULL", key))
			.isZero();
	}

	@Test
	void aHubSpotSetBackAfterTheProductsChangeSeenBeforeTheProductsEventIsTheLaterChange() throws Exception {
		String key = linkedLead("set-back-first@example.com", "Set", "Start");
		String id = fixture.contactId("set-back-first@example.com");
		// the product changes the last name, its change event late ...
		ProducerRecord<String, byte[]> productChange = heldBackLeadChange(key, "last_name = 'Product'");
		// ... then a HubSpot user sets another and sets it back to the last-synced value
		// (chaos seed 42, CI: the industry set 0.2 s before the product's change and set
		// back after it), and HubSpot's webhooks are processed first
		lastNameSetAwayAndBack(id);
		lastNameWebhooksProcessed(id);
		// HubSpot's set-back is a change: which is later waits for the product's event
		assertThat(fixture.contact("set-back-first@example.com")).as(() -> fixture.syncState(id))
			.containsEntry("lastname", "Start");
		changes.send(List.of(productChange));
		// the user's set-back came after the product's change: both sides take it
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key))
				.as(() -> fixture.syncState(id))
				.containsEntry("last_name", "Start");
			assertThat(fixture.contact("set-back-first@example.com")).containsEntry("lastname", "Start");
		});
	}

	@Test
	void aHubSpotSetBackAfterTheProductsChangeOutlivesAWriteOfAnotherFieldOfThatChange() throws Exception {
		String key = linkedLead("set-back-other@example.com", "Set", "Start");
		String id = fixture.contactId("set-back-other@example.com");
		// the product changes the last name and the first name in one transaction, its
		// event late; a HubSpot user then sets the last name away and back
		ProducerRecord<String, byte[]> productChange = heldBackLeadChange(key,
				"last_name = 'Product', first_name = 'Other'");
		lastNameSetAwayAndBack(id);
		// HubSpot's webhooks first: the last name waits for the product's time, the
		// first name (HubSpot lacks it) is handed to the outbound direction and written
		lastNameWebhooksProcessed(id);
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(fixture.contact("set-back-other@example.com")).as(() -> fixture.syncState(id))
						.containsEntry("firstname", "Other"));
		// that write accounts for no history of the last name: the product's event still
		// finds the user's set-back after its change, the latest change of the field
		changes.send(List.of(productChange));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(sql.row("SELECT first_name, last_name FROM public.leads WHERE id = ?::uuid", key))
				.as(() -> fixture.syncState(id))
				.containsEntry("last_name", "Start")
				.containsEntry("first_name", "Other");
			assertThat(fixture.contact("set-back-other@example.com")).containsEntry("lastname", "Start");
		});
	}

	@Test
	void aHubSpotSetBackBeforeTheProductsChangeSeenBeforeTheProductsEventLeavesTheProductsChange() throws Exception {
		String key = linkedLead("set-back-before@example.com", "Set", "Start");
		String id = fixture.contactId("set-back-before@example.com");
		// a HubSpot user sets another last name and sets it back; then the product
		// changes it, its event late; HubSpot's webhooks are processed first
		lastNameSetAwayAndBack(id);
		awaitClockPast(Instant.now());
		ProducerRecord<String, byte[]> productChange = heldBackLeadChange(key, "last_name = 'Product'");
		lastNameWebhooksProcessed(id);
		changes.send(List.of(productChange));
		// the product's change is the later: both sides take it
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(fixture.contact("set-back-before@example.com")).as(() -> fixture.syncState(id))
				.containsEntry("lastname", "Product");
			assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key)).containsEntry("last_name",
					"Product");
		});
	}

	// the sync writes the product's "Bea" (HubSpot held the last-synced "Ada"): the
	// written field keeps "seen" from before the write (OutboundRecorder.seenAfterWrite),
	// when HubSpot held "Ada". The product then sets "Cy"; its outbound read is answered
	// late, and meanwhile a HubSpot user sets the first name back to "Ada" (a change:
	// HubSpot held "Bea"), which the write of "Cy" covers. The user's edit is the later
	// change, but it ends on the value HubSpot held at "seen", so HubSpotSide takes it
	// for no change and it is lost
	@Test
	void aHubSpotEditBackToTheValueBeforeAnEarlierWriteOfOursIsNotLostUnderOurNextWrite() throws Exception {
		String key = linkedLead("back-to-seen@example.com", "Ada", "Seen");
		String id = fixture.contactId("back-to-seen@example.com");
		changes.send(List.of(changes.updateLead(key, "first_name = 'Bea'")));
		await().atMost(WAIT)
			.until(() -> sql.row(
					"SELECT 1 FROM hubsync.link WHERE hubspot_id = ? AND synced_values->>'firstname' = 'Bea'",
					Long.parseLong(id)) != null);
		Instant editAt;
		emulator.admin().holdNextAnswer("POST", PATHS.objectsBatch("contacts", "read"), 3000);
		try {
			int held = emulator.admin().answersHeld();
			changes.send(List.of(changes.updateLead(key, "first_name = 'Cy'")));
			await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> emulator.admin().answersHeld() > held);
			user.objects().update("contacts", id, Map.of("firstname", "Ada"));
			editAt = Instant.now();
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(
						sql.row("SELECT 1 FROM hubsync.sync_log WHERE hubspot_id = ? AND field = 'firstname'"
								+ " AND platform_value = 'Cy' AND direction = 'outbound'", Long.parseLong(id)))
					.isNotNull());
		}
		finally {
			emulator.admin().clearFaults();
		}
		// the user's webhook arrives, and the poller reads the record with history
		events.send(List.of(Events.event("contact.propertyChange", Long.parseLong(id), editAt,
				Map.of("propertyName", "firstname", "propertyValue", "Ada"))));
		dev.hubsync.worker.poller.ReconciliationPoller poller = worker
			.getBean(dev.hubsync.worker.poller.ReconciliationPoller.class);
		await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			poller.poll();
			assertThat(fixture.contact("back-to-seen@example.com")).as(() -> fixture.syncState(id))
				.containsEntry("firstname", "Ada");
			assertThat(lead("back-to-seen@example.com")).containsEntry("first_name", "Ada");
		});
	}

	// as the test before, with HubSpot's later change a removal: HubSpot moves the
	// contact (old -> H1 at t1), the product moves the lead (t2), HubSpot removes H1 (t3)
	// and holds no company. The first move's webhooks arrive alone: AssociationSync
	// .eventTime takes any removal event for "none", so the removal of the old company
	// at t1 stands for HubSpot's current "none", the product's t2 beats it, and HubSpot's
	// later removal is overwritten
	@Test
	void anOlderRemovalWebhookDeliveredAfterALaterRemovalDoesNotLetTheProductOverwriteIt() throws Exception {
		String name = "rv-reorder-removal";
		String oldCompany = linkedCompany(name + " old");
		String productCompany = linkedCompany(name + " product's");
		String firstCompany = linkedCompany(name + " HubSpot's first");
		String key = linkedLead(name + "@example.com", "Re", "Moval");
		String id = fixture.contactId(name + "@example.com");
		companySynced(key, id, oldCompany);
		Instant firstAt = moveInHubSpot(id, oldCompany, firstCompany);
		ProducerRecord<String, byte[]> productChange = changes.updateLead(key,
				"company_id = '" + productCompany + "'::uuid");
		user.associations().remove("contacts", id, "companies", String.valueOf(linkOf(firstCompany)));
		Instant removedAt = Instant.now();
		sendAndAwaitProcessed(key, productChange);
		events.send(List.of(primaryCompanyEvent(id, linkOf(oldCompany), firstAt, true),
				primaryCompanyEvent(id, linkOf(firstCompany), firstAt, false)));
		awaitAssociationEventProcessed(id);
		awaitInboundCompanyDecision(id, productCompany);
		events.send(List.of(primaryCompanyEvent(id, linkOf(firstCompany), removedAt, true)));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(user.associations().list("contacts", id, "companies")).as(() -> fixture.syncState(id))
				.filteredOn((a) -> a.hasType(1))
				.isEmpty();
			assertThat(sql.row("SELECT company_id::text AS c FROM public.leads WHERE id = ?::uuid", key))
				.as(() -> fixture.syncState(id))
				.containsEntry("c", null);
		});
	}

	@Test
	void aHubSpotEditOlderThanTheProductsChangeIsNotRecoveredOverIt() throws Exception {
		String key = linkedLead("older-edit@example.com", "Older", "Start");
		String id = fixture.contactId("older-edit@example.com");
		changes.send(List.of(changes.updateLead(key, "last_name = 'First'")));
		await().atMost(WAIT).until(() -> "First".equals(fixture.contact("older-edit@example.com").get("lastname")));
		// a HubSpot user sets another last name and then the sync's own back (their
		// webhooks are late); the product then changes it, later than both edits: the
		// outbound direction finds HubSpot holding the last-synced value and writes it
		user.objects().update("contacts", id, Map.of("lastname", "Edit"));
		user.objects().update("contacts", id, Map.of("lastname", "First"));
		changes.send(List.of(changes.updateLead(key, "last_name = 'Product'")));
		await().atMost(WAIT).until(() -> "Product".equals(fixture.contact("older-edit@example.com").get("lastname")));
		// the late webhooks read a history where the user's edits lie under the sync's
		// write: they are older than the product's change, which stays (chaos seed 42,
		// a company's industry)
		events.send(
				List.of(Events.propertyChange(id, "lastname", "Edit"), Events.propertyChange(id, "lastname", "First")));
		await().atMost(WAIT).until(() -> sql.count(PROCESSED, "%:contact.propertyChange:" + id + ":%") >= 2);
		assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key))
			.as(() -> fixture.syncState(id))
			.containsEntry("last_name", "Product");
		assertThat(fixture.contact("older-edit@example.com")).containsEntry("lastname", "Product");
	}

	/** A contact's association webhook of a company, as HubSpot sends it. */
	private static String associationEvent(String id, long company, Instant at, boolean primary, boolean removed) {
		return Events.event("contact.associationChange", Long.parseLong(id), at,
				Map.of("associationType", "CONTACT_TO_COMPANY", "fromObjectId", Long.parseLong(id), "toObjectId",
						company, "associationRemoved", removed, "isPrimaryAssociation", primary));
	}

	/** A contact's primary company set or removed in HubSpot, as its webhook tells it. */
	private static String primaryCompanyEvent(String id, long company, Instant at, boolean removed) {
		return associationEvent(id, company, at, true, removed);
	}

	/**
	 * An association change of another object type (a deal), now: the inbound direction
	 * reads the contact's associations.
	 */
	private static String dealAssociationEvent(String id) {
		return Events.event("contact.associationChange", Long.parseLong(id), Instant.now(),
				Map.of("associationType", "CONTACT_TO_DEAL", "fromObjectId", Long.parseLong(id), "toObjectId", 1L,
						"associationRemoved", false, "isPrimaryAssociation", false));
	}

	private static void awaitAssociationEventProcessed(String id) {
		await().atMost(WAIT).until(() -> sql.count(PROCESSED, "%:contact.associationChange:" + id + ":%") > 0);
	}

	/** Sends a lead's change and waits until the outbound direction has processed it. */
	private static void sendAndAwaitProcessed(String key, ProducerRecord<String, byte[]> change) throws Exception {
		long before = sql.count(PROCESSED, "local:leads:" + key + ":%");
		changes.send(List.of(change));
		await().atMost(WAIT).until(() -> sql.count(PROCESSED, "local:leads:" + key + ":%") > before);
	}

	/**
	 * Moves a lead to a company in the product and waits until its link holds the company
	 * as synced.
	 */
	private static void companySynced(String key, String id, String company) throws Exception {
		changes.send(List.of(changes.updateLead(key, "company_id = '" + company + "'::uuid")));
		await().atMost(WAIT)
			.until(() -> sql.row(
					"SELECT 1 FROM hubsync.link WHERE hubspot_id = ? AND synced_values->>'assoc:company_id' = ?",
					Long.parseLong(id), company) != null);
	}

	/**
	 * Waits for the inbound direction's decision on a contact's company, and, when it
	 * handed the company over, for the outbound direction to sync the product's.
	 */
	private static void awaitInboundCompanyDecision(String id, String productCompany) throws Exception {
		String last = "SELECT outcome FROM hubsync.sync_log WHERE hubspot_id = ? AND direction = 'inbound'"
				+ " AND field = 'company_id' ORDER BY id DESC LIMIT 1";
		await().atMost(WAIT).until(() -> sql.row(last, Long.parseLong(id)) != null);
		if ("handed over".equals(sql.row(last, Long.parseLong(id)).get("outcome"))) {
			await().atMost(WAIT)
				.until(() -> sql.row(
						"SELECT 1 FROM hubsync.link WHERE hubspot_id = ? AND synced_values->>'assoc:company_id' = ?",
						Long.parseLong(id), productCompany) != null);
		}
	}

	/** Waits until both sides hold the company as the lead's (its contact's primary). */
	private static void assertCompanyOnBothSides(String key, String id, String company) {
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(user.associations().list("contacts", id, "companies")).as(() -> fixture.syncState(id))
				.filteredOn((a) -> a.hasType(1))
				.extracting((a) -> a.toObjectId())
				.containsExactly(String.valueOf(linkOf(company)));
			assertThat(sql.row("SELECT company_id::text AS c FROM public.leads WHERE id = ?::uuid", key))
				.as(() -> fixture.syncState(id))
				.containsEntry("c", company);
		});
	}

	/** A HubSpot user sets a contact's last name to "Edit" and back to "Start". */
	private static void lastNameSetAwayAndBack(String id) throws Exception {
		user.objects().update("contacts", id, Map.of("lastname", "Edit"));
		user.objects().update("contacts", id, Map.of("lastname", "Start"));
	}

	/**
	 * Sends the webhooks of {@link #lastNameSetAwayAndBack} and waits until processed.
	 */
	private static void lastNameWebhooksProcessed(String id) throws Exception {
		events.send(
				List.of(Events.propertyChange(id, "lastname", "Edit"), Events.propertyChange(id, "lastname", "Start")));
		await().atMost(WAIT).until(() -> sql.count(PROCESSED, "%:contact.propertyChange:" + id + ":%") >= 2);
	}

	/**
	 * Updates a lead without sending its change event (a publisher late) and returns the
	 * event, once the clock has passed the change.
	 */
	private static ProducerRecord<String, byte[]> heldBackLeadChange(String key, String set) throws Exception {
		ProducerRecord<String, byte[]> change = changes.updateLead(key, set);
		awaitClockPast(Instant.now());
		return change;
	}

	/** Waits until the clock has passed a moment, so what follows is later. */
	private static void awaitClockPast(Instant moment) {
		await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> Instant.now().isAfter(moment));
	}

	/** A HubSpot user moves a contact from one company to another; returns when. */
	private static Instant moveInHubSpot(String id, @Nullable String from, String to) throws Exception {
		if (from != null) {
			user.associations().remove("contacts", id, "companies", String.valueOf(linkOf(from)));
		}
		user.associations()
			.associate("contacts", id, "companies", String.valueOf(linkOf(to)),
					List.of(dev.hubsync.hubspot.associations.AssociationSpec.hubspotDefined(1)));
		return Instant.now();
	}

	/**
	 * Archives a lead's contact in HubSpot and waits until its deletion archived the row.
	 */
	private static void deletedInHubSpotAndFollowed(String key, String id) {
		user.objects().archive("contacts", id);
		events.send(List.of(Events.event("contact.deletion", Long.parseLong(id), Instant.now(), Map.of())));
		await().atMost(WAIT)
			.until(() -> sql.row("SELECT 1 FROM public.leads WHERE id = ?::uuid AND deleted_at IS NOT NULL",
					key) != null);
	}

	private static String linkedCompany(String name) throws Exception {
		sql.execute("INSERT INTO public.companies (name, industry) VALUES (?, 'RETAIL')", name);
		String company = sql.row("SELECT id::text AS id FROM public.companies WHERE name = ?", name)
			.get("id")
			.toString();
		changes.send(List
			.of(changes.change("companies", company, ChangeOp.CREATE, null, changes.image("companies", company))));
		await().atMost(WAIT)
			.until(() -> sql.row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", company) != null);
		return company;
	}

	private static long linkOf(String key) throws Exception {
		return (Long) sql.row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", key).get("hubspot_id");
	}

	@Test
	void aFailureAfterTheRecordsTransactionIsRetriedUntilItsAssociationsAndStampAreComplete() throws Exception {
		sql.execute("INSERT INTO public.companies (name, industry) VALUES ('Retry Works', 'RETAIL')");
		String company = (String) sql.row("SELECT id::text AS id FROM public.companies WHERE name = 'Retry Works'")
			.get("id");
		changes.send(List
			.of(changes.change("companies", company, ChangeOp.CREATE, null, changes.image("companies", company))));
		await().atMost(WAIT)
			.until(() -> sql.row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", company) != null);
		long companyId = (Long) sql.row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", company)
			.get("hubspot_id");
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "retried@example.com", "firstname", "Re", "lastname", "Tried"),
					List.of());
		user.associations()
			.associate("contacts", contact.id(), "companies", String.valueOf(companyId),
					List.of(AssociationSpec.hubspotDefined(1)));
		// the association read fails (more than the client retries) after the lead's
		// transaction committed: the batch is retried, and the event is not taken for
		// done
		emulator.admin().failNext("POST", PATHS.associationsBatch("contacts", "companies", "read"), 503, 9);
		try {
			events
				.send(List.of(Events.event("contact.creation", Long.parseLong(contact.id()), Instant.now(), Map.of())));
			await().atMost(WAIT).untilAsserted(() -> assertThat(lead("retried@example.com")).isNotNull());
		}
		finally {
			await().atMost(WAIT)
				.until(() -> emulator.admin()
					.answered("POST", PATHS.associationsBatch("contacts", "companies", "read"), 503) >= 9);
			emulator.admin().clearFaults();
		}
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(lead("retried@example.com").get("company_id"))
				.withFailMessage(() -> fixture.syncState(contact.id()))
				.hasToString(company);
			assertThat(user.objects()
				.get("contacts", contact.id(), ReadOptions.properties(List.of("hubsync_record_id")))
				.orElseThrow()
				.property("hubsync_record_id")).isEqualTo(lead("retried@example.com").get("id").toString());
		});
		assertThat(sql.count("SELECT count(*) FROM public.leads WHERE email = 'retried@example.com'")).isEqualTo(1);
	}

	@Test
	void aChangeForARecordHubSpotNoLongerHasIsDeadLetteredWithTheReason() throws Exception {
		String key = linkedLead("vanished@example.com", "Van", "Ished");
		ch.qos.logback.classic.Logger results = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger(dev.hubsync.worker.results.ResultPublisher.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
		lines.start();
		results.addAppender(lines);
		try {
			// archived in HubSpot; its webhook never arrives
			user.objects().archive("contacts", fixture.contactId("vanished@example.com"));
			changes.send(List.of(changes.updateLead(key, "last_name = 'Still Here'")));
			await().atMost(WAIT).untilAsserted(() -> {
				readDeadLetters();
				assertThat(dead).anySatisfy((entry) -> assertThat(entry).contains(key).contains("is gone"));
			});
			// the status counts it as set aside, by the kind of reason
			assertThat(admin("GET", "/api/status").body())
				.containsPattern("\"setAside\":\\{\"deadLetters\":\\{[^}]*\"IllegalStateException\":[1-9]");
			// the log line carries the event's correlation id and record key (MDC)
			assertThat(List.copyOf(lines.list))
				.anySatisfy((line) -> assertThat(line.getMDCPropertyMap()).containsEntry("recordKey", "leads:" + key)
					.hasEntrySatisfying("correlationId", (id) -> assertThat(id).matches("[0-9a-f-]{36}")));
		}
		finally {
			results.detachAppender(lines);
		}
	}

	@Test
	void aFieldTheProductSetAndSetBackAfterHubSpotsChangeKeepsTheProductsValue() throws Exception {
		String key = linkedLead("set-back@example.com", "Set", "Start");
		String id = fixture.contactId("set-back@example.com");
		ProducerRecord<String, byte[]> set = changes.updateLead(key, "last_name = 'Middle'");
		user.objects().update("contacts", id, Map.of("lastname", "HubSpot"));
		// the product sets the last name back to the last-synced value, after HubSpot's
		// change: the later change (chaos seeds 1001 and 42)
		ProducerRecord<String, byte[]> setBack = changes.updateLead(key, "last_name = 'Start'");
		behindOutbound(List.of(set, setBack), id);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(fixture.contact("set-back@example.com")).as(() -> fixture.syncState(id))
				.containsEntry("lastname", "Start"));
		assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key)).containsEntry("last_name",
				"Start");
	}

	@Test
	void aHubSpotChangeLeftToTheOutboundDirectionReachesTheRowWhenTheProductChangedAnotherField() throws Exception {
		String key = linkedLead("other-field@example.com", "First", "Start");
		String id = fixture.contactId("other-field@example.com");
		user.objects().update("contacts", id, Map.of("lastname", "HubSpot"));
		// the product changes another field after HubSpot's change
		behindOutbound(List.of(changes.updateLead(key, "first_name = 'Other'")), id);
		// handed over, HubSpot's last name reaches the row through the outbound direction
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(sql.row("SELECT last_name FROM public.leads WHERE id = ?::uuid", key))
				.as(() -> fixture.syncState(id))
				.containsEntry("last_name", "HubSpot"));
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(fixture.contact("other-field@example.com")).containsEntry("firstname", "Other")
						.containsEntry("lastname", "HubSpot"));
	}

	/**
	 * Sends the product's changes of a lead while the outbound direction is behind (its
	 * read of HubSpot is answered 3 s late), and HubSpot's last-name webhook meanwhile:
	 * the inbound direction handles it before the outbound direction has merged the
	 * changes.
	 */
	private static void behindOutbound(List<ProducerRecord<String, byte[]>> productChanges, String id)
			throws Exception {
		emulator.admin().holdNextAnswer("POST", PATHS.objectsBatch("contacts", "read"), 3000);
		try {
			int held = emulator.admin().answersHeld();
			changes.send(productChanges);
			await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> emulator.admin().answersHeld() > held);
			events.send(List.of(Events.propertyChange(id, "lastname", "HubSpot")));
			await().atMost(WAIT).until(() -> sql.count(PROCESSED, "%:contact.propertyChange:" + id + ":%") > 0);
		}
		finally {
			emulator.admin().clearFaults();
		}
	}

	@Test
	void aResumeLeavesNothingParked() throws Exception {
		String key = linkedLead("parked@example.com", "Par", "Ked");
		assertThat(admin("POST", "/api/outbound/contacts/pause").statusCode()).isEqualTo(200);
		List<ProducerRecord<String, byte[]>> held = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			held.add(changes.updateLead(key, "last_name = 'Parked " + i + "'"));
		}
		changes.send(held);
		await().atMost(WAIT)
			.until(() -> sql.count("SELECT count(*) FROM hubsync.parked_event WHERE direction = 'outbound'") > 0);
		assertThat(admin("POST", "/api/outbound/contacts/resume").statusCode()).isEqualTo(200);
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(fixture.contact("parked@example.com")).containsEntry("lastname", "Parked 4"));
		assertThat(sql.count("SELECT count(*) FROM hubsync.parked_event")).isZero();
	}

	@Test
	void twoReplicasRebalancingInTheMiddleOfEditsOnBothSidesConvergeToEachFieldsLatestEdit() throws Exception {
		ConfigurableApplicationContext second = startWorker();
		try {
			int records = 30;
			List<String> keys = new ArrayList<>();
			List<ProducerRecord<String, byte[]>> creates = new ArrayList<>();
			for (int i = 0; i < records; i++) {
				String email = "replica" + i + "@example.com";
				sql.execute("INSERT INTO public.leads (email, first_name, last_name) VALUES (?, 'First', 'Last')",
						email);
				keys.add(key(email));
				creates.add(changes.change("leads", keys.get(i), ChangeOp.CREATE, null, changes.lead(keys.get(i))));
			}
			changes.send(creates);
			await().atMost(WAIT)
				.until(() -> sql.count("SELECT count(*) FROM hubsync.link WHERE platform_key = ANY(?)",
						keys) == records);
			// per record, both sides edit both names; which side is later alternates
			Map<String, Map<String, String>> expected = new LinkedHashMap<>();
			List<ProducerRecord<String, byte[]>> productChanges = new ArrayList<>();
			List<String> webhooks = new ArrayList<>();
			for (int i = 0; i < records; i++) {
				String email = "replica" + i + "@example.com";
				String id = fixture.contactId(email);
				boolean hubspotLater = i % 2 == 0;
				if (hubspotLater) {
					productChanges.add(changes.updateLead(keys.get(i), "first_name = 'P" + i + "'"));
					user.objects().update("contacts", id, Map.of("firstname", "H" + i, "lastname", "H" + i));
					expected.put(email, Map.of("firstname", "H" + i, "lastname", "H" + i));
				}
				else {
					user.objects().update("contacts", id, Map.of("firstname", "H" + i));
					productChanges
						.add(changes.updateLead(keys.get(i), "first_name = 'P" + i + "', last_name = 'P" + i + "'"));
					expected.put(email, Map.of("firstname", "P" + i, "lastname", "P" + i));
				}
				webhooks.add(Events.propertyChange(id, "firstname", "H" + i));
			}
			// half the events, then one replica leaves mid-load, then the rest
			changes.send(productChanges.subList(0, records / 2));
			events.send(webhooks.subList(0, records / 2));
			second.close();
			second = null;
			changes.send(productChanges.subList(records / 2, records));
			events.send(webhooks.subList(records / 2, records));
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
				for (Map.Entry<String, Map<String, String>> record : expected.entrySet()) {
					Map<String, String> values = record.getValue();
					assertThat(fixture.contact(record.getKey())).as(record.getKey())
						.containsEntry("firstname", values.get("firstname"))
						.containsEntry("lastname", values.get("lastname"));
					assertThat(lead(record.getKey())).as(record.getKey())
						.containsEntry("first_name", values.get("firstname"))
						.containsEntry("last_name", values.get("lastname"));
				}
			});
		}
		finally {
			if (second != null) {
				second.close();
			}
		}
	}

	// ------------------------------------------------------------------ helpers

	/** Inserts a lead and waits until the outbound direction made its contact. */
	private static String linkedLead(String email, String first, String last) throws Exception {
		sql.execute("INSERT INTO public.leads (email, first_name, last_name) VALUES (?, ?, ?)", email, first, last);
		String key = key(email);
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT).until(() -> sql.row("SELECT 1 FROM hubsync.link WHERE platform_key = ?", key) != null);
		return key;
	}

	/** Reads the dead letters that arrived since the last read into {@code dead}. */
	private static void readDeadLetters() {
		for (ConsumerRecord<String, byte[]> record : deadLetters.poll(Duration.ofMillis(200))) {
			Header header = record.headers().lastHeader(EventHeaders.DLT_REASON);
			dead.add(record.key() + " " + new String(header.value(), StandardCharsets.UTF_8));
			// the coordinates as spring-kafka writes and reads them: binary int and long
			assertThat(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION).value()).hasSize(4);
			assertThat(ByteBuffer.wrap(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
				.isNotNegative();
		}
	}

	/** Batch updates HubSpot answered with a status. */
	private static long updatesAnswered(int status) {
		return emulator.admin().answered("POST", PATHS.objectsBatch("contacts", "update"), status);
	}

	/** Batch updates HubSpot answered with errors (207: some records not updated). */
	private static long refusedUpdates() {
		return emulator.admin()
			.requests("POST", PATHS.objectsBatch("contacts", "update"))
			.stream()
			.filter((request) -> request.status() != 200)
			.count();
	}

	private static int reads() {
		return emulator.admin().requests("POST", PATHS.objectsBatch("contacts", "read")).size();
	}

	private static Map<String, Object> lead(String email) throws Exception {
		return sql.row("SELECT * FROM public.leads WHERE email = ?", email);
	}

	private static String key(String email) throws Exception {
		return sql.row("SELECT id::text AS id FROM public.leads WHERE email = ?", email).get("id").toString();
	}

	private static HttpResponse<String> admin(String method, String path) throws Exception {
		// the actuator answers on its own port
		String port = worker.getEnvironment()
			.getProperty(path.startsWith("/actuator") ? "local.management.port" : "local.server.port");
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-HubSync-Api-Key", "it-key")
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
