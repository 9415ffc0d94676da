package dev.hubsync.publisher;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.SyncOrigin;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.capture.EngineState;
import dev.hubsync.publisher.support.Publishers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PublisherIT {

	static DemoDatabase demo;

	static ConfigurableApplicationContext publisher;

	static String snapshotCompany;

	@BeforeAll
	static void start() throws SQLException {
		demo = SharedInfra.newDemoDatabase();
		snapshotCompany = insert(
				"INSERT INTO companies (name, domain) VALUES ('Before Start', 'before.example') RETURNING id");
		publisher = Publishers.start(demo, SharedInfra.uniqueName("slot"));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> publisher.getBean(CaptureService.class).state() == EngineState.RUNNING);
	}

	@AfterAll
	static void stop() {
		publisher.close();
	}

	@Test
	void existingRowsArePublishedAsSnapshotReads() {
		LocalChange change = awaitChanges(key("companies", snapshotCompany), 1).get(0);
		assertThat(change.op()).isEqualTo(ChangeOp.SNAPSHOT);
		assertThat(change.after().get("name")).isEqualTo("Before Start");
	}

	@Test
	void insertUpdateDeleteArriveInCommitOrderWithTypesKept() throws SQLException {
		String company = insert("INSERT INTO companies (name) VALUES ('Acme') RETURNING id");
		String deal = insert("INSERT INTO deals (name, amount, stage, close_date, company_id) VALUES "
				+ "('Renewal', 1200.50, 'qualifiedtobuy', '2026-12-31', '" + company + "') RETURNING id");
		execute("UPDATE deals SET amount = 1500.00, stage = 'closedwon' WHERE id = '" + deal + "'");
		execute("DELETE FROM deals WHERE id = '" + deal + "'");
		List<LocalChange> changes = awaitChanges(key("deals", deal), 3);
		assertThat(changes).extracting(LocalChange::op)
			.containsExactly(ChangeOp.CREATE, ChangeOp.UPDATE, ChangeOp.DELETE);
		assertThat(changes).extracting(LocalChange::lsn).isSorted();
		LocalChange created = changes.get(0);
		assertThat(created.key().toString()).isEqualTo("deals:" + deal);
		assertThat(created.after().get("id")).isEqualTo(UUID.fromString(deal));
		assertThat(created.after().get("amount")).isEqualTo(new BigDecimal("1200.50"));
		assertThat(created.after().get("close_date")).isEqualTo(LocalDate.of(2026, 12, 31));
		assertThat(created.after().get("company_id")).isEqualTo(UUID.fromString(company));
		assertThat(created.after().get("lead_id")).isNull();
		assertThat(created.after().get("created_at")).isInstanceOf(Instant.class);
		assertThat(created.syncOrigin()).isFalse();
		LocalChange updated = changes.get(1);
		assertThat(updated.before().get("amount")).as("REPLICA IDENTITY FULL keeps the old row")
			.isEqualTo(new BigDecimal("1200.50"));
		assertThat(updated.after().get("amount")).isEqualTo(new BigDecimal("1500.00"));
		assertThat(updated.after().differs(updated.before(), "stage")).isTrue();
		assertThat(changes.get(2).before().get("name")).isEqualTo("Renewal");
		assertThat(changes.get(2).after()).isNull();
	}

	@Test
	void everyCapturedTablePublishes() throws SQLException {
		String lead = insert(
				"INSERT INTO leads (email, first_name, lifecycle_stage) VALUES ('p@x.io', 'P', 'lead') RETURNING id");
		LocalChange change = awaitChanges(key("leads", lead), 1).get(0);
		assertThat(change.after().get("email")).isEqualTo("p@x.io");
		assertThat(change.commitTime()).isBefore(Instant.now().plusSeconds(1));
	}

	@Test
	void changesOfASyncTransactionAreFlaggedWithItsCorrelationId() throws SQLException {
		String correlation = "corr-" + UUID.randomUUID();
		String lead;
		try (Connection connection = demo.connect()) {
			connection.setAutoCommit(false);
			try (PreparedStatement marker = connection.prepareStatement(SyncOrigin.MARKER_SQL)) {
				marker.setString(1, correlation);
				marker.execute();
			}
			lead = insert(connection, "INSERT INTO leads (email) VALUES ('sync@x.io') RETURNING id");
			try (Statement statement = connection.createStatement()) {
				statement.execute("UPDATE leads SET first_name = 'Synced' WHERE id = '" + lead + "'");
			}
			connection.commit();
		}
		execute("UPDATE leads SET first_name = 'Person' WHERE id = '" + lead + "'");
		List<ConsumerRecord<String, byte[]>> records = awaitRecords(key("leads", lead), 3);
		List<LocalChange> changes = records.stream().map(Publishers::decode).toList();
		assertThat(changes.get(0).syncOrigin()).isTrue();
		assertThat(changes.get(0).correlationId()).isEqualTo(correlation);
		assertThat(changes.get(1).syncOrigin()).isTrue();
		assertThat(changes.get(2).syncOrigin()).as("a later transaction of a person is not the sync's").isFalse();
		assertThat(new String(records.get(0).headers().lastHeader(EventHeaders.CORRELATION_ID).value(),
				StandardCharsets.UTF_8))
			.isEqualTo(correlation);
		assertThat(new String(records.get(2).headers().lastHeader(EventHeaders.SOURCE).value(), StandardCharsets.UTF_8))
			.isEqualTo("cdc");
	}

	@Test
	void exposesItsHealthAndSlotLag() {
		publisher.getBean(dev.hubsync.publisher.observability.SlotLagMonitor.class).measure();
		assertThat(publisher.getBean(dev.hubsync.publisher.observability.PublisherMetrics.class).slotLag())
			.isGreaterThanOrEqualTo(0);
	}

	static Predicate<LocalChange> key(String table, String id) {
		return (change) -> change.key().toString().equals(table + ":" + id);
	}

	static List<LocalChange> awaitChanges(Predicate<LocalChange> filter, int count) {
		return awaitRecords(filter, count).stream().map(Publishers::decode).toList();
	}

	static List<ConsumerRecord<String, byte[]>> awaitRecords(Predicate<LocalChange> filter, int count) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = Publishers.consumer()) {
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (filter.test(Publishers.decode(record))) {
						found.add(record);
					}
				});
				return found.size() >= count;
			});
		}
		return found;
	}

	static String insert(String sql) throws SQLException {
		try (Connection connection = demo.connect()) {
			return insert(connection, sql);
		}
	}

	static String insert(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

	static void execute(String sql) throws SQLException {
		try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
