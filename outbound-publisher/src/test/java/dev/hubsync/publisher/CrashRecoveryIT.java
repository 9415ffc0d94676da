package dev.hubsync.publisher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.EventIdentity;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.publisher.support.Publishers;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A publisher killed (SIGKILL) in the middle of 10,000 changes loses none after a
 * restart; duplicates are allowed, and counted.
 */
class CrashRecoveryIT {

	private static final Logger logger = LoggerFactory.getLogger(CrashRecoveryIT.class);

	private static final int CHANGES = 10_000;

	@Test
	void aKilledPublisherLosesNoChange(@TempDir Path logs) throws Exception {
		DemoDatabase demo = SharedInfra.newDemoDatabase();
		String slot = SharedInfra.uniqueName("slot");
		Process first = launch(demo, slot, logs.resolve("first.log"));
		Map<String, Integer> seen = new HashMap<>();
		Set<String> identities = new HashSet<>();
		int[] duplicates = { 0 };
		try (KafkaConsumer<String, byte[]> consumer = Publishers.consumer()) {
			Thread writer = new Thread(() -> write(demo), "change-writer");
			writer.start();
			await().atMost(Duration.ofSeconds(120)).until(() -> {
				collect(consumer, demo, seen, identities, duplicates);
				return seen.size() >= CHANGES / 4;
			});
			first.destroyForcibly();
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
			logger.info("Killed the publisher after {} of {} changes were seen", seen.size(), CHANGES);
			writer.join(120_000);
			Process second = launch(demo, slot, logs.resolve("second.log"));
			try {
				await().atMost(Duration.ofSeconds(180)).until(() -> {
					collect(consumer, demo, seen, identities, duplicates);
					return seen.size() >= CHANGES;
				});
			}
			finally {
				second.destroyForcibly();
				second.waitFor(30, TimeUnit.SECONDS);
			}
		}
		finally {
			first.destroyForcibly();
		}
		logger.info("All {} changes arrived; {} duplicates after the kill", CHANGES, duplicates[0]);
		assertThat(seen).hasSize(CHANGES);
	}

	private static void collect(KafkaConsumer<String, byte[]> consumer, DemoDatabase demo, Map<String, Integer> seen,
			Set<String> identities, int[] duplicates) {
		consumer.poll(Duration.ofMillis(300)).forEach((record) -> {
			LocalChange change = Publishers.decode(record);
			if (!"companies".equals(change.table()) || change.after() == null
					|| !String.valueOf(change.after().get("domain")).equals(demo.database())) {
				return;
			}
			EventIdentity identity = change.identity();
			if (!identities.add(identity.value())) {
				duplicates[0]++;
			}
			seen.merge(change.primaryKey(), 1, Integer::sum);
		});
	}

	private static void write(DemoDatabase demo) {
		try (Connection connection = demo.connect()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO companies (name, domain) VALUES (?, ?)")) {
				for (int i = 0; i < CHANGES; i++) {
					insert.setString(1, "Company " + i);
					insert.setString(2, demo.database());
					insert.addBatch();
					if (i % 50 == 49) {
						insert.executeBatch();
						connection.commit();
					}
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Process launch(DemoDatabase demo, String slot, Path log) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
						classPath(), OutboundPublisherApplication.class.getName(),
						"--spring.config.name=" + OutboundPublisherApplication.CONFIG_NAME));
		command.addAll(Publishers.arguments(demo, slot, "--hubsync.publisher.tables=public.companies"));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static String classPath() {
		String surefire = System.getProperty("surefire.test.class.path");
		String path = (surefire != null && !surefire.isBlank()) ? surefire : System.getProperty("java.class.path");
		return String.join(File.pathSeparator, path.split(File.pathSeparator));
	}

}
