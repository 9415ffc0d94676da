package dev.hubsync.events.hubspot;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventIdentity;
import dev.hubsync.events.TestResources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhookEventTests {

	static Stream<String> referenceExamples() {
		return Stream
			.of("legacy-batch", "signature-vector-v1", "signature-vector-own", "integration-echo", "merge",
					"association-change", "generic-and-privacy")
			.flatMap((name) -> TestResources.arrayElements("reference-webhooks/" + name + ".json").stream());
	}

	@ParameterizedTest
	@MethodSource("referenceExamples")
	void everyReferenceExampleParsesAndKeepsItsExactText(String raw) {
		WebhookEvent event = WebhookEvent.parse(raw);
		assertThat(event.raw()).isEqualTo(raw);
		assertThat(WebhookEvent.parse(event.raw())).isEqualTo(event);
		assertThat(HubSpotChange.of(event).event()).isSameAs(event);
	}

	@Test
	void readsTheTypedFieldsOfALegacyPropertyChange() {
		WebhookEvent event = WebhookEvent
			.parse(TestResources.arrayElements("reference-webhooks/legacy-batch.json").get(0));
		assertThat(event.key()).isEqualTo(new HubSpotRecordKey(33, ObjectTypes.CONTACTS, 1246965));
		assertThat(event.key().toString()).isEqualTo("33:0-1:1246965");
		assertThat(event.eventId()).isEqualTo(3816279340L);
		assertThat(event.subscriptionType()).isEqualTo("contact.propertyChange");
		assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochMilli(1462216307945L));
		assertThat(event.propertyName()).isEqualTo("lifecyclestage");
		assertThat(event.propertyValue()).isEqualTo("subscriber");
		assertThat(event.changeSource()).isEqualTo("CRM_UI");
		assertThat(event.sourceId()).isEqualTo("userId:45678");
		assertThat(event.attemptNumber()).isZero();
		assertThat(event.identity()).isEqualTo(new EventIdentity.Webhook(33, 3816279340L, "contact.propertyChange",
				1246965, Instant.ofEpochMilli(1462216307945L), "lifecyclestage"));
	}

	@Test
	void recognisesOnlyItsOwnAppsIntegrationWritesAsEchoes() {
		WebhookEvent echo = WebhookEvent
			.parse(TestResources.arrayElements("reference-webhooks/integration-echo.json").get(0));
		assertThat(echo.madeByApp("9393361")).isTrue();
		assertThat(echo.madeByApp("4242")).isFalse();
		assertThat(echo.propertyValue()).isEqualTo("Zoë Ł");
		WebhookEvent user = WebhookEvent
			.parse(TestResources.arrayElements("reference-webhooks/legacy-batch.json").get(0));
		assertThat(user.madeByApp("45678")).isFalse();
	}

	@Test
	void takesTheObjectTypeOfGenericEventsFromTheirField() {
		List<String> events = TestResources.arrayElements("reference-webhooks/generic-and-privacy.json");
		assertThat(WebhookEvent.parse(events.get(0)).key().objectTypeId()).isEqualTo("0-27");
		assertThat(WebhookEvent.parse(events.get(3)).key().objectTypeId()).isEqualTo(ObjectTypes.DEALS);
		assertThat(WebhookEvent.parse(events.get(4)).subscriptionType()).isEqualTo("company.propertyChange");
	}

	@Test
	void acceptsIdsSentAsStrings() {
		WebhookEvent event = WebhookEvent.parse("{\"eventId\":\"5\",\"portalId\":\"7\",\"objectId\":\"9\","
				+ "\"occurredAt\":\"1700000000000\",\"subscriptionType\":\"deal.creation\"}");
		assertThat(event.key()).isEqualTo(new HubSpotRecordKey(7, ObjectTypes.DEALS, 9));
	}

	@Test
	void namesTheMissingRequiredField() {
		String base = "\"eventId\":1,\"portalId\":2,\"objectId\":3,\"occurredAt\":4,\"subscriptionType\":\"contact.creation\"";
		for (String field : List.of("eventId", "portalId", "objectId", "occurredAt", "subscriptionType")) {
			String raw = "{" + base.replaceAll("\"" + field + "\":[^,]+,?", "").replaceAll(",$", "") + "}";
			assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> WebhookEvent.parse(raw))
				.withMessage("missing required field '" + field + "'")
				.satisfies((ex) -> assertThat(ex.field()).isEqualTo(field));
		}
	}

	@Test
	void rejectsValuesOfTheWrongType() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> WebhookEvent.parse("{\"eventId\":1,\"portalId\":2,\"objectId\":{\"a\":1},"
					+ "\"occurredAt\":4,\"subscriptionType\":\"contact.creation\"}"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("objectId"));
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> WebhookEvent.parse("[1,2]"))
			.withMessage("event is not a JSON object");
		assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> WebhookEvent.parse("{\"a\":"))
			.withMessageStartingWith("event is not valid JSON");
	}

	@Test
	void refusesSubscriptionTypesWhoseObjectTypeCannotBeTold() {
		assertThatExceptionOfType(EventFormatException.class)
			.isThrownBy(() -> WebhookEvent.parse("{\"eventId\":1,\"portalId\":2,\"objectId\":3,\"occurredAt\":4,"
					+ "\"subscriptionType\":\"conversation.creation\"}"))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("objectTypeId"));
	}

	@Test
	void pollEventsNeedNoEventIdAndAreIdentifiedByTheirLastModifiedTime() {
		Instant lastModified = Instant.parse("2026-11-20T08:00:00.250Z");
		WebhookEvent event = WebhookEvent.polled(100000, ObjectTypes.COMPANIES, 77, lastModified);
		assertThat(event.isPoll()).isTrue();
		assertThat(event.eventId()).isNull();
		assertThat(event.identity()).isEqualTo(new EventIdentity.Poll(ObjectTypes.COMPANIES, 77, lastModified));
		assertThat(event.identity().value()).isEqualTo("poll:0-2:77:1795161600250");
		assertThat(HubSpotChange.of(event)).isInstanceOf(HubSpotChange.ObjectPolled.class);
	}

	@Test
	void aJournalEventNeedsNoEventIdAndPairsWithItsWebhookTwinByChangeKey() {
		WebhookEvent webhook = WebhookEvent.parse("{\"eventId\":1,\"subscriptionId\":2,\"portalId\":33,"
				+ "\"occurredAt\":1759312800000,\"subscriptionType\":\"contact.propertyChange\",\"objectId\":512,"
				+ "\"propertyName\":\"email\",\"propertyValue\":\"a@x.io\",\"changeSource\":\"CRM_UI\"}");
		WebhookEvent journal = WebhookEvent.parse("{\"portalId\":33,\"objectTypeId\":\"0-1\",\"objectId\":\"512\","
				+ "\"occurredAt\":1759312800000,\"subscriptionType\":\"contact.propertyChange\","
				+ "\"propertyName\":\"email\",\"propertyValue\":\"a@x.io\",\"journalOffset\":\"5f1c\"}");
		assertThat(journal.isJournal()).isTrue();
		assertThat(webhook.isJournal()).isFalse();
		assertThat(journal.changeKey()).isEqualTo(webhook.changeKey());
		assertThat(journal.changeKey().value()).isEqualTo("33:0-1:512:propertyChange:email:1759312800000");
		assertThat(journal.identity()).isEqualTo(new EventIdentity.Journal(33, ObjectTypes.CONTACTS, 512,
				"contact.propertyChange", Instant.ofEpochMilli(1759312800000L), "email"));
		assertThat(journal.identity().value()).isNotEqualTo(webhook.identity().value());
		assertThat(HubSpotChange.of(journal)).isInstanceOf(HubSpotChange.PropertyChanged.class);
	}

	@Test
	void associationChangesOfOneRecordDifferByTheirOtherSide() {
		String template = "{\"portalId\":33,\"objectId\":512,\"occurredAt\":1759312800000,"
				+ "\"subscriptionType\":\"contact.associationChange\",\"fromObjectId\":512,\"toObjectId\":%d,"
				+ "\"associationRemoved\":%s,\"journalOffset\":\"o\"}";
		WebhookEvent one = WebhookEvent.parse(template.formatted(7, "false"));
		WebhookEvent other = WebhookEvent.parse(template.formatted(8, "false"));
		WebhookEvent removed = WebhookEvent.parse(template.formatted(7, "true"));
		assertThat(one.changeKey()).isNotEqualTo(other.changeKey()).isNotEqualTo(removed.changeKey());
	}

}
