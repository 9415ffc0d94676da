package dev.hubsync.emulator.api;

import java.util.ArrayList;
import java.util.List;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.support.JournalHttp;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhooks journal (reference {@code hubspot-2026.md} §3): client-credentials tokens,
 * subscriptions, entries fed by the changes that make webhooks, reads by offset, entry
 * files by pre-signed URL, snapshots.
 */
class WebhooksJournalIT {

	private static final String JOURNAL = "/webhooks-journal/journal/2026-03";

	private static final String SUBSCRIPTIONS = "/webhooks-journal/subscriptions/2026-03";

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.search.index-delay", "0ms");

	private Http api;

	private Http journal;

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		hubspot.get().admin().clearWebhooksJournal();
		this.api = new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
		this.journal = new Http(hubspot.get().baseUrl(),
				JournalHttp.clientCredentials(hubspot.get().baseUrl(), JournalHttp.ALL_SCOPES));
	}

	@Test
	void readsNeedAClientCredentialsTokenWithTheScope() {
		assertThat(this.api.get(JOURNAL + "/earliest").status()).isEqualTo(401);
		Http subscriptionsOnly = new Http(hubspot.get().baseUrl(), JournalHttp
			.clientCredentials(hubspot.get().baseUrl(), "developer.webhooks_journal.subscriptions.read"));
		assertThat(subscriptionsOnly.get(JOURNAL + "/earliest").status()).isEqualTo(403);
		assertThat(subscriptionsOnly.get(SUBSCRIPTIONS).status()).isEqualTo(200);
		// one token endpoint for every grant: an unknown client is HubSpot's 400
		// BAD_CLIENT_ID
		Http.Response unknown = JournalHttp.token(hubspot.get().baseUrl(), "/oauth/2026-03/token",
				"grant_type=client_credentials&client_id=nobody&client_secret=x&scope=developer.webhooks_journal.read");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.json().get("status").asString()).isEqualTo("BAD_CLIENT_ID");
		Http.Response wrongSecret = JournalHttp.token(hubspot.get().baseUrl(), "/oauth/2026-03/token",
				"grant_type=client_credentials&client_id=" + JournalHttp.CLIENT_ID
						+ "&client_secret=x&scope=developer.webhooks_journal.read");
		assertThat(wrongSecret.status()).isEqualTo(401);
		assertThat(wrongSecret.json().get("status").asString()).isEqualTo("BAD_CLIENT_SECRET");
		Http.Response granted = JournalHttp.token(hubspot.get().baseUrl(), "/oauth/2026-03/token",
				"grant_type=client_credentials&client_id=" + JournalHttp.CLIENT_ID + "&client_secret="
						+ JournalHttp.CLIENT_SECRET + "&scope=developer.webhooks_journal.read");
		assertThat(granted.json().get("token_use").asString()).isEqualTo("client_credentials");
		assertThat(granted.json().get("expires_in").asLong()).isEqualTo(1800);
		assertThat(granted.json().has("refresh_token")).isFalse();
	}

	@Test
	void anEmptyJournalAnswers204() {
		assertThat(this.journal.get(JOURNAL + "/earliest").status()).isEqualTo(204);
		assertThat(this.journal.get(JOURNAL + "/latest").status()).isEqualTo(204);
		assertThat(this.journal.get(JOURNAL + "/batch/earliest/10").json().get("results")).isEmpty();
	}

	@Test
	void subscribedChangesBecomeEntriesReadForwardByOffset() {
		subscribe("{\"subscriptionType\":\"OBJECT\",\"portalId\":100000,\"objectTypeId\":\"0-1\","
				+ "\"actions\":[\"CREATE\",\"UPDATE\",\"DELETE\",\"MERGE\"],\"properties\":[\"email\",\"firstname\"],"
				+ "\"objectIds\":[]}");
		subscribe("{\"subscriptionType\":\"ASSOCIATION\",\"portalId\":100000,\"objectTypeId\":\"0-1\","
				+ "\"associatedObjectTypeIds\":[\"0-2\"],\"actions\":[\"ASSOCIATION_ADDED\",\"ASSOCIATION_REMOVED\"],"
				+ "\"objectIds\":[]}");
		String contact = create("contacts", "{\"email\":\"ann@x.io\",\"firstname\":\"Ann\",\"lastname\":\"Lee\"}");
		String company = create("companies", "{\"name\":\"Acme\"}");
		this.api.patch("/crm/objects/2026-09/contacts/" + contact, "{\"properties\":{\"firstname\":\"Anna\"}}");
		this.api.patch("/crm/objects/2026-09/contacts/" + contact, "{\"properties\":{\"lastname\":\"Li\"}}");
		this.api.put("/crm/v4/objects/contacts/" + contact + "/associations/default/companies/" + company, null);
		this.api.delete("/crm/objects/2026-09/contacts/" + contact);

		List<JsonNode> files = readAll();
		assertThat(files).hasSize(4);
		JsonNode create = files.get(0).at("/journalEvents/0");
		assertThat(create.get("action").asString()).isEqualTo("CREATE");
		assertThat(create.get("objectId").asLong()).isEqualTo(Long.parseLong(contact));
		assertThat(create.at("/propertyChanges/email").asString()).isEqualTo("ann@x.io");
		assertThat(create.at("/propertyChanges").has("lastname")).isFalse();
		assertThat(create.get("occurredAt").isString()).isTrue();
		assertThat(create.has("changeSource")).isFalse();
		JsonNode update = files.get(1).at("/journalEvents/0");
		assertThat(update.get("action").asString()).isEqualTo("UPDATE");
		assertThat(update.at("/propertyChanges/firstname").asString()).isEqualTo("Anna");
		assertThat(files.get(2).get("journalEvents")).allSatisfy((association) -> {
			assertThat(association.get("type").asString()).isEqualTo("association");
			assertThat(association.get("action").asString()).isEqualTo("ASSOCIATION_ADDED");
			assertThat(association.get("fromObjectId").asLong()).isEqualTo(Long.parseLong(contact));
			assertThat(association.get("toObjectId").asLong()).isEqualTo(Long.parseLong(company));
		});
		assertThat(files.get(2).get("journalEvents"))
			.anySatisfy((association) -> assertThat(association.get("associationTypeId").asInt()).isEqualTo(279));
		assertThat(files.get(3).at("/journalEvents/0/action").asString()).isEqualTo("DELETE");

		String latest = this.journal.get(JOURNAL + "/latest").json().get("currentOffset").asString();
		assertThat(this.journal.get(JOURNAL + "/offset/" + latest + "/next").status()).isEqualTo(204);
		assertThat(this.journal.get(JOURNAL + "/offset/" + java.util.UUID.randomUUID() + "/next").status())
			.isEqualTo(404);
		assertThat(this.journal.get(JOURNAL + "/batch/earliest/101").status()).isEqualTo(400);
		Http.Response read = this.journal.post(JOURNAL + "/batch/read",
				"{\"inputs\":[\"" + latest + "\",\"" + java.util.UUID.randomUUID() + "\"]}");
		assertThat(read.status()).isEqualTo(207);
		assertThat(read.json().get("results")).hasSize(1);
		assertThat(read.json().at("/errors/0/category").asString()).isEqualTo("OBJECT_NOT_FOUND");
	}

	@Test
	void entryFilesAreFetchedWithoutAToken() {
		subscribe("{\"portalId\":100000,\"objectTypeId\":\"0-1\",\"actions\":[\"CREATE\"],\"properties\":[],"
				+ "\"objectIds\":[]}");
		create("contacts", "{\"email\":\"bo@x.io\"}");
		JsonNode earliest = this.journal.get(JOURNAL + "/earliest").json();
		Http.Response file = JournalHttp.fetch(earliest.get("url").asString());
		assertThat(file.status()).isEqualTo(200);
		assertThat(file.json().get("offset").asString()).isEqualTo(earliest.get("currentOffset").asString());
		assertThat(
				JournalHttp.fetch(earliest.get("url").asString().replaceAll("signature=[0-9a-f]{4}", "signature=0000"))
					.status())
			.isEqualTo(403);
	}

	@Test
	void snapshotsWriteCurrentValuesIntoTheJournal() {
		String contact = create("contacts", "{\"email\":\"cy@x.io\",\"firstname\":\"Cy\"}");
		JsonNode answer = this.journal
			.post("/webhooks-journal/snapshots/2026-03/crm",
					"{\"snapshotRequests\":[{\"portalId\":100000,\"objectTypeId\":\"0-1\",\"objectId\":" + contact
							+ ",\"properties\":[\"email\",\"firstname\"]}]}")
			.json();
		String status = answer.at("/snapshotResponses/0/snapshotStatusId").asString();
		assertThat(this.journal.get("/webhooks-journal/snapshots/2026-03/crm/status/" + status)
			.json()
			.get("status")
			.asString()).isEqualTo("SUCCESS");
		assertThat(this.journal.get(JOURNAL + "/status/" + status).status()).isEqualTo(200);
		JsonNode event = readAll().get(0).at("/journalEvents/0");
		assertThat(event.get("action").asString()).isEqualTo("SNAPSHOT");
		assertThat(event.at("/propertyChanges/firstname").asString()).isEqualTo("Cy");
	}

	@Test
	void subscriptionsUpsertByPortalTypeAndObjectType() {
		JsonNode first = subscribe("{\"portalId\":100000,\"objectTypeId\":\"0-1\",\"actions\":[\"CREATE\"],"
				+ "\"properties\":[],\"objectIds\":[]}");
		JsonNode second = subscribe("{\"portalId\":100000,\"objectTypeId\":\"0-1\",\"actions\":[\"UPDATE\"],"
				+ "\"properties\":[\"email\"],\"objectIds\":[]}");
		assertThat(second.get("id").asLong()).isEqualTo(first.get("id").asLong());
		assertThat(this.journal.get(SUBSCRIPTIONS).json().get("results")).hasSize(1);
		assertThat(this.journal.delete(SUBSCRIPTIONS + "/" + first.get("id").asLong()).status()).isEqualTo(204);
		assertThat(this.journal.get(SUBSCRIPTIONS).json().get("results")).isEmpty();
	}

	@Test
	void filtersKeepTheChangesOfRecordsWhoseValuesMatch() {
		long subscription = subscribe("{\"portalId\":100000,\"objectTypeId\":\"0-1\",\"actions\":[\"UPDATE\"],"
				+ "\"properties\":[],\"objectIds\":[]}")
			.get("id")
			.asLong();
		Http.Response added = this.journal.post(SUBSCRIPTIONS + "/filters",
				"{\"subscriptionId\":" + subscription
						+ ",\"filter\":{\"conditions\":[{\"filterType\":\"CRM_OBJECT_PROPERTY\",\"property\":"
						+ "\"lifecyclestage\",\"operator\":\"EQ\",\"value\":\"customer\"}]}}");
		assertThat(added.status()).as(added.body()).isEqualTo(200);
		long filter = added.json().get("filterId").asLong();
		assertThat(this.journal.get(SUBSCRIPTIONS + "/filters/" + filter)
			.json()
			.at("/filter/conditions/0/operator")
			.asString()).isEqualTo("EQ");
		assertThat(this.journal.get(SUBSCRIPTIONS + "/filters/subscription/" + subscription).json()).hasSize(1);
		assertThat(this.journal
			.post(SUBSCRIPTIONS + "/filters", "{\"subscriptionId\":" + subscription
					+ ",\"filter\":{\"conditions\":[{\"property\":\"email\",\"operator\":\"NEQ\",\"value\":\"x\"}]}}")
			.status()).isEqualTo(400);
		String contact = create("contacts", "{\"email\":\"f@x.io\",\"lifecyclestage\":\"lead\"}");
		this.api.patch("/crm/v3/objects/contacts/" + contact, "{\"properties\":{\"firstname\":\"Lead\"}}");
		assertThat(this.journal.get(JOURNAL + "/earliest").status()).as("a lead does not match").isEqualTo(204);
		this.api.patch("/crm/v3/objects/contacts/" + contact, "{\"properties\":{\"lifecyclestage\":\"customer\"}}");
		assertThat(readAll()).singleElement()
			.satisfies((file) -> assertThat(file.at("/journalEvents/0/propertyChanges/lifecyclestage").asString())
				.isEqualTo("customer"));
		assertThat(this.journal.delete(SUBSCRIPTIONS + "/filters/" + filter).status()).isEqualTo(204);
	}

	private JsonNode subscribe(String body) {
		Http.Response response = this.journal.post(SUBSCRIPTIONS, body);
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		return response.json();
	}

	private String create(String type, String properties) {
		return this.api.post("/crm/objects/2026-09/" + type, "{\"properties\":" + properties + "}")
			.json()
			.get("id")
			.asString();
	}

	private List<JsonNode> readAll() {
		List<JsonNode> files = new ArrayList<>();
		JsonNode batch = this.journal.get(JOURNAL + "/batch/earliest/2").json();
		while (!batch.get("results").isEmpty()) {
			String last = null;
			for (JsonNode result : batch.get("results")) {
				files.add(JournalHttp.fetch(result.get("url").asString()).json());
				last = result.get("currentOffset").asString();
			}
			batch = this.journal.get(JOURNAL + "/batch/" + last + "/next/2").json();
		}
		return files;
	}

}
