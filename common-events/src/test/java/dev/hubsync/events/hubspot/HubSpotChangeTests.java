package dev.hubsync.events.hubspot;

import java.util.List;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.TestResources;
import dev.hubsync.events.hubspot.HubSpotChange.AssociationChanged;
import dev.hubsync.events.hubspot.HubSpotChange.ObjectCreated;
import dev.hubsync.events.hubspot.HubSpotChange.ObjectDeleted;
import dev.hubsync.events.hubspot.HubSpotChange.ObjectRestored;
import dev.hubsync.events.hubspot.HubSpotChange.ObjectsMerged;
import dev.hubsync.events.hubspot.HubSpotChange.PrivacyDeletionRequested;
import dev.hubsync.events.hubspot.HubSpotChange.PropertyChanged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HubSpotChangeTests {

	private static HubSpotChange change(String resource, int index) {
		return HubSpotChange.of(WebhookEvent.parse(TestResources.arrayElements(resource).get(index)));
	}

	@Test
	void readsEachSubscriptionTypeIntoItsOwnType() {
		assertThat(change("reference-webhooks/legacy-batch.json", 0)).isInstanceOfSatisfying(PropertyChanged.class,
				(changed) -> {
					assertThat(changed.propertyName()).isEqualTo("lifecyclestage");
					assertThat(changed.propertyValue()).isEqualTo("subscriber");
				});
		assertThat(change("reference-webhooks/legacy-batch.json", 1)).isInstanceOf(ObjectCreated.class);
		assertThat(change("reference-webhooks/generic-and-privacy.json", 0)).isInstanceOf(ObjectCreated.class);
		assertThat(change("reference-webhooks/generic-and-privacy.json", 1))
			.isInstanceOf(PrivacyDeletionRequested.class);
		assertThat(change("reference-webhooks/generic-and-privacy.json", 2)).isInstanceOf(ObjectDeleted.class);
		assertThat(change("reference-webhooks/generic-and-privacy.json", 3)).isInstanceOf(ObjectRestored.class);
	}

	@Test
	void readsMerges() {
		assertThat(change("reference-webhooks/merge.json", 0)).isInstanceOfSatisfying(ObjectsMerged.class, (merged) -> {
			assertThat(merged.primaryObjectId()).isEqualTo(1001);
			assertThat(merged.mergedObjectIds()).containsExactly(1002L);
			assertThat(merged.newObjectId()).isEqualTo(1003);
		});
	}

	@Test
	void resolvesBothSidesOfLegacyAssociationChanges() {
		assertThat(change("reference-webhooks/association-change.json", 0))
			.isInstanceOfSatisfying(AssociationChanged.class, (changed) -> {
				assertThat(changed.fromObjectTypeId()).isEqualTo(ObjectTypes.CONTACTS);
				assertThat(changed.toObjectTypeId()).isEqualTo(ObjectTypes.COMPANIES);
				assertThat(changed.fromObjectId()).isEqualTo(1001);
				assertThat(changed.toObjectId()).isEqualTo(2001);
				assertThat(changed.primary()).isTrue();
				assertThat(changed.removed()).isFalse();
			});
		assertThat(change("reference-webhooks/association-change.json", 1)).isInstanceOfSatisfying(
				AssociationChanged.class,
				(changed) -> assertThat(changed.fromObjectTypeId()).isEqualTo(ObjectTypes.COMPANIES));
	}

	@Test
	void unknownSubscriptionTypesAreTypedErrors() {
		WebhookEvent event = WebhookEvent.parse("{\"eventId\":1,\"portalId\":2,\"objectId\":3,\"occurredAt\":4,"
				+ "\"subscriptionType\":\"contact.somethingNew\"}");
		assertThatExceptionOfType(UnknownEventTypeException.class).isThrownBy(() -> HubSpotChange.of(event))
			.withMessage("unknown subscription type 'contact.somethingNew'")
			.satisfies((ex) -> assertThat(ex.subscriptionType()).isEqualTo("contact.somethingNew"));
	}

	@Test
	void namesFieldsATypeNeeds() {
		for (String type : List.of("propertyChange", "merge", "associationChange")) {
			WebhookEvent event = WebhookEvent.parse("{\"eventId\":1,\"portalId\":2,\"objectId\":3,\"occurredAt\":4,"
					+ "\"subscriptionType\":\"contact." + type + "\"}");
			assertThatExceptionOfType(EventFormatException.class).isThrownBy(() -> HubSpotChange.of(event))
				.withMessageStartingWith("missing required field");
		}
	}

}
