package dev.hubsync.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.transport.RetrySettings;
import dev.hubsync.infra.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole dev stack, as a user runs it (its own JVM), killed with SIGKILL while leads
 * are written with SQL and contacts created in HubSpot, then started again on the same
 * data directory: every acknowledged write on either side reaches the other side, once.
 */
class StackKillIT {

	@TempDir
	static Path data;

	private final int kafkaPort = FreePorts.find();

	private final int controllerPort = FreePorts.find();

	private final int postgresPort = FreePorts.find();

	private final ServicePorts ports = new ServicePorts(FreePorts.find(), FreePorts.find(), FreePorts.find(),
			FreePorts.find(), FreePorts.find());

	@Test
	void aKilledStackLosesNothingAfterARestart() throws Exception {
		ConcurrentLinkedQueue<String> output = new ConcurrentLinkedQueue<>();
		Process first = start(output);
		HubSpotClient user = HubSpotClient.builder()
			.baseUrl(java.net.URI.create("http://localhost:" + this.ports.emulator()))
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.build();
		AtomicBoolean writing = new AtomicBoolean(true);
		AtomicInteger leads = new AtomicInteger();
		AtomicInteger contacts = new AtomicInteger();
		Thread sql = new Thread(() -> writeLeads(writing, leads));
		// one attempt per create: a create that fails is not retried into the restarted
		// stack
		HubSpotClient writer = HubSpotClient.builder()
			.baseUrl(java.net.URI.create("http://localhost:" + this.ports.emulator()))
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.retry(new RetrySettings(1, Duration.ofMillis(100), Duration.ofMillis(100), 1, 0))
			.build();
		Thread hubspot = new Thread(() -> createContacts(writer, writing, contacts));
		sql.start();
		hubspot.start();
		try {
			// mid-stream: some writes synced, some in flight, some not yet captured
			await().atMost(Duration.ofSeconds(60)).until(() -> leads.get() >= 40 && contacts.get() >= 15);
			first.destroyForcibly(); // SIGKILL: no shutdown hook runs
			assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			writing.set(false);
			sql.join(30_000);
			hubspot.join(30_000);
		}
		assertThat(sql.isAlive() || hubspot.isAlive()).isFalse();
		int acknowledgedLeads = leads.get();
		int acknowledgedContacts = contacts.get();
		output.clear();
		Process second = start(output);
		try {
			// every acknowledged write survived on its own side (a write the kill cut off
			// before its answer may have landed too: what is there is what must be
			// synced)
			long rows = count("SELECT count(*) FROM leads WHERE email LIKE 'kill-lead-%'");
			long created = contactsWithEmailPrefix(user, "kill-contact-");
			assertThat(rows).isGreaterThanOrEqualTo(acknowledgedLeads);
			assertThat(created).isGreaterThanOrEqualTo(acknowledgedContacts);
			await().atMost(Duration.ofMinutes(3)).untilAsserted(() -> {
				assertThat(count("SELECT count(*) FROM hubsync.link l JOIN leads d ON d.id::text = l.platform_key"
						+ " WHERE l.object_type_id = '0-1' AND d.email LIKE 'kill-lead-%'"))
					.isEqualTo(rows);
				assertThat(count("SELECT count(*) FROM leads WHERE email LIKE 'kill-contact-%'")).isEqualTo(created);
			});
			// once: no duplicate on either side
			assertThat(contactsWithEmailPrefix(user, "kill-lead-")).isEqualTo(rows);
			assertThat(count("SELECT count(DISTINCT lower(email)) FROM leads WHERE email LIKE 'kill-contact-%'"))
				.isEqualTo(created);
		}
		finally {
			second.destroy();
			assertThat(second.waitFor(60, TimeUnit.SECONDS)).as(String.join("\n", output)).isTrue();
		}
	}

	private Process start(ConcurrentLinkedQueue<String> output) throws IOException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				ChildJvm.testClassPath(), DevStackMain.class.getName(), "--data-dir", data.toString(), "--kafka-port",
				String.valueOf(this.kafkaPort), "--kafka-controller-port", String.valueOf(this.controllerPort),
				"--postgres-port", String.valueOf(this.postgresPort), "--emulator-port",
				String.valueOf(this.ports.emulator()), "--ingress-port", String.valueOf(this.ports.ingress()),
				"--mapping-port", String.valueOf(this.ports.mapping()), "--worker-port",
				String.valueOf(this.ports.worker()), "--publisher-port", String.valueOf(this.ports.publisher()),
				"--poll-interval", "PT10S");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(() -> ChildJvm.readLines(process, output));
		reader.setDaemon(true);
		reader.start();
		await().atMost(Duration.ofSeconds(180)).until(() -> output.contains(DevStackMain.READY) || !process.isAlive());
		assertThat(output).as("dev stack output").contains(DevStackMain.READY);
		return process;
	}

	private void writeLeads(AtomicBoolean writing, AtomicInteger acknowledged) {
		int next = 0;
		while (writing.get()) {
			try (Connection connection = connect();
					PreparedStatement insert = connection.prepareStatement(
							"INSERT INTO leads (email, first_name, last_name) VALUES (?, 'Kill', 'Lead')")) {
				while (writing.get()) {
					insert.setString(1, "kill-lead-" + next + "@example.com");
					insert.executeUpdate(); // auto-commit: acknowledged when it returns
					next++;
					acknowledged.incrementAndGet();
				}
			}
			catch (SQLException ex) {
				// the database is being killed or restarted; what was acknowledged counts
				return;
			}
		}
	}

	private static void createContacts(HubSpotClient user, AtomicBoolean writing, AtomicInteger acknowledged) {
		int next = 0;
		while (writing.get()) {
			try {
				user.objects()
					.create("contacts", Map.of("email", "kill-contact-" + next + "@example.com", "firstname", "Kill"),
							null);
				next++;
				acknowledged.incrementAndGet();
			}
			catch (RuntimeException ex) {
				// the emulator died with the stack; an unacknowledged create may or may
				// not
				// exist, so none is attempted after it
				return;
			}
		}
	}

	private static long contactsWithEmailPrefix(HubSpotClient user, String prefix) {
		try (var all = user.objects().listAll("contacts", ReadOptions.properties(List.of("email")))) {
			return all.filter((contact) -> {
				String email = contact.property("email");
				return email != null && email.startsWith(prefix);
			}).count();
		}
	}

	private long count(String sql) throws SQLException {
		try (Connection connection = connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private Connection connect() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.postgresPort + "/platform", "hubsync",
				"hubsync");
	}

}
