package dev.hubsync.worker;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.request.ResyncRequested;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.worker.support.Changes;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events the ingress's webhooks-journal reader publishes: they carry no
 * {@code changeSource} (the journal's entries document none), so our own writes coming
 * back that way pass the app-id echo check and are caught by the link's last-synced
 * values instead; and a resynchronisation requested when the reader fell behind the
 * journal's retention finds by search what the journal lost.
 */
@EmbeddedInfra
class JournalEventsIT {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static ConfigurableApplicationContext worker;

	private static HubSpotClient user;

	private static Sql sql;

	private static Changes changes;

	private static Events events;

	private static KafkaProducer<String, byte[]> producer;

	@BeforeAll
	static void start() throws Exception {
		fixture = WorkerFixture.onSharedBroker(Map.of("emulator.search.index-delay", "0ms"));
		emulator = fixture.emulator();
		user = fixture.user();
		sql = fixture.sql();
		changes = fixture.changes();
		events = fixture.events();
		Workers.ensureOwnProperties(user);
		producer = fixture
			.closing(new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, fixture.bootstrapServers()),
					new StringSerializer(), new ByteArraySerializer()));
		worker = fixture.startWorker("--hubsync.worker.inbound.linger=200ms", "--hubsync.worker.outbound.linger=200ms",
				"--hubsync.worker.inbound.group-id=journal-it-inbound-" + UUID.randomUUID(),
				"--hubsync.worker.outbound.group-id=journal-it-outbound-" + UUID.randomUUID(),
				"--hubsync.worker.resync.group-id=journal-it-resync-" + UUID.randomUUID(),
				"--hubsync.hubspot.retry.initial-backoff=20ms", "--hubsync.worker.retry.initial-backoff=200ms",
				"--hubsync.admin.api-key=journal-it-key", "--hubsync.admin.allow-weak-keys=true");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void aJournalEchoOfOurOwnWriteWithoutChangeSourceChangesNothing() throws Exception {
		String key = (String) sql
			.row("INSERT INTO public.leads (email, first_name, last_name) VALUES ('echo@example.com', 'Echo', 'Own')"
					+ " RETURNING id::text AS id")
			.get("id");
		changes.send(List.of(changes.change("leads", key, ChangeOp.CREATE, null, changes.lead(key))));
		await().atMost(WAIT)
			.until(() -> sql.row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", key) != null);
		long hubspotId = ((Number) sql.row("SELECT hubspot_id FROM hubsync.link WHERE platform_key = ?", key)
			.get("hubspot_id")).longValue();
		HubSpotObject contact = user.objects()
			.get("contacts", String.valueOf(hubspotId),
					ReadOptions.properties(List.of("email", "firstname", "lastname")))
			.orElseThrow();
		Map<String, Object> rowBefore = sql.row("SELECT * FROM public.leads WHERE id = ?::uuid", key);
		Instant marker = Instant.now();
		emulator.admin().clearRequests();

		// what the journal reader makes of the journal's CREATE entry for our own write
		Instant occurredAt = Objects.requireNonNull(contact.createdAt());
		String offset = UUID.randomUUID().toString();
		List<WebhookEvent> echo = new ArrayList<>();
		echo.add(journalEvent("contact.creation", hubspotId, occurredAt, offset, Map.of()));
		for (String property : List.of("email", "firstname", "lastname")) {
			echo.add(journalEvent("contact.propertyChange", hubspotId, occurredAt, offset, Map.of("propertyName",
					property, "propertyValue", Objects.requireNonNullElse(contact.property(property), ""))));
		}
		assertThat(echo).allSatisfy((event) -> {
			assertThat(event.changeSource()).isNull();
			assertThat(event.madeByApp(String.valueOf(HubSpotEmulator.APP_ID))).isFalse();
		});
		publish(echo);

		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(
					sql.count("SELECT count(*) FROM hubsync.processed_event WHERE identity" + " = ANY(?)",
							echo.stream().map((event) -> event.identity().value()).toList()))
				.isEqualTo(echo.size()));
		// the echo was read (batch reads are POSTs), never written back
		assertThat(emulator.admin().requests(null, "/crm/"))
			.filteredOn((request) -> !request.path().endsWith("/batch/read") && !request.path().endsWith("/search"))
			.as("nothing written back to HubSpot")
			.noneSatisfy((request) -> assertThat(request.method()).isIn("POST", "PATCH", "PUT", "DELETE"));
		assertThat(sql.row("SELECT * FROM public.leads WHERE id = ?::uuid", key)).as("the row is untouched")
			.isEqualTo(rowBefore);
		assertThat(sql.count("SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ? AND at >= ? AND outcome IN"
				+ " ('applied', 'conflict', 'review')", hubspotId, Timestamp.from(marker)))
			.isZero();
	}

	@Test
	void aResyncRequestFindsBySearchWhatTheJournalLost() throws Exception {
		Instant since = Instant.now().minusSeconds(1);
		HubSpotObject lost = user.objects()
			.create("contacts",
					Map.of("email", "lost-in-journal@example.com", "firstname", "Lost", "lastname", "Journal"), null);
		ResyncRequested request = new ResyncRequested(HubSpotEmulator.PORTAL_ID, since,
				"webhooks journal offset x is past HubSpot's retention", Instant.now(), UUID.randomUUID().toString());
		producer
			.send(new ProducerRecord<>(Topics.SYNC_REQUESTS, String.valueOf(HubSpotEmulator.PORTAL_ID),
					new RecordCodec<>(ResyncRequested.class).encode(request)))
			.get();
		await().atMost(WAIT)
			.until(() -> sql
				.row("SELECT * FROM public.leads WHERE lower(email) = 'lost-in-journal@example.com'") != null);
		assertThat(sql.row("SELECT hubspot_id FROM hubsync.link WHERE hubspot_id = ?", Long.parseLong(lost.id())))
			.isNotNull();
	}

	private static WebhookEvent journalEvent(String type, long objectId, Instant occurredAt, String offset,
			Map<String, String> fields) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("portalId", HubSpotEmulator.PORTAL_ID);
		event.put("objectTypeId", "0-1");
		event.put("objectId", objectId);
		event.put("occurredAt", occurredAt.toEpochMilli());
		event.put("subscriptionType", type);
		event.putAll(fields);
		event.put(WebhookEvent.JOURNAL_OFFSET, offset);
		event.put("journalAction", "CREATE");
		return WebhookEvent.parse(JSON.writeValueAsString(event));
	}

	private static void publish(List<WebhookEvent> journal) {
		for (WebhookEvent event : journal) {
			HubSpotEvent envelope = new HubSpotEvent(event, Instant.now(), EventSource.JOURNAL);
			events.sendRaw(event.key().toString(),
					EventSerdes.hubSpotEvents().serialize(Topics.HUBSPOT_EVENTS, envelope));
		}
	}

}
