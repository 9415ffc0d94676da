package dev.hubsync.emulator.api;

import java.util.StringJoiner;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class BatchApiIT {

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create();

	private Http api;

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		this.api = new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
	}

	@Test
	void batchCreateAnswers201() {
		Http.Response created = this.api.post("/crm/v3/objects/contacts/batch/create",
				"{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\"}},{\"properties\":{\"email\":\"b@x.io\"}}]}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("status").asString()).isEqualTo("COMPLETE");
		assertThat(created.json().get("results")).hasSize(2);
		assertThat(created.json().has("startedAt")).isTrue();
	}

	@Test
	void oneBadInputFailsAWholeBatchWithoutTraceIds() {
		Http.Response failed = this.api.post("/crm/v3/objects/contacts/batch/create",
				"{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\"}},{\"properties\":{\"email\":\"b@x.io\",\"lifecyclestage\":\"vip\"}}]}");
		assertThat(failed.status()).isEqualTo(400);
		assertThat(this.api.get("/crm/v3/objects/contacts").json().get("results")).isEmpty();
	}

	@Test
	void traceIdsTurnBadInputsIntoA207WithTheRestWritten() {
		Http.Response partial = this.api.post("/crm/v3/objects/contacts/batch/create",
				"{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\"},\"objectWriteTraceId\":\"t1\"},"
						+ "{\"properties\":{\"email\":\"b@x.io\",\"lifecyclestage\":\"vip\"},\"objectWriteTraceId\":\"t2\"}]}");
		assertThat(partial.status()).isEqualTo(207);
		JsonNode body = partial.json();
		assertThat(body.get("results")).hasSize(1);
		assertThat(body.get("numErrors").asInt()).isEqualTo(1);
		assertThat(body.at("/errors/0/category").asString()).isEqualTo("VALIDATION_ERROR");
		assertThat(body.at("/errors/0/context/objectWriteTraceId/0").asString()).isEqualTo("t2");
	}

	@Test
	void batchCreateWithAnExistingEmailIs409() {
		this.api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"a@x.io\"}}");
		Http.Response conflict = this.api.post("/crm/v3/objects/contacts/batch/create",
				"{\"inputs\":[{\"properties\":{\"email\":\"new@x.io\"}},{\"properties\":{\"email\":\"A@X.io\"}}]}");
		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.json().get("message").asString()).startsWith("Contact already exists. Existing ID: ");
	}

	@Test
	void moreThan100InputsAreRefused() {
		StringJoiner inputs = new StringJoiner(",", "{\"inputs\":[", "]}");
		for (int i = 0; i < 101; i++) {
			inputs.add("{\"properties\":{\"email\":\"n" + i + "@x.io\"}}");
		}
		Http.Response refused = this.api.post("/crm/v3/objects/contacts/batch/create", inputs.toString());
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("message").asString()).contains("at most 100");
	}

	@Test
	void readsWithHistoryTakeAtMostFiftyRecords() {
		StringJoiner creates = new StringJoiner(",", "{\"inputs\":[", "]}");
		for (int i = 0; i < 60; i++) {
			creates.add("{\"properties\":{\"email\":\"h" + i + "@x.io\"}}");
		}
		this.api.post("/crm/v3/objects/contacts/batch/create", creates.toString());
		StringJoiner ids = new StringJoiner(",", "{\"idProperty\":\"email\",\"inputs\":[", "]");
		for (int i = 0; i < 51; i++) {
			ids.add("{\"id\":\"h" + i + "@x.io\"}");
		}
		Http.Response refused = this.api.post("/crm/v3/objects/contacts/batch/read",
				ids + ",\"properties\":[\"email\"],\"propertiesWithHistory\":[\"email\"]}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("message").asString()).contains("at most 50");
		Http.Response without = this.api.post("/crm/v3/objects/contacts/batch/read",
				ids + ",\"properties\":[\"email\"],\"propertiesWithHistory\":[]}");
		assertThat(without.json().get("results")).hasSize(51);
		Http.Response page = this.api.get("/crm/v3/objects/contacts?limit=100&propertiesWithHistory=email");
		assertThat(page.json().get("results")).hasSize(50);
		assertThat(page.json().at("/paging/next/after").isMissingNode()).isFalse();
	}

	@Test
	void batchReadOfUnknownIdsIs207WithNotFoundErrors() {
		String id = this.api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"a@x.io\"}}")
			.json()
			.get("id")
			.asString();
		Http.Response read = this.api.post("/crm/v3/objects/contacts/batch/read",
				"{\"inputs\":[{\"id\":\"" + id + "\"},{\"id\":\"999999\"}],\"properties\":[\"email\"]}");
		assertThat(read.status()).isEqualTo(207);
		assertThat(read.json().get("results")).hasSize(1);
		assertThat(read.json().at("/errors/0/category").asString()).isEqualTo("OBJECT_NOT_FOUND");
		assertThat(read.json().at("/errors/0/context/ids/0").asString()).isEqualTo("999999");
		Http.Response byEmail = this.api.post("/crm/v3/objects/contacts/batch/read",
				"{\"inputs\":[{\"id\":\"A@x.io\"}],\"properties\":[\"email\"],\"idProperty\":\"email\"}");
		assertThat(byEmail.status()).isEqualTo(200);
		assertThat(byEmail.json().at("/results/0/id").asString()).isEqualTo(id);
	}

	@Test
	void upsertByEmailMatchesIgnoringCaseAndSaysWhatIsNew() {
		this.api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"ann@x.io\",\"firstname\":\"Ann\"}}");
		Http.Response upsert = this.api.post("/crm/v3/objects/contacts/batch/upsert",
				"{\"inputs\":[{\"id\":\"ANN@x.io\",\"idProperty\":\"email\",\"properties\":{\"firstname\":\"Anne\"}},"
						+ "{\"id\":\"bo@x.io\",\"idProperty\":\"email\",\"properties\":{\"firstname\":\"Bo\"}}]}");
		assertThat(upsert.status()).isEqualTo(200);
		JsonNode results = upsert.json().get("results");
		assertThat(results.get(0).get("new").asBoolean()).isFalse();
		assertThat(results.get(0).at("/properties/firstname").asString()).isEqualTo("Anne");
		assertThat(results.get(1).get("new").asBoolean()).isTrue();
		assertThat(results.get(1).at("/properties/email").asString()).isEqualTo("bo@x.io");
		assertThat(this.api.get("/crm/v3/objects/contacts").json().get("results")).hasSize(2);
	}

	@Test
	void upsertByAUniqueCustomProperty() {
		assertThat(this.api.post("/crm/v3/properties/companies",
				"{\"name\":\"hubsync_record_id\",\"label\":\"HubSync record id\",\"type\":\"string\",\"fieldType\":\"text\","
						+ "\"groupName\":\"companyinformation\",\"hasUniqueValue\":true}")
			.status()).isEqualTo(201);
		String body = "{\"inputs\":[{\"id\":\"rec-1\",\"idProperty\":\"hubsync_record_id\",\"properties\":{\"name\":\"Acme\"}}]}";
		JsonNode first = this.api.post("/crm/v3/objects/companies/batch/upsert", body).json();
		JsonNode second = this.api.post("/crm/v3/objects/companies/batch/upsert", body.replace("Acme", "Acme Inc"))
			.json();
		assertThat(first.at("/results/0/new").asBoolean()).isTrue();
		assertThat(second.at("/results/0/new").asBoolean()).isFalse();
		assertThat(second.at("/results/0/id").asString()).isEqualTo(first.at("/results/0/id").asString());
		Http.Response clash = this.api.post("/crm/v3/objects/companies",
				"{\"properties\":{\"name\":\"Other\",\"hubsync_record_id\":\"rec-1\"}}");
		assertThat(clash.status()).isEqualTo(409);
	}

	@Test
	void batchUpdateOfUnknownIdsIs207AndTheRestIsWritten() {
		String id = this.api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"a@x.io\"}}")
			.json()
			.get("id")
			.asString();
		Http.Response update = this.api.post("/crm/v3/objects/contacts/batch/update", "{\"inputs\":[{\"id\":\"" + id
				+ "\",\"properties\":{\"firstname\":\"A\"}},{\"id\":\"424242\",\"properties\":{\"firstname\":\"B\"}}]}");
		assertThat(update.status()).isEqualTo(207);
		assertThat(update.json().get("results")).hasSize(1);
		assertThat(update.json().at("/errors/0/context/ids/0").asString()).isEqualTo("424242");
	}

	@Test
	void batchArchiveAnswers204() {
		String id = this.api.post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"D\"}}")
			.json()
			.get("id")
			.asString();
		assertThat(
				this.api.post("/crm/v3/objects/deals/batch/archive", "{\"inputs\":[{\"id\":\"" + id + "\"}]}").status())
			.isEqualTo(204);
		assertThat(this.api.get("/crm/v3/objects/deals/" + id).status()).isEqualTo(404);
	}

}
