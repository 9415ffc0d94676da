package dev.hubsync.devstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.hubsync.infra.FreePorts;
import dev.hubsync.infra.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DevStackIT {

	@Test
	void launcherStartsTheInfrastructureAndStopsEverythingOnSigterm(@TempDir Path data) throws Exception {
		int kafkaPort = FreePorts.find();
		int postgresPort = FreePorts.find();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ChildJvm.testClassPath(),
				DevStackMain.class.getName(), "--data-dir", data.toString(), "--kafka-port", String.valueOf(kafkaPort),
				"--kafka-controller-port", String.valueOf(FreePorts.find()), "--postgres-port",
				String.valueOf(postgresPort), "--infra-only"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		List<String> output = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> ChildJvm.readLines(process, output));
		reader.start();
		try {
			await().atMost(Duration.ofSeconds(90))
				.until(() -> output.contains(DevStackMain.READY) || !process.isAlive());
			assertThat(output).contains(DevStackMain.READY);
			assertThat(output).anySatisfy((line) -> assertThat(line).contains("127.0.0.1:" + kafkaPort));
			assertThat(countLeads(postgresPort)).isZero();
			try (Admin admin = Admin.create(java.util.Map.of("bootstrap.servers", "127.0.0.1:" + kafkaPort))) {
				assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).hasSize(1);
			}
		}
		finally {
			process.destroy();
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			reader.join(5_000);
		}
		assertThat(data.resolve("postgres").resolve("postmaster.pid")).doesNotExist();
		assertThat(FreePorts.isFree(postgresPort)).isTrue();
		assertThat(FreePorts.isFree(kafkaPort)).isTrue();
	}

	@Test
	void restartKeepsStateAndFreshStartsClean(@TempDir Path data) throws SQLException {
		DevStackOptions options = new DevStackOptions(data, false, FreePorts.find(), FreePorts.find(),
				FreePorts.find());
		try (DevStack stack = DevStack.start(options)) {
			try (Connection connection = stack.platform().connect();
					Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO leads (email) VALUES ('kept@example.com')");
			}
			stack.kafka().createTopics(new org.apache.kafka.clients.admin.NewTopic("kept-topic", 1, (short) 1));
		}
		try (DevStack stack = DevStack.start(options)) {
			assertThat(countLeads(options.postgresPort())).isEqualTo(1);
			assertThat(topics(stack.kafka())).contains("kept-topic");
		}
		DevStackOptions fresh = new DevStackOptions(data, true, options.kafkaPort(), options.kafkaControllerPort(),
				options.postgresPort());
		try (DevStack stack = DevStack.start(fresh)) {
			assertThat(countLeads(options.postgresPort())).isZero();
			assertThat(topics(stack.kafka())).doesNotContain("kept-topic");
		}
	}

	private static java.util.Set<String> topics(KafkaBroker broker) {
		try (Admin admin = broker.admin()) {
			return admin.listTopics().names().get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static int countLeads(int port) throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/platform",
				"hubsync", "hubsync");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT count(*) FROM leads")) {
			rows.next();
			return rows.getInt(1);
		}
	}

}
