package dev.hubsync.emulator.api;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.StringJoiner;

import dev.hubsync.emulator.support.Http;
import dev.hubsync.emulator.support.WebhookReceiver;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.emulator.testing.HubSpotEmulatorExtension;
import dev.hubsync.hubspot.signature.SignatureVerifier;
import dev.hubsync.hubspot.signature.SignatureVersion;
import dev.hubsync.hubspot.signature.SignedRequest;
import dev.hubsync.hubspot.signature.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class WebhookDeliveryIT {

	private static final String SECRET = "webhook-test-secret";

	private static final String PATH = "/webhooks/hubspot";

	@RegisterExtension
	static HubSpotEmulatorExtension hubspot = HubSpotEmulatorExtension.create()
		.property("emulator.webhook.retry-schedule", "50ms,100ms,100ms")
		.property("emulator.webhook.linger", "20ms");

	static WebhookReceiver receiver;

	private final SignatureVerifier verifier = new SignatureVerifier(List.of(SECRET),
			EnumSet.allOf(SignatureVersion.class), Duration.ofMinutes(5), Duration.ofMinutes(1), Clock.systemUTC());

	private Http user;

	private Http app;

	@BeforeAll
	static void startReceiver() {
		receiver = WebhookReceiver.start(PATH);
	}

	@AfterAll
	static void stopReceiver() {
		receiver.close();
	}

	@BeforeEach
	void reset() {
		hubspot.get().admin().reset();
		hubspot.get().admin().webhooks(receiver.url(PATH), SECRET, List.of(), List.of("v3"));
		receiver.clear();
		receiver.answer(() -> 200);
		this.user = new Http(hubspot.get().baseUrl(), HubSpotEmulator.USER_TOKEN);
		this.app = new Http(hubspot.get().baseUrl(), HubSpotEmulator.APP_TOKEN);
	}

	@Test
	void deliversSignedEventsWhoseSourceIsTheCaller() {
		this.user.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"u@x.io\",\"firstname\":\"U\"}}");
		this.app.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"a@x.io\"}}");
		await().until(() -> receiver.acceptedEvents().size() >= 5);
		for (WebhookReceiver.Received request : receiver.received()) {
			Verification verification = this.verifier.verify(SignedRequest.of("POST", receiver.url(request.uri()),
					request.body(), (name) -> request.headers().get(name)));
			assertThat(verification).isInstanceOf(Verification.Verified.class);
			assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
		}
		List<JsonNode> events = receiver.acceptedEvents();
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.get("portalId").asLong()).isEqualTo(HubSpotEmulator.PORTAL_ID);
			assertThat(event.get("appId").asLong()).isEqualTo(HubSpotEmulator.APP_ID);
			assertThat(event.get("objectId").isNumber()).isTrue();
			assertThat(event.get("attemptNumber").asInt()).isZero();
			assertThat(event.has("propertyName") ? event.get("propertyName").asString() : "")
				.isNotIn("lastmodifieddate", "hs_object_id", "createdate");
		});
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.get("subscriptionType").asString()).isEqualTo("contact.creation");
			assertThat(event.get("changeFlag").asString()).isEqualTo("CREATED");
			assertThat(event.get("changeSource").asString()).isEqualTo("CRM_UI");
			assertThat(event.get("sourceId").asString()).isEqualTo("userId:1");
		});
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.get("subscriptionType").asString()).isEqualTo("contact.propertyChange");
			assertThat(event.get("propertyName").asString()).isEqualTo("email");
			assertThat(event.get("propertyValue").asString()).isEqualTo("a@x.io");
			assertThat(event.get("changeSource").asString()).isEqualTo("INTEGRATION");
			assertThat(event.get("sourceId").asString()).isEqualTo("4242");
		});
	}

	@Test
	void retriesAFailingReceiverWithAnIncrementedAttemptAndAFreshSignature() {
		int[] calls = { 0 };
		receiver.answer(() -> (++calls[0] <= 2) ? 503 : 200);
		this.user.post("/crm/v3/objects/companies", "{\"properties\":{\"name\":\"Acme\"}}");
		await().until(() -> receiver.acceptedEvents().size() >= 2);
		List<WebhookReceiver.Received> attempts = receiver.received();
		assertThat(attempts).hasSize(3);
		List<Integer> attemptNumbers = new ArrayList<>();
		attempts.forEach((request) -> attemptNumbers.add(receiver.events(request).get(0).get("attemptNumber").asInt()));
		assertThat(attemptNumbers).containsExactly(0, 1, 2);
		assertThat(attempts.get(0).headers().get("X-HubSpot-Request-Timestamp"))
			.isNotEqualTo(attempts.get(2).headers().get("X-HubSpot-Request-Timestamp"));
		await().untilAsserted(() -> assertThat(hubspot.get().admin().deliveries().get(0).get("state").asString())
			.isEqualTo("DELIVERED"));
	}

	@Test
	void givesUpAfterTheLastRetryLikeHubSpot() {
		receiver.answer(() -> 500);
		this.user.post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"D\"}}");
		await().untilAsserted(() -> assertThat(hubspot.get().admin().deliveries().get(0).get("state").asString())
			.isEqualTo("FAILED"));
		assertThat(receiver.received()).hasSize(4);
	}

	@Test
	void batchesHoldAtMost100Events() {
		StringJoiner inputs = new StringJoiner(",", "{\"inputs\":[", "]}");
		for (int i = 0; i < 100; i++) {
			inputs.add("{\"properties\":{\"email\":\"b" + i + "@x.io\",\"firstname\":\"B\"}}");
		}
		this.app.post("/crm/v3/objects/contacts/batch/create", inputs.toString());
		await().until(() -> receiver.acceptedEvents().size() >= 300);
		assertThat(receiver.acceptedEvents()).hasSize(300);
		assertThat(receiver.received()).hasSizeGreaterThanOrEqualTo(3)
			.allSatisfy((request) -> assertThat(receiver.events(request).size()).isLessThanOrEqualTo(100));
	}

	@Test
	void onlySubscribedChangesAreSent() {
		hubspot.get().admin().webhooks(receiver.url(PATH), SECRET, List.of("contact.propertyChange:email"), null);
		String id = this.user
			.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"s@x.io\",\"firstname\":\"S\"}}")
			.json()
			.get("id")
			.asString();
		this.user.patch("/crm/v3/objects/contacts/" + id,
				"{\"properties\":{\"firstname\":\"T\",\"email\":\"t@x.io\"}}");
		await().until(() -> receiver.acceptedEvents().size() >= 2);
		assertThat(receiver.acceptedEvents()).extracting((event) -> event.get("propertyValue").asString())
			.containsExactly("s@x.io", "t@x.io");
	}

	@Test
	void signsV1WhenConfiguredSo() {
		hubspot.get().admin().webhooks(receiver.url(PATH), SECRET, null, List.of("v1"));
		this.user.post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"V1\"}}");
		await().until(() -> !receiver.received().isEmpty());
		WebhookReceiver.Received request = receiver.received().get(0);
		assertThat(request.headers().get("X-HubSpot-Signature-Version")).isEqualTo("v1");
		assertThat(request.headers()).doesNotContainKey("X-HubSpot-Signature-v3");
		assertThat(this.verifier.verify(
				SignedRequest.of("POST", receiver.url(PATH), request.body(), (name) -> request.headers().get(name))))
			.isEqualTo(new Verification.Verified(SignatureVersion.V1, 0));
	}

	@Test
	void mergeAndPrivacyDeletionFireTheirEvents() {
		String first = this.user.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"m1@x.io\"}}")
			.json()
			.get("id")
			.asString();
		String second = this.user.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"m2@x.io\"}}")
			.json()
			.get("id")
			.asString();
		String survivor = this.user
			.post("/crm/v3/objects/contacts/merge",
					"{\"primaryObjectId\":\"" + first + "\",\"objectIdToMerge\":\"" + second + "\"}")
			.json()
			.get("id")
			.asString();
		this.user.post("/crm/v3/objects/contacts/gdpr-delete", "{\"objectId\":\"" + survivor + "\"}");
		await().until(() -> receiver.acceptedEvents()
			.stream()
			.anyMatch((e) -> "contact.privacyDeletion".equals(e.get("subscriptionType").asString())));
		List<JsonNode> events = receiver.acceptedEvents();
		assertThat(events).anySatisfy((event) -> {
			assertThat(event.get("subscriptionType").asString()).isEqualTo("contact.merge");
			assertThat(event.get("primaryObjectId").asString()).isEqualTo(first);
			assertThat(event.get("mergedObjectIds").get(0).asString()).isEqualTo(second);
			assertThat(event.get("newObjectId").asString()).isEqualTo(survivor);
		});
		assertThat(events).filteredOn((e) -> e.get("objectId").asString().equals(survivor))
			.extracting((e) -> e.get("subscriptionType").asString())
			.contains("contact.privacyDeletion", "contact.deletion");
	}

	@Test
	void associationChangesFireForBothSides() {
		String contact = this.user.post("/crm/v3/objects/contacts", "{\"properties\":{\"email\":\"as@x.io\"}}")
			.json()
			.get("id")
			.asString();
		String company = this.user.post("/crm/v3/objects/companies", "{\"properties\":{\"name\":\"A\"}}")
			.json()
			.get("id")
			.asString();
		this.user.put("/crm/v4/objects/contacts/" + contact + "/associations/companies/" + company,
				"[{\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":1}]");
		await().until(() -> receiver.acceptedEvents()
			.stream()
			.filter((e) -> e.get("subscriptionType").asString().endsWith("associationChange"))
			.count() >= 4);
		assertThat(receiver.acceptedEvents()).anySatisfy((event) -> {
			assertThat(event.get("subscriptionType").asString()).isEqualTo("contact.associationChange");
			assertThat(event.get("associationType").asString()).isEqualTo("CONTACT_TO_COMPANY");
			assertThat(event.get("isPrimaryAssociation").asBoolean()).isTrue();
			assertThat(event.get("toObjectId").asString()).isEqualTo(company);
		});
		assertThat(receiver.acceptedEvents()).anySatisfy((event) -> {
			assertThat(event.get("subscriptionType").asString()).isEqualTo("company.associationChange");
			assertThat(event.get("associationType").asString()).isEqualTo("COMPANY_TO_CONTACT");
		});
	}

	@Test
	void droppedDeliveriesNeverArrive() {
		hubspot.get()
			.admin()
			.faults(java.util.Map.of("webhooks",
					java.util.Map.of("dropRate", 1.0, "duplicateRate", 0.0, "reorder", false)));
		this.user.post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Lost\"}}");
		await().untilAsserted(() -> assertThat(hubspot.get().admin().deliveries()).isNotEmpty()
			.allSatisfy((d) -> assertThat(d.get("state").asString()).isEqualTo("DROPPED")));
		assertThat(receiver.received()).isEmpty();
	}

	@Test
	void engagementsAndCustomObjectsFireGenericEventsAndTicketsNamedOnes() {
		this.user.post("/crm/v3/objects/tasks", "{\"properties\":{\"hs_timestamp\":\"1760000000000\"}}");
		this.user.post("/crm/v3/objects/tickets", "{\"properties\":{\"subject\":\"S\",\"hs_pipeline_stage\":\""
				+ this.user.get("/crm/v3/pipelines/tickets").json().at("/results/0/stages/0/id").asString() + "\"}}");
		await().until(() -> receiver.acceptedEvents().size() >= 2);
		assertThat(receiver.acceptedEvents()).anySatisfy((event) -> {
			assertThat(event.get("subscriptionType").asString()).isEqualTo("object.creation");
			assertThat(event.get("objectTypeId").asString()).isEqualTo("0-27");
		}).anySatisfy((event) -> assertThat(event.get("subscriptionType").asString()).isEqualTo("ticket.creation"));
	}

	@Test
	void eventsAboutGivenRecordsAreDroppedAndTheOthersDelivered() {
		String lost = this.user.post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Lost\"}}")
			.json()
			.get("id")
			.asString();
		await().until(() -> !receiver.acceptedEvents().isEmpty());
		receiver.clear();
		hubspot.get().admin().dropWebhooksAbout(List.of(Long.parseLong(lost)));
		this.user.patch("/crm/v3/objects/deals/" + lost, "{\"properties\":{\"dealname\":\"Still lost\"}}");
		String kept = this.user.post("/crm/v3/objects/deals", "{\"properties\":{\"dealname\":\"Kept\"}}")
			.json()
			.get("id")
			.asString();
		await().untilAsserted(() -> assertThat(receiver.acceptedEvents())
			.anySatisfy((event) -> assertThat(event.get("objectId").asString()).isEqualTo(kept)));
		assertThat(receiver.acceptedEvents())
			.noneSatisfy((event) -> assertThat(event.get("objectId").asString()).isEqualTo(lost));
		await().untilAsserted(() -> assertThat(hubspot.get().admin().deliveries())
			.anySatisfy((d) -> assertThat(d.get("state").asString()).isEqualTo("DROPPED")));
	}

}
