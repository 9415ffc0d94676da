package dev.hubsync.events.hubspot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.hubsync.events.EventFormatException;
import org.jspecify.annotations.Nullable;

/**
 * What a HubSpot event says happened, as a closed family: the worker parses the
 * subscription type once, here, and dispatches with a pattern-matching {@code switch}. An
 * unknown type is an {@link UnknownEventTypeException}, which consumers dead-letter.
 */
public sealed interface HubSpotChange {

	/**
	 * Returns the event this change was read from.
	 * @return the event, kept whole
	 */
	WebhookEvent event();

	/**
	 * Returns the record the change is about.
	 * @return the record's key
	 */
	default HubSpotRecordKey key() {
		return event().key();
	}

	/**
	 * Returns when the change happened.
	 * @return the instant
	 */
	default Instant occurredAt() {
		return event().occurredAt();
	}

	/**
	 * Reads the change an event describes.
	 * @param event the event
	 * @return the change
	 * @throws UnknownEventTypeException when the subscription type is not one HubSync
	 * handles
	 * @throws EventFormatException when a field the type needs is missing
	 */
	static HubSpotChange of(WebhookEvent event) {
		String type = event.subscriptionType();
		if (event.isPoll()) {
			return new ObjectPolled(event);
		}
		String action = type.substring(type.indexOf('.') + 1);
		return switch (action) {
			case "creation" -> new ObjectCreated(event);
			case "deletion" -> new ObjectDeleted(event);
			case "restore" -> new ObjectRestored(event);
			case "privacyDeletion" -> new PrivacyDeletionRequested(event);
			case "propertyChange" -> PropertyChanged.of(event);
			case "merge" -> ObjectsMerged.of(event);
			case "associationChange" -> AssociationChanged.of(event);
			default -> throw new UnknownEventTypeException(type);
		};
	}

	/**
	 * A record was created.
	 *
	 * @param event the event
	 */
	record ObjectCreated(WebhookEvent event) implements HubSpotChange {
	}

	/**
	 * One property of a record changed. HubSpot sends one event per changed property.
	 *
	 * @param event the event
	 * @param propertyName the property
	 * @param propertyValue its new value as HubSpot's string form, or {@code null}
	 */
	record PropertyChanged(WebhookEvent event, String propertyName,
			@Nullable String propertyValue) implements HubSpotChange {

		static PropertyChanged of(WebhookEvent event) {
			String name = event.propertyName();
			if (name == null) {
				throw EventFormatException.missing("propertyName");
			}
			return new PropertyChanged(event, name, event.propertyValue());
		}

	}

	/**
	 * A record was archived (deleted to the recycle bin), or permanently deleted.
	 *
	 * @param event the event
	 */
	record ObjectDeleted(WebhookEvent event) implements HubSpotChange {
	}

	/**
	 * An archived record was restored (in HubSpot's UI; the public API has no restore).
	 *
	 * @param event the event
	 */
	record ObjectRestored(WebhookEvent event) implements HubSpotChange {
	}

	/**
	 * A contact's data must be erased (GDPR). Comes with an {@link ObjectDeleted} in any
	 * order.
	 *
	 * @param event the event
	 */
	record PrivacyDeletionRequested(WebhookEvent event) implements HubSpotChange {
	}

	/**
	 * Records were merged. For contacts and companies the result may have a new id.
	 *
	 * @param event the event
	 * @param primaryObjectId the record whose values won
	 * @param mergedObjectIds the records merged into it
	 * @param newObjectId the id of the resulting record
	 */
	record ObjectsMerged(WebhookEvent event, long primaryObjectId, List<Long> mergedObjectIds,
			long newObjectId) implements HubSpotChange {

		static ObjectsMerged of(WebhookEvent event) {
			Long primary = event.number("primaryObjectId");
			if (primary == null) {
				throw EventFormatException.missing("primaryObjectId");
			}
			Long newId = event.number("newObjectId");
			return new ObjectsMerged(event, primary, event.numbers("mergedObjectIds"),
					(newId != null) ? newId : primary);
		}

	}

	/**
	 * An association between two records was added or removed. HubSpot fires one event
	 * for each side.
	 *
	 * @param event the event
	 * @param associationType e.g. {@code CONTACT_TO_COMPANY}, or the generic event's type
	 * id
	 * @param fromObjectTypeId the source side's object type, when known
	 * @param fromObjectId the source record
	 * @param toObjectTypeId the target side's object type, when known
	 * @param toObjectId the target record
	 * @param removed whether the association was removed
	 * @param primary whether it is a primary association
	 */
	record AssociationChanged(WebhookEvent event, String associationType, @Nullable String fromObjectTypeId,
			long fromObjectId, @Nullable String toObjectTypeId, long toObjectId, boolean removed,
			boolean primary) implements HubSpotChange {

		static AssociationChanged of(WebhookEvent event) {
			Long from = event.number("fromObjectId");
			Long to = event.number("toObjectId");
			if (from == null) {
				throw EventFormatException.missing("fromObjectId");
			}
			if (to == null) {
				throw EventFormatException.missing("toObjectId");
			}
			String type = Optional.ofNullable(event.text("associationType")).orElse("");
			String fromType = Optional.ofNullable(event.text("fromObjectTypeId")).orElseGet(() -> side(type, 0));
			String toType = Optional.ofNullable(event.text("toObjectTypeId")).orElseGet(() -> side(type, 1));
			return new AssociationChanged(event, type, fromType, from, toType, to, event.flag("associationRemoved"),
					event.flag("isPrimaryAssociation"));
		}

		private static @Nullable String side(String associationType, int index) {
			String[] sides = associationType.split("_TO_", 2);
			return (sides.length == 2) ? ObjectTypes.byAssociationName(sides[index]).orElse(null) : null;
		}

	}

	/**
	 * The reconciliation poller found the record changed since its watermark.
	 *
	 * @param event the poll event
	 */
	record ObjectPolled(WebhookEvent event) implements HubSpotChange {
	}

}
