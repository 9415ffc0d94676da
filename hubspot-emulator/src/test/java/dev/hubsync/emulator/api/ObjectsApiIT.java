package dev.hubsync.emulator.api;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectsApiIT {

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create();

	private Http user;

	private Http app;

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		this.user = new Http(hubspot.get().baseUrl(), HubSpotEmulator.USER_TOKEN);
		this.app = new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
	}

	@Test
	void createReturns201WithServerMaintainedProperties() {
		Http.Response created = this.user.post("/crm/v3/objects/contacts",
				"{\"properties\":{\"email\":\"ann@example.com\",\"firstname\":\"Ann\"}}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.header("Content-Type")).startsWith("application/json");
		JsonNode contact = created.json();
		assertThat(contact.get("id").isString()).isTrue();
		assertThat(contact.at("/properties/hs_object_id").asString()).isEqualTo(contact.get("id").asString());
		assertThat(contact.at("/properties/createdate").asString()).isEqualTo(contact.get("createdAt").asString());
		assertThat(contact.at("/properties/lastmodifieddate").asString())
			.isEqualTo(contact.get("updatedAt").asString());
		assertThat(contact.at("/properties/lastname").isNull()).isTrue();
		assertThat(contact.get("archived").asBoolean()).isFalse();
	}

	@Test
	void readReturnsAskedPropertiesWithNullsAndDropsUnknownNames() {
		String id = create("{\"email\":\"ann@example.com\"}");
		JsonNode contact = this.user.get("/crm/v3/objects/contacts/" + id + "?properties=email,phone,nope").json();
		assertThat(contact.at("/properties/email").asString()).isEqualTo("ann@example.com");
		assertThat(contact.get("properties").has("phone")).isTrue();
		assertThat(contact.at("/properties/phone").isNull()).isTrue();
		assertThat(contact.get("properties").has("nope")).isFalse();
		JsonNode repeated = this.user.get("/crm/v3/objects/0-1/" + id + "?properties=email&properties=firstname")
			.json();
		assertThat(repeated.get("properties").has("firstname")).isTrue();
		JsonNode defaults = this.user.get("/crm/v3/objects/contacts/" + id).json();
		assertThat(defaults.get("properties").propertyNames()).containsExactlyInAnyOrder("createdate", "email",
				"firstname", "hs_object_id", "lastmodifieddate", "lastname");
	}

	@Test
	void updateOverwritesOnlyGivenPropertiesAndEmptyStringClears() {
		String id = create("{\"email\":\"ann@example.com\",\"firstname\":\"Ann\",\"lastname\":\"Lee\"}");
		Http.Response updated = this.user.patch("/crm/v3/objects/contacts/" + id,
				"{\"properties\":{\"firstname\":\"Anne\",\"lastname\":\"\"}}");
		assertThat(updated.status()).isEqualTo(200);
		JsonNode contact = this.user.get("/crm/v3/objects/contacts/" + id + "?properties=email,firstname,lastname")
			.json();
		assertThat(contact.at("/properties/firstname").asString()).isEqualTo("Anne");
		assertThat(contact.at("/properties/lastname").isNull()).isTrue();
		assertThat(contact.at("/properties/email").asString()).isEqualTo("ann@example.com");
	}

	@Test
	void archivedRecordsAre404UnlessAskedFor() {
		String id = create("{\"email\":\"ann@example.com\"}");
		assertThat(this.user.delete("/crm/v3/objects/contacts/" + id).status()).isEqualTo(204);
		Http.Response missing = this.user.get("/crm/v3/objects/contacts/" + id);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.json().get("category").asString()).isEqualTo("OBJECT_NOT_FOUND");
		JsonNode archived = this.user.get("/crm/v3/objects/contacts/" + id + "?archived=true").json();
		assertThat(archived.get("archived").asBoolean()).isTrue();
		assertThat(archived.has("archivedAt")).isTrue();
		JsonNode list = this.user.get("/crm/v3/objects/contacts?archived=true").json();
		assertThat(list.get("results")).hasSize(1);
		assertThat(this.user.get("/crm/v3/objects/contacts").json().get("results")).isEmpty();
	}

	@Test
	void listPagesWithAnOpaqueCursorAndNoPagingOnTheLastPage() {
		for (int i = 0; i < 5; i++) {
			create("{\"email\":\"p" + i + "@example.com\"}");
		}
		JsonNode first = this.user.get("/crm/v3/objects/contacts?limit=2").json();
		assertThat(first.get("results")).hasSize(2);
		String after = first.at("/paging/next/after").asString();
		JsonNode second = this.user.get("/crm/v3/objects/contacts?limit=2&after=" + after).json();
		JsonNode third = this.user
			.get("/crm/v3/objects/contacts?limit=2&after=" + second.at("/paging/next/after").asString())
			.json();
		assertThat(third.get("results")).hasSize(1);
		assertThat(third.has("paging")).isFalse();
		assertThat(this.user.get("/crm/v3/objects/contacts?limit=101").status()).isEqualTo(400);
	}

	@Test
	void refusesUnknownReadOnlyAndInvalidValues() {
		Http.Response unknown = this.user.post("/crm/v3/objects/contacts",
				"{\"properties\":{\"email\":\"a@b.c\",\"favourite_colour\":\"blue\"}}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("category").asString()).isEqualTo("VALIDATION_ERROR");
		assertThat(unknown.json().get("message").asString()).contains("PROPERTY_DOESNT_EXIST")
			.contains("favourite_colour");
		Http.Response readOnly = this.user.post("/crm/v3/objects/contacts",
				"{\"properties\":{\"email\":\"a@b.c\",\"hs_object_id\":\"5\"}}");
		assertThat(readOnly.status()).isEqualTo(400);
		assertThat(readOnly.json().get("message").asString()).contains("READ_ONLY_VALUE");
		Http.Response option = this.user.post("/crm/v3/objects/contacts",
				"{\"properties\":{\"email\":\"a@b.c\",\"lifecyclestage\":\"Lead\"}}");
		assertThat(option.json().get("message").asString()).contains("INVALID_OPTION")
			.contains("Lead was not one of the allowed options");
		Http.Response date = this.user.post("/crm/v3/objects/deals",
				"{\"properties\":{\"dealname\":\"D\",\"amount\":\"ten\"}}");
		assertThat(date.json().get("message").asString()).contains("INVALID_INTEGER");
		assertThat(this.user.get("/crm/v3/objects/contacts").json().get("results")).isEmpty();
	}

	@Test
	void normalisesValuesAsHubSpotStoresThem() {
		String id = this.user.post("/crm/v3/objects/deals",
				"{\"properties\":{\"dealname\":\"D\",\"amount\":\"1500.50\",\"closedate\":\"2026-12-31\",\"pipeline\":\"default\"}}")
			.json()
			.get("id")
			.asString();
		JsonNode deal = this.user.get("/crm/v3/objects/deals/" + id + "?properties=amount,closedate").json();
		assertThat(deal.at("/properties/amount").asString()).isEqualTo("1500.5");
		assertThat(deal.at("/properties/closedate").asString()).isEqualTo("2026-12-31T00:00:00.000Z");
	}

	@Test
	void contactEmailIsUniqueIgnoringCase() {
		String id = create("{\"email\":\"Ann@Example.com\"}");
		Http.Response duplicate = this.user.post("/crm/v3/objects/contacts",
				"{\"properties\":{\"email\":\" ann@example.COM \"}}");
		assertThat(duplicate.status()).isEqualTo(409);
		assertThat(duplicate.json().get("category").asString()).isEqualTo("CONFLICT");
		assertThat(duplicate.json().get("message").asString()).isEqualTo("Contact already exists. Existing ID: " + id);
		String other = create("{\"email\":\"bo@example.com\"}");
		assertThat(
				this.user.patch("/crm/v3/objects/contacts/" + other, "{\"properties\":{\"email\":\"ANN@example.com\"}}")
					.status())
			.isEqualTo(409);
		assertThat(
				this.user.get("/crm/v3/objects/contacts/ann@example.com?idProperty=email").json().get("id").asString())
			.isEqualTo(id);
	}

	@Test
	void lifecycleStageOnlyMovesForwardUnlessClearedFirst() {
		String id = create("{\"email\":\"a@b.c\",\"lifecyclestage\":\"customer\"}");
		Http.Response backwards = this.user.patch("/crm/v3/objects/contacts/" + id,
				"{\"properties\":{\"lifecyclestage\":\"lead\"}}");
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.json().get("message").asString()).contains("can only move forward");
		assertThat(this.user.patch("/crm/v3/objects/contacts/" + id, "{\"properties\":{\"lifecyclestage\":\"\"}}")
			.status()).isEqualTo(200);
		assertThat(this.user.patch("/crm/v3/objects/contacts/" + id, "{\"properties\":{\"lifecyclestage\":\"lead\"}}")
			.status()).isEqualTo(200);
	}

	@Test
	void historyRecordsWhoChangedEachValue() {
		String id = create("{\"email\":\"a@b.c\",\"firstname\":\"Ann\"}");
		this.app.patch("/crm/v3/objects/contacts/" + id, "{\"properties\":{\"firstname\":\"Anne\"}}");
		JsonNode history = this.user.get("/crm/v3/objects/contacts/" + id + "?propertiesWithHistory=firstname")
			.json()
			.at("/propertiesWithHistory/firstname");
		assertThat(history).hasSize(2);
		assertThat(history.get(0).get("value").asString()).isEqualTo("Anne");
		assertThat(history.get(0).get("sourceType").asString()).isEqualTo("INTEGRATION");
		assertThat(history.get(0).get("sourceId").asString()).isEqualTo("4242");
		assertThat(history.get(1).get("sourceType").asString()).isEqualTo("CRM_UI");
		assertThat(history.get(1).get("sourceId").asString()).isEqualTo("userId:1");
	}

	@Test
	void mergeMakesANewRecordThatOldIdsResolveTo() {
		String primary = create("{\"email\":\"a@b.c\",\"firstname\":\"Ann\"}");
		String other = create("{\"email\":\"a2@b.c\",\"lastname\":\"Lee\"}");
		JsonNode merged = this.user
			.post("/crm/v3/objects/contacts/merge",
					"{\"primaryObjectId\":\"" + primary + "\",\"objectIdToMerge\":\"" + other + "\"}")
			.json();
		String survivor = merged.get("id").asString();
		assertThat(survivor).isNotIn(primary, other);
		JsonNode viaOld = this.user
			.get("/crm/v3/objects/contacts/" + other
					+ "?properties=email,lastname,hs_additional_emails,hs_merged_object_ids")
			.json();
		assertThat(viaOld.get("id").asString()).isEqualTo(survivor);
		assertThat(viaOld.at("/properties/email").asString()).isEqualTo("a@b.c");
		assertThat(viaOld.at("/properties/lastname").asString()).isEqualTo("Lee");
		assertThat(viaOld.at("/properties/hs_additional_emails").asString()).isEqualTo("a2@b.c");
		assertThat(viaOld.at("/properties/hs_merged_object_ids").asString()).isEqualTo(primary + ";" + other);
	}

	@Test
	void gdprDeleteRemovesTheContactForGood() {
		String id = create("{\"email\":\"gone@b.c\"}");
		assertThat(this.user.post("/crm/v3/objects/contacts/gdpr-delete", "{\"objectId\":\"" + id + "\"}").status())
			.isEqualTo(204);
		assertThat(this.user.get("/crm/v3/objects/contacts/" + id + "?archived=true").status()).isEqualTo(404);
	}

	@Test
	void unknownTokensGetHubSpotsAuthenticationError() {
		Http.Response response = new Http(hubspot.get().baseUrl(), "stolen").get("/crm/v3/objects/contacts");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.json().get("category").asString()).isEqualTo("INVALID_AUTHENTICATION");
		assertThat(response.json().has("correlationId")).isTrue();
	}

	@Test
	void aPathThatOnlyLooksLikeAnOpenOneStillNeedsAToken() throws Exception {
		// sent over a socket as written: an HTTP client would normalise the dots away
		java.net.URI base = hubspot.get().baseUrl();
		try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
			socket.getOutputStream()
				.write(("GET /actuator/../crm/v3/objects/contacts HTTP/1.1\r\nHost: " + base.getHost()
						+ "\r\nConnection: close\r\n\r\n")
					.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
			String status = new java.io.BufferedReader(
					new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
				.readLine();
			assertThat(status).startsWith("HTTP/1.1 4").doesNotContain(" 200");
		}
	}

	@Test
	void ownersAreServedWithAndWithoutTheTrailingSlash() {
		assertThat(this.user.get("/crm/v3/owners").json().get("results")).hasSize(2);
		assertThat(this.user.get("/crm/v3/owners/?limit=1").json().get("results")).hasSize(1);
		assertThat(this.user.get("/crm/v3/owners?archived=true").json().get("results")).hasSize(1);
		assertThat(this.user.get("/crm/v3/owners/41629779").json().get("userId").asLong()).isEqualTo(1);
	}

	private String create(String properties) {
		Http.Response created = this.user.post("/crm/v3/objects/contacts", "{\"properties\":" + properties + "}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

}
