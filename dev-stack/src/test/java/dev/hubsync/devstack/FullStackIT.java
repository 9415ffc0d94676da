package dev.hubsync.devstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.oauth.TokenProvider;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole system in one JVM, as the dev stack runs it: HubSpot changes travel as signed
 * webhooks through the ingress and the worker into the platform database; platform
 * changes travel through Debezium, the publisher and the worker into HubSpot; neither
 * comes back.
 */
class FullStackIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	static Path data;

	private static DevStack stack;

	private static HubSpotClient user;

	@BeforeAll
	static void start() {
		stack = DevStack.start(new DevStackOptions(
				data, false, FreePorts.find(), FreePorts.find(), FreePorts.find(), new ServicePorts(FreePorts.find(),
						FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find()),
				Duration.ofMinutes(10), 3, null));
		user = HubSpotClient.builder()
			.baseUrl(stack.emulator().baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.build();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void demoDataArrivesOnTheOtherSide() {
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(count("SELECT count(*) FROM leads WHERE email LIKE ?", "hubspot-%@example.com")).isEqualTo(3);
			assertThat(count("SELECT count(*) FROM hubsync.link l JOIN leads d ON d.id::text = l.platform_key"
					+ " WHERE d.email LIKE ?", "platform-%@example.com"))
				.isEqualTo(3);
		});
	}

	@Test
	void aContactCreatedInHubSpotArrivesAsALeadThroughSignedWebhooks() {
		HubSpotObject contact = user.objects()
			.create("contacts", Map.of("email", "Through.Webhooks@Example.com", "firstname", "Through", "lastname",
					"Webhooks", "phone", "(415) 555-0199", "lifecyclestage", "lead"), null);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(lead("through.webhooks@example.com")).containsEntry("first_name", "Through")
				.containsEntry("phone", "+14155550199"));
		// the stamp of hubsync_record_id comes back as our own echo and changes nothing
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.objects()
				.get("contacts", contact.id(), ReadOptions.properties(List.of("hubsync_record_id")))
				.orElseThrow()
				.property("hubsync_record_id")).isEqualTo(lead("through.webhooks@example.com").get("id").toString()));
	}

	@Test
	void aLeadWrittenWithSqlArrivesInHubSpotAndDoesNotComeBack() throws SQLException {
		String key;
		try (Connection connection = stack.platform().connect();
				PreparedStatement insert = connection
					.prepareStatement("INSERT INTO leads (email, first_name, last_name,"
							+ " lifecycle_stage) VALUES ('from.sql@example.com', 'From', 'Sql', 'mql') RETURNING id::text")) {
			try (ResultSet rs = insert.executeQuery()) {
				rs.next();
				key = rs.getString(1);
			}
		}
		String id = key;
		await().atMost(WAIT).untilAsserted(() -> assertThat(hubspotIdOf(id)).isNotNull());
		HubSpotObject contact = user.objects()
			.get("contacts", String.valueOf(hubspotIdOf(id)),
					ReadOptions.properties(List.of("email", "lifecyclestage", "hubsync_record_id")))
			.orElseThrow();
		assertThat(contact.properties()).containsEntry("email", "from.sql@example.com")
			.containsEntry("lifecyclestage", "marketingqualifiedlead")
			.containsEntry("hubsync_record_id", key);
		// the write's echo webhook reaches the worker and is dropped: no inbound write of
		// this row
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(count("SELECT count(*) FROM hubsync.processed_event WHERE identity LIKE ?",
					"webhook:%:" + contact.id() + ":%"))
				.isPositive());
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE direction = 'inbound' AND platform_key = ?"
				+ " AND outcome IN ('applied', 'created')", key))
			.isZero();
	}

	@Test
	void companiesAndDealsTravelBothWaysWithTheirTypesAndAssociations() throws SQLException {
		String company = insert(
				"INSERT INTO companies (name, domain, industry) VALUES ('Engines Ltd', 'Engines.Example',"
						+ " 'COMPUTER_SOFTWARE') RETURNING id::text");
		String deal = insert(
				"INSERT INTO deals (name, amount, stage, close_date, company_id) VALUES ('Big deal', 1500.50,"
						+ " 'closedwon', DATE '2026-12-31', '" + company + "') RETURNING id::text");
		await().atMost(WAIT).untilAsserted(() -> assertThat(linked("0-3", deal)).isNotNull());
		long companyId = linked("0-2", company);
		HubSpotObject hubspotCompany = user.objects()
			.get("companies", String.valueOf(companyId), ReadOptions.properties(List.of("name", "domain", "industry")))
			.orElseThrow();
		assertThat(hubspotCompany.properties()).containsEntry("domain", "engines.example")
			.containsEntry("industry", "COMPUTER_SOFTWARE");
		HubSpotObject hubspotDeal = user.objects()
			.get("deals", String.valueOf(linked("0-3", deal)),
					ReadOptions.properties(List.of("dealname", "amount", "dealstage", "pipeline", "closedate")))
			.orElseThrow();
		assertThat(hubspotDeal.properties()).containsEntry("dealname", "Big deal")
			.containsEntry("dealstage", "closedwon")
			.containsEntry("pipeline", "default");
		assertThat(new java.math.BigDecimal(hubspotDeal.property("amount"))).isEqualByComparingTo("1500.50");
		assertThat(java.time.Instant.parse(hubspotDeal.property("closedate")))
			.isEqualTo(java.time.Instant.parse("2026-12-31T00:00:00Z"));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(user.associations().list("deals", hubspotDeal.id(), "companies"))
				.anySatisfy(
						(association) -> assertThat(association.toObjectId()).isEqualTo(String.valueOf(companyId))));

		// and back: a deal created in HubSpot, associated with the company
		HubSpotObject created = user.objects()
			.create("deals", Map.of("dealname", "From HubSpot", "amount", "99.9", "dealstage", "appointmentscheduled",
					"pipeline", "default", "closedate", "2027-01-15T00:00:00.000Z"), null);
		user.associations()
			.associate("deals", created.id(), "companies", String.valueOf(companyId),
					List.of(dev.hubsync.hubspot.associations.AssociationSpec.hubspotDefined(341)));
		await().atMost(WAIT).untilAsserted(() -> {
			Map<String, Object> row = row("SELECT amount::text AS amount, stage, close_date::text AS close_date,"
					+ " company_id::text AS company_id FROM deals WHERE name = ?", "From HubSpot");
			assertThat(row).isNotNull()
				.containsEntry("amount", "99.90")
				.containsEntry("stage", "appointmentscheduled")
				.containsEntry("close_date", "2027-01-15")
				.containsEntry("company_id", company);
		});
	}

	private static String insert(String sql) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement(sql);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return rs.getString(1);
		}
	}

	private static Long linked(String objectTypeId, String key) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement(
						"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = ? AND platform_key = ?")) {
			statement.setString(1, objectTypeId);
			statement.setString(2, key);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getLong(1) : null;
			}
		}
	}

	private static Long hubspotIdOf(String key) throws SQLException {
		Map<String, Object> row = row(
				"SELECT hubspot_id FROM hubsync.link WHERE object_type_id = '0-1' AND platform_key = ?", key);
		return (row != null) ? (Long) row.get("hubspot_id") : null;
	}

	private static Map<String, Object> lead(String email) throws SQLException {
		Map<String, Object> row = row("SELECT * FROM leads WHERE lower(email) = ?", email);
		assertThat(row).as("lead " + email).isNotNull();
		return row;
	}

	private static long count(String sql, String parameter) throws SQLException {
		return ((Number) row(sql, parameter).values().iterator().next()).longValue();
	}

	private static Map<String, Object> row(String sql, String parameter) throws SQLException {
		try (Connection connection = stack.platform().connect();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
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
