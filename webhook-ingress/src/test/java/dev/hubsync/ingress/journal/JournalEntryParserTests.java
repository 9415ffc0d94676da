package dev.hubsync.ingress.journal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import dev.hubsync.events.EventIdentity;
import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.ingress.publishing.Slice;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JournalEntryParserTests {

	private final JournalEntryParser parser = new JournalEntryParser(JsonMapper.builder().build());

	@Test
	void readsTheReferenceEntryIntoTheWebhookPathsEvents() {
		JournalEntryParser.Parsed parsed = parse(
				"""
						{"offset":"5f1c","publishedAt":"2026-10-01T10:05:00.123Z","journalEvents":[
						 {"type":"object","portalId":62515,"occurredAt":"2026-10-01T10:04:58.001Z","action":"UPDATE",
						  "objectTypeId":"0-1","objectId":1246965,"propertyChanges":{"lifecyclestage":"customer","email":"ann@example.com"}},
						 {"type":"association","portalId":62515,"occurredAt":"2026-10-01T10:04:58.001Z","action":"ASSOCIATION_ADDED",
						  "fromObjectTypeId":"0-1","fromObjectId":1246965,"toObjectTypeId":"0-2","toObjectId":98765,
						  "associationTypeId":279,"associationCategory":"HUBSPOT_DEFINED","isPrimary":false}]}""");
		assertThat(parsed.publishedAt()).isEqualTo(Instant.parse("2026-10-01T10:05:00.123Z"));
		List<WebhookEvent> events = events(parsed);
		assertThat(events).extracting(WebhookEvent::subscriptionType)
			.containsExactly("contact.propertyChange", "contact.propertyChange", "contact.associationChange");
		WebhookEvent change = events.get(0);
		assertThat(change.key().toString()).isEqualTo("62515:0-1:1246965");
		assertThat(change.occurredAt()).isEqualTo(Instant.parse("2026-10-01T10:04:58.001Z"));
		assertThat(change.propertyName()).isEqualTo("lifecyclestage");
		assertThat(change.propertyValue()).isEqualTo("customer");
		assertThat(change.eventId()).isNull();
		assertThat(change.isJournal()).isTrue();
		assertThat(change.identity()).isInstanceOf(EventIdentity.Journal.class);
		HubSpotChange association = HubSpotChange.of(events.get(2));
		assertThat(association).isInstanceOfSatisfying(HubSpotChange.AssociationChanged.class, (a) -> {
			assertThat(a.associationType()).isEqualTo("CONTACT_TO_COMPANY");
			assertThat(a.toObjectTypeId()).isEqualTo("0-2");
			assertThat(a.toObjectId()).isEqualTo(98765);
			assertThat(a.removed()).isFalse();
		});
	}

	@Test
	void toleratesIdsAndTimesAsNumbersOrStringsAndValuesAsObjects() {
		List<WebhookEvent> events = events(
				parse("""
						{"offset":"o","publishedAt":1759313100123,"journalEvents":[
						 {"portalId":"62515","occurredAt":"1759313098001","action":"CREATE","objectTypeId":"0-3","objectId":"77",
						  "propertyChanges":{"dealname":{"newValue":"Big","oldValue":null},"amount":12.5,"closedate":null},
						  "somethingNew":true}]}"""));
		assertThat(events).extracting(WebhookEvent::subscriptionType)
			.containsExactly("deal.creation", "deal.propertyChange", "deal.propertyChange");
		assertThat(events.get(0).occurredAt()).isEqualTo(Instant.ofEpochMilli(1759313098001L));
		assertThat(events.get(1).propertyValue()).isEqualTo("Big");
		assertThat(events.get(2).propertyValue()).isEqualTo("12.5");
		assertThat(events.get(0).text("somethingNew")).isNull();
	}

	@Test
	void mapsEveryActionAndKeepsOtherObjectTypesGeneric() {
		List<WebhookEvent> events = events(parse("""
				{"offset":"o","journalEvents":[
				 {"portalId":1,"occurredAt":1,"action":"DELETE","objectTypeId":"0-1","objectId":1},
				 {"portalId":1,"occurredAt":1,"action":"RESTORE","objectTypeId":"0-1","objectId":1},
				 {"portalId":1,"occurredAt":1,"action":"GDPR_DELETE","objectTypeId":"0-1","objectId":1},
				 {"portalId":1,"occurredAt":1,"action":"MERGE","objectTypeId":"0-2","objectId":3,"primaryObjectId":3,
				  "mergedObjectIds":["4"],"newObjectId":3},
				 {"portalId":1,"occurredAt":1,"action":"SNAPSHOT","objectTypeId":"2-123","objectId":5,
				  "propertyChanges":{"name":"x"}}]}"""));
		assertThat(events).extracting(WebhookEvent::subscriptionType)
			.containsExactly("contact.deletion", "contact.restore", "contact.privacyDeletion", "company.merge",
					"object.propertyChange");
		assertThat(HubSpotChange.of(events.get(3))).isInstanceOfSatisfying(HubSpotChange.ObjectsMerged.class,
				(merge) -> assertThat(merge.mergedObjectIds()).containsExactly(4L));
		assertThat(events.get(4).key().objectTypeId()).isEqualTo("2-123");
	}

	@Test
	void anEventThatCannotBeReadIsSetAsideAndTheOthersKept() {
		List<Slice> slices = parse("""
				{"offset":"o","journalEvents":[
				 {"portalId":1,"occurredAt":1,"action":"TELEPORT","objectTypeId":"0-1","objectId":1},
				 {"portalId":1,"occurredAt":"yesterday","action":"DELETE","objectTypeId":"0-1","objectId":1},
				 {"portalId":1,"occurredAt":1,"action":"DELETE","objectTypeId":"0-1"},
				 {"portalId":1,"occurredAt":1,"action":"DELETE","objectTypeId":"0-1","objectId":2}]}""").slices();
		assertThat(slices).hasSize(4);
		assertThat(slices.subList(0, 3)).allSatisfy((slice) -> assertThat(slice).isInstanceOf(Slice.Malformed.class));
		assertThat(((Slice.Malformed) slices.get(0)).reason()).contains("TELEPORT");
		assertThat(slices.get(3)).isInstanceOf(Slice.Event.class);
		assertThat(parse("not json").slices()).singleElement().isInstanceOf(Slice.Malformed.class);
		assertThat(parse("{\"offset\":\"o\"}").slices()).singleElement().isInstanceOf(Slice.Malformed.class);
	}

	@Test
	void theSameEntryReadTwiceGivesTheSameIdentities() {
		String entry = """
				{"offset":"o","journalEvents":[{"portalId":1,"occurredAt":5,"action":"UPDATE","objectTypeId":"0-1",
				 "objectId":9,"propertyChanges":{"email":"a@x.io"}}]}""";
		assertThat(events(parse(entry)).get(0).identity()).isEqualTo(events(parse(entry)).get(0).identity());
	}

	private JournalEntryParser.Parsed parse(String file) {
		return this.parser.parse(file.getBytes(StandardCharsets.UTF_8), "o");
	}

	private static List<WebhookEvent> events(JournalEntryParser.Parsed parsed) {
		return parsed.slices().stream().map((slice) -> ((Slice.Event) slice).event()).toList();
	}

}
