package dev.hubsync.emulator.api;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tasks, notes and tickets on the generic object endpoints (reference
 * {@code hubspot-2026.md} §6), the tickets' pipelines API, and custom object schemas.
 */
class EngagementsTicketsAndCustomObjectsIT {

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create();

	private Http user;

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		this.user = new Http(hubspot.get().baseUrl(), HubSpotEmulator.USER_TOKEN);
	}

	@Test
	void engagementsNeedTheirTimestampOnCreateInEveryVersion() {
		for (String path : new String[] { "/crm/v3/objects/tasks", "/crm/objects/2026-09/0-46" }) {
			Http.Response refused = this.user.post(path, "{\"properties\":{\"hubspot_owner_id\":\"\"}}");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.body()).contains("hs_timestamp");
		}
		Http.Response task = this.user.post("/crm/v3/objects/tasks",
				"{\"properties\":{\"hs_timestamp\":\"2026-10-08T09:00:00.000Z\",\"hs_task_subject\":\"Call back\","
						+ "\"hs_task_status\":\"NOT_STARTED\",\"hs_task_priority\":\"HIGH\"}}");
		assertThat(task.status()).isEqualTo(201);
		assertThat(task.json().at("/properties/hs_task_status").asString()).isEqualTo("NOT_STARTED");
		assertThat(this.user
			.post("/crm/v3/objects/tasks", "{\"properties\":{\"hs_timestamp\":\"1\",\"hs_task_status\":\"DONE\"}}")
			.status()).isEqualTo(400);
	}

	@Test
	void engagementsAssociateByTheirHubSpotDefinedTypes() {
		String contact = this.user.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"a@x.io\"}}")
			.json()
			.get("id")
			.asString();
		String task = this.user
			.post("/crm/v3/objects/tasks",
					"{\"properties\":{\"hs_timestamp\":\"1760000000000\"},\"associations\":[{" + "\"to\":{\"id\":\""
							+ contact + "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\","
							+ "\"associationTypeId\":204}]}]}")
			.json()
			.get("id")
			.asString();
		JsonNode back = this.user.get("/crm/v4/objects/contacts/" + contact + "/associations/tasks").json();
		assertThat(back.at("/results/0/toObjectId").asString()).isEqualTo(task);
		assertThat(back.at("/results/0/associationTypes/0/typeId").asInt()).isEqualTo(203);
	}

	@Test
	void ticketsLandInTheDefaultPipelineAndTakeOnlyItsStages() {
		JsonNode pipelines = this.user.get("/crm/pipelines/2026-03/tickets").json().get("results");
		assertThat(pipelines).hasSize(1);
		JsonNode pipeline = pipelines.get(0);
		String first = pipeline.at("/stages/0/id").asString();
		assertThat(pipeline.get("id").asString()).isNotIn("0", "default");
		assertThat(first).isNotEqualTo("1");
		assertThat(pipeline.at("/stages/0/label").asString()).isEqualTo("New");
		assertThat(this.user.get("/crm/v3/pipelines/0-5/" + pipeline.get("id").asString() + "/stages")
			.json()
			.get("results")).hasSize(4);
		assertThat(this.user.post("/crm/v3/objects/tickets", "{\"properties\":{\"subject\":\"Broken\"}}").status())
			.as("a ticket needs a stage")
			.isEqualTo(400);
		JsonNode ticket = this.user
			.post("/crm/v3/objects/tickets",
					"{\"properties\":{\"subject\":\"Broken\",\"hs_pipeline_stage\":\"" + first + "\"}}")
			.json();
		assertThat(ticket.at("/properties/hs_pipeline").asString()).isEqualTo(pipeline.get("id").asString());
		Http.Response wrongStage = this.user.patch("/crm/v3/objects/tickets/" + ticket.get("id").asString(),
				"{\"properties\":{\"hs_pipeline_stage\":\"1\"}}");
		assertThat(wrongStage.status()).isEqualTo(400);
		assertThat(wrongStage.body()).contains("hs_pipeline_stage");
	}

	@Test
	void aSchemaDefinedAtRunTimeIsServedByIdAndQualifiedName() {
		Http.Response created = this.user.post("/crm-object-schemas/2026-03/schemas",
				"{\"name\":\"cars\",\"labels\":{\"singular\":\"Car\",\"plural\":\"Cars\"},"
						+ "\"primaryDisplayProperty\":\"model\",\"requiredProperties\":[\"model\"],"
						+ "\"properties\":[{\"name\":\"model\",\"label\":\"Model\",\"type\":\"string\"},"
						+ "{\"name\":\"year\",\"label\":\"Year\",\"type\":\"number\"}],"
						+ "\"associatedObjects\":[\"CONTACT\",\"0-2\"]}");
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		JsonNode schema = created.json();
		String typeId = schema.get("objectTypeId").asString();
		String qualified = schema.get("fullyQualifiedName").asString();
		assertThat(typeId).startsWith("2-");
		assertThat(qualified).isEqualTo("p" + HubSpotEmulator.PORTAL_ID + "_cars");
		assertThat(schema.get("associations")).hasSize(2);
		assertThat(this.user.post("/crm/v3/objects/" + typeId, "{\"properties\":{\"year\":\"2020\"}}").status())
			.as("model is required")
			.isEqualTo(400);
		String car = this.user
			.post("/crm/v3/objects/" + qualified, "{\"properties\":{\"model\":\"T\",\"year\":\"1925\"}}")
			.json()
			.get("id")
			.asString();
		assertThat(this.user.get("/crm/objects/2026-09/" + typeId + "/" + car + "?properties=model")
			.json()
			.at("/properties/model")
			.asString()).isEqualTo("T");
		assertThat(this.user.get("/crm/v3/properties/" + typeId).json().get("results").toString()).contains("year");
		assertThat(this.user.get("/crm/v3/schemas/" + qualified).json().get("objectTypeId").asString())
			.isEqualTo(typeId);
		String contact = this.user.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"c@x.io\"}}")
			.json()
			.get("id")
			.asString();
		assertThat(this.user
			.put("/crm/v4/objects/" + typeId + "/" + car + "/associations/default/contacts/" + contact, null)
			.status()).isEqualTo(200);
		assertThat(this.user.get("/crm/v4/objects/contacts/" + contact + "/associations/" + typeId)
			.json()
			.at("/results/0/toObjectId")
			.asString()).isEqualTo(car);
	}

}
