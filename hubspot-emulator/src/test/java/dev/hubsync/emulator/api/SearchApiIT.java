package dev.hubsync.emulator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class SearchApiIT {

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.search.index-delay", "0ms")
		.property("emulator.rate-limit.search-per-second", "1000");

	private Http api;

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		this.api = new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
	}

	@Test
	void everyOperatorWithHubSpotsCaseRules() {
		seedContacts();
		assertThat(emails(filter("email", "EQ", "\"ANN@ACME.io\""))).containsExactly("ann@acme.io");
		assertThat(emails(filter("firstname", "NEQ", "\"Ann\""))).containsExactly("bo@beta.io", "cy@acme.io");
		assertThat(emails(filter("lifecyclestage", "EQ", "\"Lead\""))).as("enumerations are case-sensitive").isEmpty();
		assertThat(emails(filter("lifecyclestage", "EQ", "\"lead\""))).containsExactly("ann@acme.io");
		assertThat(emails(filter("email", "CONTAINS_TOKEN", "\"*@acme.io\""))).containsExactly("ann@acme.io",
				"cy@acme.io");
		assertThat(emails(filter("email", "NOT_CONTAINS_TOKEN", "\"*@acme.io\""))).containsExactly("bo@beta.io");
		assertThat(emails(filter("phone", "HAS_PROPERTY", null))).containsExactly("bo@beta.io");
		assertThat(emails(filter("phone", "NOT_HAS_PROPERTY", null))).containsExactly("ann@acme.io", "cy@acme.io");
		assertThat(emails(inFilter("firstname", "IN", "[\"bo\",\"cy\"]"))).containsExactly("bo@beta.io", "cy@acme.io");
		assertThat(emails(inFilter("firstname", "IN", "[\"Bo\"]"))).as("IN values of strings must be lower case")
			.isEmpty();
		assertThat(emails(inFilter("firstname", "NOT_IN", "[\"bo\"]"))).containsExactly("ann@acme.io", "cy@acme.io");
	}

	@Test
	void numbersAndDatesCompareAsNumbersAndEpochMillis() {
		for (String amount : List.of("5", "40", "300")) {
			this.api.post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"D" + amount + "\",\"amount\":\""
					+ amount + "\",\"closedate\":\"2026-0" + amount.length() + "-01\"}}");
		}
		assertThat(names(search("deals",
				"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"amount\",\"operator\":\"GT\",\"value\":\"39\"}]}],"
						+ "\"properties\":[\"dealname\"]}")))
			.containsExactly("D40", "D300");
		assertThat(names(search("deals",
				"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"amount\",\"operator\":\"BETWEEN\","
						+ "\"value\":\"5\",\"highValue\":\"40\"}]}],\"properties\":[\"dealname\"]}")))
			.containsExactly("D5", "D40");
		String march = String.valueOf(java.time.Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
		assertThat(
				names(search("deals",
						"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"closedate\",\"operator\":\"GTE\","
								+ "\"value\":\"" + march + "\"}]}],\"properties\":[\"dealname\"]}")))
			.containsExactly("D300");
	}

	@Test
	void groupsAreOredAndSortTiesBreakById() {
		seedContacts();
		JsonNode result = search("contacts",
				"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"firstname\",\"operator\":\"EQ\","
						+ "\"value\":\"ann\"}]},{\"filters\":[{\"propertyName\":\"firstname\",\"operator\":\"EQ\",\"value\":\"cy\"}]}],"
						+ "\"sorts\":[{\"propertyName\":\"lastmodifieddate\",\"direction\":\"DESCENDING\"}],\"properties\":[\"email\"]}");
		assertThat(result.get("total").asInt()).isEqualTo(2);
		assertThat(emails(result)).containsExactly("ann@acme.io", "cy@acme.io");
	}

	@Test
	void pagesAreStableWhenSortValuesTie() {
		List<String> ids = hubspot.get().admin().seed("contacts", 25, Map.of("email", "s{n}@x.io"), "1700000000000");
		List<String> seen = new ArrayList<>();
		String after = null;
		do {
			JsonNode page = search("contacts",
					"{\"sorts\":[{\"propertyName\":\"createdate\",\"direction\":\"ASCENDING\"}]," + "\"limit\":10"
							+ ((after != null) ? ",\"after\":\"" + after + "\"" : "") + "}");
			page.get("results").forEach((r) -> seen.add(r.get("id").asString()));
			after = page.has("paging") ? page.at("/paging/next/after").asString() : null;
		}
		while (after != null);
		assertThat(seen).containsExactlyElementsOf(ids);
	}

	@Test
	void refusesWhatHubSpotRefuses() {
		assertThat(searchStatus("contacts", "{\"limit\":201}")).isEqualTo(400);
		assertThat(searchStatus("contacts", "{\"after\":\"10000\"}")).isEqualTo(400);
		assertThat(searchStatus("contacts", "{\"query\":\"" + "x".repeat(3000) + "\"}")).isEqualTo(400);
		assertThat(searchStatus("contacts", "{\"filterGroups\":[{},{},{},{},{},{}]}")).isEqualTo(400);
		assertThat(searchStatus("contacts", "{\"sorts\":[\"email\",\"firstname\"]}")).isEqualTo(400);
	}

	@Test
	void archivedRecordsNeverAppear() {
		seedContacts();
		String id = search("contacts",
				"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"EQ\","
						+ "\"value\":\"bo@beta.io\"}]}]}")
			.at("/results/0/id")
			.asString();
		this.api.delete("/crm/v3/objects/contacts/" + id);
		assertThat(emails(search("contacts", "{\"properties\":[\"email\"]}"))).containsExactly("ann@acme.io",
				"cy@acme.io");
	}

	@Test
	void theWrongLastModifiedPropertySilentlyMatchesNothing() {
		seedContacts();
		assertThat(search("contacts", "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"hs_lastmodifieddate\","
				+ "\"operator\":\"GTE\",\"value\":\"0\"}]}]}")
			.get("total")
			.asInt()).isZero();
		assertThat(search("contacts", "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"lastmodifieddate\","
				+ "\"operator\":\"GTE\",\"value\":\"0\"}]}]}")
			.get("total")
			.asInt()).isEqualTo(3);
	}

	@Test
	void associationPseudoPropertyFiltersByAssociatedRecord() {
		seedContacts();
		String company = this.api.post("/crm/v3/objects/companies", "{\"properties\":{\"name\":\"Acme\"}}")
			.json()
			.get("id")
			.asString();
		String ann = search("contacts",
				"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"email\",\"operator\":\"EQ\","
						+ "\"value\":\"ann@acme.io\"}]}]}")
			.at("/results/0/id")
			.asString();
		this.api.put("/crm/v4/objects/contacts/" + ann + "/associations/default/companies/" + company, null);
		assertThat(emails(search("contacts",
				"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"associations.company\","
						+ "\"operator\":\"EQ\",\"value\":\"" + company + "\"}]}],\"properties\":[\"email\"]}")))
			.containsExactly("ann@acme.io");
	}

	private void seedContacts() {
		this.api.post("/crm/v3/objects/contacts/batch/create",
				"{\"inputs\":[{\"properties\":{\"email\":\"ann@acme.io\",\"firstname\":\"Ann\",\"lifecyclestage\":\"lead\"}},"
						+ "{\"properties\":{\"email\":\"bo@beta.io\",\"firstname\":\"Bo\",\"phone\":\"+15550100\"}},"
						+ "{\"properties\":{\"email\":\"cy@acme.io\",\"firstname\":\"Cy\"}}]}");
	}

	private JsonNode filter(String property, String operator, String value) {
		return search("contacts",
				"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"" + property + "\",\"operator\":\"" + operator
						+ "\"" + ((value != null) ? ",\"value\":" + value : "") + "}]}],\"properties\":[\"email\"]}");
	}

	private JsonNode inFilter(String property, String operator, String values) {
		return search("contacts", "{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"" + property
				+ "\",\"operator\":\"" + operator + "\",\"values\":" + values + "}]}],\"properties\":[\"email\"]}");
	}

	private JsonNode search(String type, String body) {
		Http.Response response = this.api.post("/crm/v3/objects/" + type + "/search", body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.header("X-HubSpot-RateLimit-Remaining")).as("search answers carry no rate-limit headers")
			.isNull();
		return response.json();
	}

	private int searchStatus(String type, String body) {
		return this.api.post("/crm/v3/objects/" + type + "/search", body).status();
	}

	private static List<String> emails(JsonNode result) {
		List<String> emails = new ArrayList<>();
		result.get("results").forEach((r) -> emails.add(r.at("/properties/email").asString()));
		return emails;
	}

	private static List<String> names(JsonNode result) {
		List<String> names = new ArrayList<>();
		result.get("results").forEach((r) -> names.add(r.at("/properties/dealname").asString()));
		return names;
	}

}
