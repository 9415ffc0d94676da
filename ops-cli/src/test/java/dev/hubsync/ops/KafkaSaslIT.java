package dev.hubsync.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.Topics;
import dev.hubsync.infra.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator CLI reaches a Kafka that requires SASL/SCRAM through
 * {@code --kafka-config} (issue #21): a real broker with a SCRAM listener beside its
 * plain one (which only sets up the user), a right password lists the topic, a wrong one
 * is refused by the broker.
 */
class KafkaSaslIT {

	private static KafkaBroker broker;

	private static String sasl;

	@TempDir
	static Path files;

	@BeforeAll
	static void start() throws Exception {
		broker = KafkaBroker.builder().scram().start();
		sasl = broker.scramBootstrapServers();
		broker.addScramUser("operator", "operator-secret");
		try (Admin admin = broker.admin()) {
			admin.createTopics(List.of(new NewTopic(Topics.LOCAL_CHANGES, 2, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stop() {
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void theCliConnectsWithScramAndIsRefusedWithAWrongPassword() throws Exception {
		String[] replay = { "replay", "--topic", Topics.LOCAL_CHANGES, "--since", "1m", "--bootstrap-servers", sasl };
		String[] ok = append(replay, "--kafka-config", config("right.properties", "operator-secret").toString());
		HubSyncOpsTests.Result right = HubSyncOpsTests.run(ok);
		assertThat(right.exit()).as(right.err()).isZero();
		assertThat(right.out()).contains("Dry run (add --yes to act) on Kafka " + sasl)
			.contains("Nothing on " + Topics.LOCAL_CHANGES);
		String[] wrong = append(replay, "--kafka-config", config("wrong.properties", "guessed").toString());
		HubSyncOpsTests.Result refused = HubSyncOpsTests.run(wrong);
		assertThat(refused.exit()).isEqualTo(2);
		assertThat(refused.err()).containsIgnoringCase("authentication");
	}

	private static Path config(String name, String password) throws Exception {
		return Files.writeString(files.resolve(name), String.join("\n", "security.protocol=SASL_PLAINTEXT",
				"sasl.mechanism=SCRAM-SHA-512",
				"sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"operator\""
						+ " password=\"" + password + "\";",
				"request.timeout.ms=10000", "default.api.timeout.ms=15000"));
	}

	private static String[] append(String[] base, String... more) {
		String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

}
