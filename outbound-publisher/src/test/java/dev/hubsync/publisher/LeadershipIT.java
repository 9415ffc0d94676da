package dev.hubsync.publisher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import dev.hubsync.events.local.LocalChange;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.capture.EngineState;
import dev.hubsync.publisher.support.Publishers;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LeadershipIT {

	@Test
	void aStandbyTakesOverWhenTheActivePublisherStops() throws SQLException {
		DemoDatabase demo = SharedInfra.newDemoDatabase();
		String slot = SharedInfra.uniqueName("slot");
		ConfigurableApplicationContext first = Publishers.start(demo, slot);
		ConfigurableApplicationContext second = null;
		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> first.getBean(CaptureService.class).state() == EngineState.RUNNING);
			second = Publishers.start(demo, slot);
			CaptureService standby = second.getBean(CaptureService.class);
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> standby.state() == EngineState.STANDBY);
			first.close();
			await().atMost(Duration.ofSeconds(60)).until(() -> standby.state() == EngineState.RUNNING);
			String company = insert(demo, "INSERT INTO companies (name) VALUES ('After Takeover') RETURNING id");
			LocalChange change = PublisherIT.awaitRecords((c) -> c.key().toString().equals("companies:" + company), 1)
				.stream()
				.map(Publishers::decode)
				.findFirst()
				.orElseThrow();
			assertThat(change.after().get("name")).isEqualTo("After Takeover");
		}
		finally {
			first.close();
			if (second != null) {
				second.close();
			}
		}
	}

	@Test
	void aTableWithoutAPrimaryKeyIsRefusedByName() throws SQLException {
		DemoDatabase demo = SharedInfra.newDemoDatabase();
		try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE audit_log (message text)");
		}
		assertThatThrownBy(() -> Publishers.start(demo, SharedInfra.uniqueName("slot"),
				"--hubsync.publisher.tables=public.leads,public.audit_log"))
			.hasRootCauseMessage("captured table public.audit_log has no primary key: its changes cannot be keyed per "
					+ "record; add one or remove it from hubsync.publisher.tables");
	}

	static String insert(DemoDatabase demo, String sql) throws SQLException {
		try (Connection connection = demo.connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
