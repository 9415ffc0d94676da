package dev.hubsync.devstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.serde.HubSpotEventCodec;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system with the ingress in mode {@code journal}: the emulator sends no
 * webhook at all, the ingress reads its webhooks journal, and the sync runs both ways — a
 * HubSpot contact arrives as a lead, a task completed in HubSpot is done in the product
 * (every type of the demo mapping is subscribed), and a lead written with SQL reaches
 * HubSpot while its echo, read back from the journal without any {@code changeSource},
 * writes nothing.
 */
class JournalStackIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	static Path data;

	private static DevStack stack;

	private static HubSpotClient user;

	@BeforeAll
	static void start() {
		stack = DevStack.start(TestStacks.options(data, TestStacks.freePorts(), 0, "journal"));
		user = TestStacks.user(stack);
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aContactCreatedInHubSpotArrivesAsALeadThroughTheJournal() throws SQLException {
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "Through.Journal@Example.com", "firstname", "Through", "lastname",
					"Journal", "lifecyclestage", "lead"), null);
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(row("SELECT * FROM leads WHERE lower(email) = ?", "through.journal@example.com"))
						.isNotNull()
						.containsEntry("first_name", "Through"));
		assertThat(stack.emulator().admin().deliveries()).as("no webhook was ever sent").isEmpty();
		assertThat(sources(contact.id())).contains(EventSource.JOURNAL).doesNotContain(EventSource.WEBHOOK);
	}

	@Test
	void aLeadWrittenWithSqlReachesHubSpotAndItsJournalEchoWritesNothingBack() throws SQLException {
		String key = (String) row("INSERT INTO leads (email, first_name, last_name, lifecycle_stage) VALUES"
				+ " ('journal.sql@example.com', 'Journal', 'Sql', 'mql') RETURNING id::text AS id", null)
			.get("id");
		await().atMost(WAIT)
			.until(() -> row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?",
					key) != null);
		long id = (Long) row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?",
				key)
			.get("hubspot_id");
		assertThat(user.objects()
			.get("contacts", String.valueOf(id), ReadOptions.properties(List.of("email", "hubsync_record_id")))
			.orElseThrow()
			.properties()).containsEntry("email", "journal.sql@example.com").containsEntry("hubsync_record_id", key);
		// the echo came back through the journal (no changeSource) and was processed
		await().atMost(WAIT)
			.until(() -> ((Number) row("SELECT count(*) AS n FROM hubsync.processed_event WHERE identity LIKE ?",
					"journal:" + HubSpotEmulator.PORTAL_ID + ":0-1:" + id + ":%")
				.get("n")).longValue() > 0);
		assertThat(((Number) row("SELECT count(*) AS n FROM hubsync.sync_log WHERE direction = 'inbound' AND"
				+ " platform_key = ? AND outcome IN ('applied', 'created')", key)
			.get("n")).longValue()).as("the echo wrote nothing to the row").isZero();
		assertThat(stack.emulator()
			.admin()
			.requests("PATCH", null)
			.stream()
			.filter((request) -> request.path().endsWith("/contacts/" + id))).as("nor to HubSpot").isEmpty();
	}

	@Test
	void aTaskCompletedInHubSpotArrivesThroughTheJournal() throws SQLException {
		String task = (String) row("INSERT INTO tasks (subject, status, priority, type, due_at) VALUES"
				+ " ('Call through the journal', 'open', 'high', 'call', TIMESTAMPTZ '2026-10-08 09:00:00+00')"
				+ " RETURNING id::text AS id", null)
			.get("id");
		await().atMost(WAIT)
			.until(() -> row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-27' AND platform_key = ?",
					task) != null);
		String id = String
			.valueOf(row("SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-27' AND platform_key = ?", task)
				.get("hubspot_id"));
		user.objects().update("tasks", id, Map.of("hs_task_status", "COMPLETED"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(row("SELECT status FROM tasks WHERE id = ?::uuid", task))
				.containsEntry("status", "done"));
		assertThat(stack.emulator().admin().deliveries()).as("no webhook was ever sent").isEmpty();
		assertThat(sources("0-27", id)).contains(EventSource.JOURNAL).doesNotContain(EventSource.WEBHOOK);
	}

	private static List<EventSource> sources(String contactId) {
		return sources("0-1", contactId);
	}

	private static List<EventSource> sources(String objectTypeId, String objectId) {
		String key = HubSpotEmulator.PORTAL_ID + ":" + objectTypeId + ":" + objectId;
		List<EventSource> sources = new ArrayList<>();
		HubSpotEventCodec codec = new HubSpotEventCodec();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "journal-stack-" + UUID.randomUUID()),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(Topics.HUBSPOT_EVENTS)
				.stream()
				.map((p) -> new TopicPartition(Topics.HUBSPOT_EVENTS, p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			await().atMost(WAIT).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (key.equals(record.key())) {
						HubSpotEvent event = codec.decode(record.value());
						sources.add(event.source());
					}
				});
				return partitions.stream().allMatch((p) -> consumer.position(p) >= end.get(p));
			});
		}
		return sources;
	}

	private static Map<String, Object> row(String sql, String parameter) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			if (parameter != null) {
				statement.setString(1, parameter);
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
