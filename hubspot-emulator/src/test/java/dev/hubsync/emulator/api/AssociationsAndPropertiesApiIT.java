package dev.hubsync.emulator.api;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class AssociationsAndPropertiesApiIT {

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create();

	private Http api;

	private String contact;

	private String company;

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		this.api = new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
		this.contact = this.api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"a@x.io\"}}")
			.json()
			.get("id")
			.asString();
		this.company = this.api.post("/crm/v3/objects/companies", "{\"properties\":{\"name\":\"Acme\"}}")
			.json()
			.get("id")
			.asString();
	}

	@Test
	void primaryAssociationImpliesTheUnlabeledOneAndTheInverse() {
		Http.Response created = this.api.put(
				"/crm/v4/objects/contacts/" + this.contact + "/associations/companies/" + this.company,
				"[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":1}]");
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("labels").get(0).asString()).isEqualTo("Primary");
		JsonNode forward = this.api.get("/crm/v4/objects/contacts/" + this.contact + "/associations/companies").json();
		assertThat(forward.at("/results/0/toObjectId").isNumber()).isTrue();
		assertThat(forward.at("/results/0/toObjectId").asString()).isEqualTo(this.company);
		assertThat(forward.at("/results/0/associationTypes")).hasSize(2);
		assertThat(forward.at("/results/0/associationTypes/0/typeId").asInt()).isEqualTo(1);
		assertThat(forward.at("/results/0/associationTypes/0/label").asString()).isEqualTo("Primary");
		assertThat(forward.at("/results/0/associationTypes/1/typeId").asInt()).isEqualTo(279);
		JsonNode inverse = this.api.get("/crm/v4/objects/companies/" + this.company + "/associations/contacts").json();
		assertThat(inverse.at("/results/0/associationTypes/0/typeId").asInt()).isEqualTo(2);
		assertThat(inverse.at("/results/0/associationTypes/1/typeId").asInt()).isEqualTo(280);
	}

	@Test
	void aNewPrimaryCompanyTakesTheLabelFromThePreviousOneWhichStaysUnlabeled() {
		String other = this.api.post("/crm/v3/objects/companies", "{\"properties\":{\"name\":\"Other\"}}")
			.json()
			.get("id")
			.asString();
		String primary = "[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":1}]";
		this.api.put("/crm/v4/objects/contacts/" + this.contact + "/associations/companies/" + this.company, primary);
		this.api.put("/crm/v4/objects/contacts/" + this.contact + "/associations/companies/" + other, primary);
		JsonNode forward = this.api.get("/crm/v4/objects/contacts/" + this.contact + "/associations/companies").json();
		java.util.Map<String, java.util.List<Integer>> types = new java.util.HashMap<>();
		forward.get("results").forEach((result) -> {
			java.util.List<Integer> ids = new java.util.ArrayList<>();
			result.get("associationTypes").forEach((type) -> ids.add(type.get("typeId").asInt()));
			types.put(result.get("toObjectId").asString(), ids);
		});
		assertThat(types).containsOnlyKeys(this.company, other);
		assertThat(types.get(other)).containsExactlyInAnyOrder(1, 279);
		assertThat(types.get(this.company)).containsExactly(279);
		JsonNode back = this.api.get("/crm/v4/objects/companies/" + this.company + "/associations/contacts").json();
		assertThat(back.at("/results/0/associationTypes")).hasSize(1);
		assertThat(back.at("/results/0/associationTypes/0/typeId").asInt()).isEqualTo(280);
	}

	@Test
	void defaultAssociationAnswers200AndDeleteRemovesEveryType() {
		Http.Response created = this.api
			.put("/crm/v4/objects/deals/" + deal() + "/associations/default/companies/" + this.company, null);
		assertThat(created.status()).isEqualTo(200);
		assertThat(created.json().at("/results/0/associationSpec/associationTypeId").asInt()).isEqualTo(341);
		this.api.put("/crm/v4/objects/contacts/" + this.contact + "/associations/companies/" + this.company,
				"[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":1}]");
		assertThat(
				this.api.delete("/crm/v4/objects/contacts/" + this.contact + "/associations/companies/" + this.company)
					.status())
			.isEqualTo(204);
		assertThat(this.api.get("/crm/v4/objects/contacts/" + this.contact + "/associations/companies")
			.json()
			.get("results")).isEmpty();
	}

	@Test
	void batchAssociationCalls() {
		String deal = deal();
		Http.Response created = this.api.post("/crm/v4/associations/deals/contacts/batch/create",
				"{\"inputs\":[{\"from\":{\"id\":\"" + deal + "\"},\"to\":{\"id\":\"" + this.contact
						+ "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":3}]}]}");
		assertThat(created.status()).isEqualTo(201);
		JsonNode read = this.api
			.post("/crm/v4/associations/deals/contacts/batch/read", "{\"inputs\":[{\"id\":\"" + deal + "\"}]}")
			.json();
		assertThat(read.at("/results/0/from/id").asString()).isEqualTo(deal);
		assertThat(read.at("/results/0/to/0/toObjectId").asString()).isEqualTo(this.contact);
		assertThat(
				this.api
					.post("/crm/v4/associations/deals/contacts/batch/archive",
							"{\"inputs\":[{\"from\":{\"id\":\"" + deal + "\"},\"to\":[{\"id\":\"" + this.contact
									+ "\"}]}]}")
					.status())
			.isEqualTo(204);
		assertThat(this.api
			.post("/crm/v4/associations/deals/contacts/batch/read", "{\"inputs\":[{\"id\":\"" + deal + "\"}]}")
			.json()
			.get("results")).isEmpty();
	}

	@Test
	void refusesTypesThatDoNotJoinThePair() {
		Http.Response wrong = this.api.put(
				"/crm/v4/objects/contacts/" + this.contact + "/associations/companies/" + this.company,
				"[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":5}]");
		assertThat(wrong.status()).isEqualTo(400);
	}

	@Test
	void createWithAssociations() {
		Http.Response created = this.api.post("/crm/v3/objects/deals",
				"{\"properties\":{\"dealname\":\"D\"},\"associations\":[{\"to\":{\"id\":\"" + this.company
						+ "\"},\"types\":[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":5}]}]}");
		String deal = created.json().get("id").asString();
		assertThat(this.api.get("/crm/v4/objects/deals/" + deal + "/associations/companies")
			.json()
			.at("/results/0/associationTypes")).hasSize(2);
	}

	@Test
	void mergeMovesAssociationsToTheSurvivor() {
		String other = this.api.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"b@x.io\"}}")
			.json()
			.get("id")
			.asString();
		this.api.put("/crm/v4/objects/contacts/" + other + "/associations/default/companies/" + this.company, null);
		String survivor = this.api
			.post("/crm/v3/objects/contacts/merge",
					"{\"primaryObjectId\":\"" + this.contact + "\",\"objectIdToMerge\":\"" + other + "\"}")
			.json()
			.get("id")
			.asString();
		assertThat(this.api.get("/crm/v4/objects/contacts/" + survivor + "/associations/companies")
			.json()
			.at("/results/0/toObjectId")
			.asString()).isEqualTo(this.company);
		assertThat(this.api.get("/crm/v4/objects/companies/" + this.company + "/associations/contacts")
			.json()
			.get("results")).hasSize(1);
	}

	@Test
	void propertiesApiListsDefaultsAndCreatesCustomOnes() {
		JsonNode properties = this.api.get("/crm/v3/properties/contacts").json().get("results");
		assertThat(properties).anySatisfy((p) -> {
			assertThat(p.get("name").asString()).isEqualTo("lifecyclestage");
			assertThat(p.get("options")).hasSize(8);
		});
		assertThat(this.api.get("/crm/v3/properties/contacts/hs_object_id")
			.json()
			.at("/modificationMetadata/readOnlyValue")
			.asBoolean()).isTrue();
		assertThat(this.api.post("/crm/v3/properties/contacts/groups", "{\"name\":\"hubsync\",\"label\":\"HubSync\"}")
			.status()).isEqualTo(201);
		String create = "{\"name\":\"tier\",\"label\":\"Tier\",\"type\":\"enumeration\",\"fieldType\":\"select\","
				+ "\"groupName\":\"hubsync\",\"options\":[{\"label\":\"Gold\",\"value\":\"gold\",\"hidden\":false}]}";
		Http.Response created = this.api.post("/crm/v3/properties/contacts", create);
		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("hubspotDefined").asBoolean()).isFalse();
		assertThat(this.api.post("/crm/v3/properties/contacts", create).status()).isEqualTo(409);
		assertThat(this.api.patch("/crm/v3/objects/contacts/" + this.contact, "{\"properties\":{\"tier\":\"silver\"}}")
			.status()).isEqualTo(400);
		assertThat(this.api.patch("/crm/v3/objects/contacts/" + this.contact, "{\"properties\":{\"tier\":\"gold\"}}")
			.status()).isEqualTo(200);
		assertThat(this.api.post("/crm/v3/properties/contacts",
				"{\"name\":\"Bad Name\",\"label\":\"x\",\"type\":\"string\",\"fieldType\":\"text\",\"groupName\":\"hubsync\"}")
			.status()).isEqualTo(400);
	}

	private String deal() {
		return this.api.post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"D\"}}")
			.json()
			.get("id")
			.asString();
	}

}
