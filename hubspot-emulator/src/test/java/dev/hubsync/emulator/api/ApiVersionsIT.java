package dev.hubsync.emulator.api;

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

/**
 * Both path families on one store (reference {@code hubspot-2026.md} §1.2, §1.3) and
 * 2026-09's write validation (§2), which v3 and 2026-03 do not apply.
 */
class ApiVersionsIT {

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.search.index-delay", "0ms");

	private Http api;

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		this.api = new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
	}

	@Test
	void datedAndLegacyPathsServeTheSameRecords() {
		String id = this.api.post("/crm/objects/2026-09/contacts", "{\"properties\":{\"email\":\"a@x.io\"}}")
			.json()
			.get("id")
			.asString();
		assertThat(this.api.get("/crm/v3/objects/contacts/" + id).json().at("/properties/email").asString())
			.isEqualTo("a@x.io");
		assertThat(this.api.get("/crm/objects/2026-03/0-1/" + id).status()).isEqualTo(200);
		assertThat(this.api.patch("/crm/objects/2026-09/contacts/" + id, "{\"properties\":{\"firstname\":\"Ann\"}}")
			.status()).isEqualTo(200);
		Http.Response batch = this.api.post("/crm/objects/2026-09/contacts/batch/read",
				"{\"inputs\":[{\"id\":\"" + id + "\"}],\"properties\":[\"firstname\"]}");
		assertThat(batch.status()).isEqualTo(200);
		assertThat(batch.json().at("/results/0/properties/firstname").asString()).isEqualTo("Ann");
		Http.Response upsert = this.api.post("/crm/objects/2026-09/contacts/batch/upsert",
				"{\"inputs\":[{\"idProperty\":\"email\",\"id\":\"b@x.io\",\"properties\":{\"firstname\":\"Bo\"}}]}");
		assertThat(upsert.status()).isEqualTo(200);
		Http.Response search = this.api.post("/crm/objects/2026-09/contacts/search",
				"{\"filterGroups\":[{\"filters\":[{\"propertyName\":\"firstname\",\"operator\":\"EQ\",\"value\":\"Bo\"}]}]}");
		assertThat(search.status()).isEqualTo(200);
		assertThat(search.json().get("total").asInt()).isEqualTo(1);
		assertThat(this.api.get("/crm/v3/objects/contacts").json().get("results")).hasSize(2);
		assertThat(this.api.get("/crm/properties/2026-09/contacts/email").json().get("name").asString())
			.isEqualTo("email");
		assertThat(this.api.get("/crm/owners/2026-09").json().get("results")).isNotEmpty();
		String owner = this.api.get("/crm/owners/2026-09").json().at("/results/0/id").asString();
		assertThat(this.api.get("/crm/owners/2026-09/" + owner).status()).isEqualTo(200);
		assertThat(this.api.delete("/crm/objects/2026-09/contacts/" + id).status()).isEqualTo(204);
		assertThat(this.api.get("/crm/v3/objects/contacts/" + id).status()).isEqualTo(404);
	}

	@Test
	void anUnknownVersionIsAnUnknownPath() {
		Http.Response unknown = this.api.get("/crm/objects/2024-01/contacts");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("status").asString()).isEqualTo("error");
		assertThat(unknown.json().get("category").asString()).isEqualTo("OBJECT_NOT_FOUND");
		assertThat(unknown.json().has("correlationId")).isTrue();
		assertThat(this.api.post("/crm/associations/2025-01/contacts/companies/batch/read", "{\"inputs\":[]}").status())
			.isEqualTo(404);
	}

	@Test
	void datedAssociationsAnswerLikeV4ButBatchArchiveAnswers200WithABody() {
		String contact = this.api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"a@x.io\"}}")
			.json()
			.get("id")
			.asString();
		String company = this.api.post("/crm/objects/2026-09/companies", "{\"properties\":{\"name\":\"Acme\"}}")
			.json()
			.get("id")
			.asString();
		assertThat(this.api
			.put("/crm/objects/2026-09/contacts/" + contact + "/associations/default/companies/" + company, null)
			.status()).isEqualTo(200);
		JsonNode listed = this.api.get("/crm/v4/objects/contacts/" + contact + "/associations/companies").json();
		assertThat(listed.at("/results/0/toObjectId").asString()).isEqualTo(company);
		Http.Response read = this.api.post("/crm/associations/2026-09/contacts/companies/batch/read",
				"{\"inputs\":[{\"id\":\"" + contact + "\"}]}");
		assertThat(read.json().at("/results/0/to/0/toObjectId").asString()).isEqualTo(company);
		Http.Response archived = this.api.post("/crm/associations/2026-09/contacts/companies/batch/archive",
				"{\"inputs\":[{\"from\":{\"id\":\"" + contact + "\"},\"to\":[{\"id\":\"" + company + "\"}]}]}");
		assertThat(archived.status()).isEqualTo(200);
		assertThat(archived.json().get("status").asString()).isEqualTo("COMPLETE");
		assertThat(archived.json().get("results")).isEmpty();
		assertThat(this.api.get("/crm/objects/2026-09/contacts/" + contact + "/associations/companies")
			.json()
			.get("results")).isEmpty();
		this.api.put("/crm/v4/objects/contacts/" + contact + "/associations/default/companies/" + company, null);
		Http.Response legacy = this.api.post("/crm/v4/associations/contacts/companies/batch/archive",
				"{\"inputs\":[{\"from\":{\"id\":\"" + contact + "\"},\"to\":[{\"id\":\"" + company + "\"}]}]}");
		assertThat(legacy.status()).isEqualTo(204);
	}

	@Test
	void requiredOnCreateRefusesA2026_09CreateOnly() {
		hubspot.get().admin().requireOnCreate("contacts", "firstname");
		Http.Response refused = this.api.post("/crm/objects/2026-09/contacts",
				"{\"properties\":{\"email\":\"a@x.io\"}}");
		assertThat(refused.status()).isEqualTo(400);
		JsonNode body = refused.json();
		assertThat(body.get("status").asString()).isEqualTo("error");
		assertThat(body.get("category").asString()).isEqualTo("VALIDATION_ERROR");
		assertThat(body.get("message").asString()).isEqualTo("The property values provided are invalid");
		assertThat(body.has("correlationId")).isTrue();
		assertThat(body.at("/errors/0/code").asString()).isEqualTo("MISSING_REQUIRED_PROPERTY");
		assertThat(body.at("/errors/0/message").asString()).isEqualTo("A value for firstname must be provided");
		assertThat(body.at("/errors/0/context/propertyName/0").asString()).isEqualTo("firstname");
		assertThat(this.api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"b@x.io\"}}").status())
			.isEqualTo(201);
		String id = this.api.post("/crm/objects/2026-03/contacts", "{\"properties\":{\"email\":\"c@x.io\"}}")
			.json()
			.get("id")
			.asString();
		assertThat(this.api
			.post("/crm/objects/2026-09/contacts", "{\"properties\":{\"email\":\"d@x.io\",\"firstname\":\"Di\"}}")
			.status()).isEqualTo(201);
		// an update is not a creation: the rule does not apply
		assertThat(this.api.patch("/crm/objects/2026-09/contacts/" + id, "{\"properties\":{\"lastname\":\"Ca\"}}")
			.status()).isEqualTo(200);
		hubspot.get().admin().requireOnCreate("contacts");
		assertThat(this.api.post("/crm/objects/2026-09/contacts", "{\"properties\":{\"email\":\"e@x.io\"}}").status())
			.isEqualTo(201);
	}

	@Test
	void conditionalRequiredFiresOnCreateAndUpdate() {
		hubspot.get().admin().requireConditionally("deals", "dealstage", "closedwon", "closedate");
		Http.Response refused = this.api.post("/crm/objects/2026-09/deals",
				"{\"properties\":{\"dealname\":\"Big\",\"dealstage\":\"closedwon\"}}");
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().at("/errors/0/code").asString()).isEqualTo("MISSING_CONDITIONAL_REQUIRED_PROPERTY");
		assertThat(refused.json().at("/errors/0/context/propertyName/0").asString()).isEqualTo("closedate");
		String id = this.api.post("/crm/objects/2026-09/deals", "{\"properties\":{\"dealname\":\"Big\"}}")
			.json()
			.get("id")
			.asString();
		Http.Response update = this.api.patch("/crm/objects/2026-09/deals/" + id,
				"{\"properties\":{\"dealstage\":\"closedwon\"}}");
		assertThat(update.status()).isEqualTo(400);
		assertThat(update.json().at("/errors/0/code").asString()).isEqualTo("MISSING_CONDITIONAL_REQUIRED_PROPERTY");
		assertThat(this.api.patch("/crm/v3/objects/deals/" + id, "{\"properties\":{\"dealstage\":\"closedwon\"}}")
			.status()).isEqualTo(200);
		// the record holds the controlling value without the required one: any 2026-09
		// update that leaves it so is refused
		assertThat(this.api.patch("/crm/objects/2026-09/deals/" + id, "{\"properties\":{\"dealname\":\"Bigger\"}}")
			.status()).isEqualTo(400);
		assertThat(this.api
			.patch("/crm/objects/2026-09/deals/" + id, "{\"properties\":{\"closedate\":\"2026-10-01T00:00:00Z\"}}")
			.status()).isEqualTo(200);
	}

	@Test
	void batchesReportEachTracedInputRefusedByTheRules() {
		hubspot.get().admin().requireOnCreate("contacts", "firstname");
		Http.Response partial = this.api.post("/crm/objects/2026-09/contacts/batch/create",
				"{\"inputs\":[{\"properties\":{\"email\":\"a@x.io\",\"firstname\":\"Ann\"},\"objectWriteTraceId\":\"row-1\"},"
						+ "{\"properties\":{\"email\":\"b@x.io\"},\"objectWriteTraceId\":\"row-2\"},"
						+ "{\"properties\":{\"email\":\"c@x.io\",\"firstname\":\"Cy\"},\"objectWriteTraceId\":\"row-3\"}]}");
		assertThat(partial.status()).isEqualTo(207);
		JsonNode body = partial.json();
		assertThat(body.get("results")).hasSize(2);
		assertThat(body.get("numErrors").asInt()).isEqualTo(1);
		assertThat(body.at("/errors/0/category").asString()).isEqualTo("VALIDATION_ERROR");
		assertThat(body.at("/errors/0/message").asString()).isEqualTo("The property values provided are invalid");
		assertThat(body.at("/errors/0/context/objectWriteTraceId/0").asString()).isEqualTo("row-2");
		assertThat(body.at("/errors/0/context/propertyName/0").asString()).isEqualTo("firstname");
		assertThat(body.at("/errors/0/errors/0/code").asString()).isEqualTo("MISSING_REQUIRED_PROPERTY");
		assertThat(body.at("/errors/0/errors/0/message").asString())
			.isEqualTo("A value for firstname must be provided");

		Http.Response upsert = this.api.post("/crm/objects/2026-09/contacts/batch/upsert",
				"{\"inputs\":[{\"idProperty\":\"email\",\"id\":\"a@x.io\",\"properties\":{\"lastname\":\"Ax\"},\"objectWriteTraceId\":\"u-1\"},"
						+ "{\"idProperty\":\"email\",\"id\":\"new@x.io\",\"properties\":{\"lastname\":\"Nu\"},\"objectWriteTraceId\":\"u-2\"}]}");
		assertThat(upsert.status()).isEqualTo(207);
		assertThat(upsert.json().get("results")).hasSize(1);
		assertThat(upsert.json().at("/errors/0/context/objectWriteTraceId/0").asString()).isEqualTo("u-2");

		Http.Response whole = this.api.post("/crm/objects/2026-09/contacts/batch/create",
				"{\"inputs\":[{\"properties\":{\"email\":\"d@x.io\",\"firstname\":\"Di\"}},"
						+ "{\"properties\":{\"email\":\"e@x.io\"}}]}");
		assertThat(whole.status()).isEqualTo(400);
		assertThat(whole.json().at("/errors/0/code").asString()).isEqualTo("MISSING_REQUIRED_PROPERTY");
		assertThat(this.api.get("/crm/v3/objects/contacts/d@x.io?idProperty=email").status()).isEqualTo(404);

		Http.Response legacy = this.api.post("/crm/v3/objects/contacts/batch/create",
				"{\"inputs\":[{\"properties\":{\"email\":\"f@x.io\"}}]}");
		assertThat(legacy.status()).isEqualTo(201);
	}

	@Test
	void batchUpdatesThatTripAConditionalRuleAreRefusedPerInput() {
		hubspot.get().admin().requireConditionally("deals", "dealstage", "closedwon", "closedate");
		List<String> ids = hubspot.get().admin().seed("deals", 2, Map.of("dealname", "D{n}"), null);
		Http.Response partial = this.api.post("/crm/objects/2026-09/deals/batch/update",
				"{\"inputs\":[{\"id\":\"" + ids.get(0) + "\",\"properties\":{\"dealstage\":\"closedwon\"},"
						+ "\"objectWriteTraceId\":\"d-0\"},{\"id\":\"" + ids.get(1)
						+ "\",\"properties\":{\"dealstage\":\"closedwon\",\"closedate\":\"2026-10-01T00:00:00Z\"},"
						+ "\"objectWriteTraceId\":\"d-1\"}]}");
		assertThat(partial.status()).isEqualTo(207);
		assertThat(partial.json().at("/results/0/id").asString()).isEqualTo(ids.get(1));
		assertThat(partial.json().at("/errors/0/context/objectWriteTraceId/0").asString()).isEqualTo("d-0");
		assertThat(partial.json().at("/errors/0/errors/0/code").asString())
			.isEqualTo("MISSING_CONDITIONAL_REQUIRED_PROPERTY");
	}

	@Test
	void faultRulesWrittenForLegacyPathsApplyToDatedOnes() {
		hubspot.get()
			.admin()
			.faults(Map.of("rules",
					List.of(Map.of("path", "/crm/v3/objects/*/batch/**", "errorRate", 1.0, "status", 502))));
		assertThat(this.api.post("/crm/objects/2026-09/contacts/batch/read", "{\"inputs\":[]}").status())
			.isEqualTo(502);
		hubspot.get()
			.admin()
			.faults(Map.of("rules", List.of(Map.of("path", "/crm/v4/**", "errorRate", 1.0, "status", 503))));
		assertThat(this.api.post("/crm/associations/2026-09/contacts/companies/batch/read", "{\"inputs\":[]}").status())
			.isEqualTo(503);
		assertThat(this.api.get("/crm/objects/2026-09/contacts/1/associations/companies").status()).isEqualTo(503);
		assertThat(this.api.get("/crm/objects/2026-09/contacts").status()).isEqualTo(200);
		hubspot.get().admin().clearFaults();
	}

	@Test
	void theRequestLogKeepsThePathAsCalled() {
		this.api.get("/crm/objects/2026-09/contacts");
		this.api.get("/crm/v3/objects/contacts");
		assertThat(hubspot.get().admin().requests("GET", "/crm/objects/2026-09/")).hasSize(1);
		assertThat(hubspot.get().admin().requests("GET", "/crm/v3/")).hasSize(1);
	}

}
