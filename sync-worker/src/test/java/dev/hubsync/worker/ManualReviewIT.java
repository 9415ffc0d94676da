package dev.hubsync.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.worker.support.Events;
import dev.hubsync.worker.support.WorkerFixture;
import dev.hubsync.worker.support.Workers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code MANUAL} conflict settled by a person: the contact's last name changed on both
 * sides opens a review, and choosing one side's value writes it to the other side through
 * the next merge, with the choice in the sync log. The mappings (last name under
 * {@code MANUAL}) are published to a broker of this class's own, so no other test class
 * sees them.
 */
@EmbeddedInfra
class ManualReviewIT {

	private static final Duration WAIT = Duration.ofSeconds(45);

	private static final String KEY = "it-key";

	private static final HttpClient http = HttpClient.newHttpClient();

	private static WorkerFixture fixture;

	private static HubSpotEmulator emulator;

	private static HubSpotClient user;

	private static ConfigurableApplicationContext worker;

	private static Events events;

	@BeforeAll
	static void start() throws Exception {
		String yaml = Workers.demoMappingYaml();
		String manual = yaml.replace("{ column: last_name, property: lastname }",
				"{ column: last_name, property: lastname, rule: MANUAL }");
		assertThat(manual).isNotEqualTo(yaml);
		fixture = WorkerFixture.onOwnBroker(manual, Map.of());
		emulator = fixture.emulator();
		user = fixture.user();
		events = fixture.events();
		Workers.ensureOwnProperties(user);
		worker = fixture.startWorker("--hubsync.worker.inbound.linger=100ms", "--hubsync.worker.outbound.linger=100ms",
				"--hubsync.admin.api-key=" + KEY, "--hubsync.admin.allow-weak-keys=true");
	}

	@AfterAll
	static void stop() throws Exception {
		Workers.closeAll(fixture);
	}

	@Test
	void choosingHubSpotsValueWritesItToTheProduct() throws Exception {
		HubSpotObject contact = conflict("pick.hubspot@example.com", "FromProduct", "FromHubSpot");
		long review = openReview(contact);
		HttpResponse<String> chosen = post("/api/reviews/" + review + "/choose/hubspot");
		assertThat(chosen.statusCode()).as(chosen.body()).isEqualTo(200);
		await().atMost(WAIT).until(() -> "FromHubSpot".equals(lastName("pick.hubspot@example.com")));
		assertThat(read(contact).property("lastname")).isEqualTo("FromHubSpot");
		assertThat(count("SELECT count(*) FROM hubsync.review WHERE id = ? AND resolution = 'chose_hubspot'"
				+ " AND resolved_by = 'admin'", review))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = ? AND outcome = 'chosen'"
				+ " AND field = 'lastname'", Long.parseLong(contact.id())))
			.isEqualTo(1);
		// settled: nothing is raised again for the field
		assertThat(post("/api/reviews/" + review + "/choose/product").statusCode()).isEqualTo(404);
	}

	@Test
	void choosingTheProductsValueWritesItToHubSpot() throws Exception {
		HubSpotObject contact = conflict("pick.product@example.com", "KeptLocally", "SetInHubSpot");
		long review = openReview(contact);
		assertThat(post("/api/reviews/" + review + "/choose/sideways").statusCode()).isEqualTo(400);
		assertThat(post("/api/reviews/" + review + "/choose/product").statusCode()).isEqualTo(200);
		await().atMost(WAIT).until(() -> "KeptLocally".equals(read(contact).property("lastname")));
		assertThat(lastName("pick.product@example.com")).isEqualTo("KeptLocally");
		assertThat(count("SELECT count(*) FROM hubsync.review WHERE kind = 'manual' AND hubspot_id = ?"
				+ " AND resolved_at IS NULL", Long.parseLong(contact.id())))
			.isZero();
	}

	/**
	 * A linked contact whose last name then changes on both sides: in the product without
	 * its change event (no publisher here), in HubSpot with its webhook.
	 */
	private static HubSpotObject conflict(String email, String product, String hubspot) throws Exception {
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", email, "firstname", "Manu", "lastname", "Original"), List.of());
		events.send(List.of(Events.event("contact.creation", Long.parseLong(contact.id()), Instant.now(), Map.of())));
		await().atMost(WAIT).until(() -> "Original".equals(lastName(email)));
		execute("UPDATE public.leads SET last_name = ? WHERE lower(email) = ?", product, email);
		user.objects().update("contacts", contact.id(), Map.of("lastname", hubspot));
		events.send(List.of(Events.event("contact.propertyChange", Long.parseLong(contact.id()), Instant.now(),
				Map.of("propertyName", "lastname", "propertyValue", hubspot))));
		return contact;
	}

	private static long openReview(HubSpotObject contact) throws Exception {
		long[] id = new long[1];
		await().atMost(WAIT).until(() -> {
			try (Connection connection = fixture.database().connect();
					PreparedStatement statement = connection.prepareStatement("SELECT id FROM hubsync.review WHERE"
							+ " kind = 'manual' AND field = 'lastname' AND hubspot_id = ? AND resolved_at IS NULL")) {
				statement.setLong(1, Long.parseLong(contact.id()));
				try (ResultSet rows = statement.executeQuery()) {
					if (rows.next()) {
						id[0] = rows.getLong(1);
						return true;
					}
					return false;
				}
			}
		});
		return id[0];
	}

	private static HubSpotObject read(HubSpotObject contact) {
		return user.objects().get("contacts", contact.id(), ReadOptions.properties(List.of("lastname"))).orElseThrow();
	}

	private static HttpResponse<String> post(String path) throws Exception {
		int port = worker.getEnvironment().getProperty("local.server.port", Integer.class);
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("X-HubSync-Api-Key", KEY)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String lastName(String email) throws Exception {
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection
					.prepareStatement("SELECT last_name FROM public.leads WHERE lower(email) = ?")) {
			statement.setString(1, email);
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	private static void execute(String sql, Object... params) throws Exception {
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			statement.executeUpdate();
		}
	}

	private static long count(String sql, Object... params) throws Exception {
		try (Connection connection = fixture.database().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				statement.setObject(i + 1, params[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

}
