package dev.hubsync.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What makes two deliveries the same event, for deduplication (ARCHITECTURE §2).
 * HubSpot's {@code eventId} alone is not unique, so a webhook event is identified by a
 * composite; a poll event by the record and its last-modified time; a local change by its
 * row and WAL position. Replayed records keep the identity of the original.
 */
public sealed interface EventIdentity {

	/**
	 * Returns the canonical text of this identity: equal identities give equal text.
	 * @return a stable string, at most a few hundred characters
	 */
	String value();

	/**
	 * A HubSpot webhook event.
	 *
	 * @param portalId the HubSpot account
	 * @param eventId HubSpot's event id (not unique on its own)
	 * @param subscriptionType e.g. {@code contact.propertyChange}
	 * @param objectId the record's id
	 * @param occurredAt when the change happened in HubSpot
	 * @param propertyName the changed property, for property changes
	 */
	record Webhook(long portalId, long eventId, String subscriptionType, long objectId, Instant occurredAt,
			@Nullable String propertyName) implements EventIdentity {

		@Override
		public String value() {
			return "webhook:" + this.portalId + ":" + this.eventId + ":" + this.subscriptionType + ":" + this.objectId
					+ ":" + this.occurredAt.toEpochMilli() + ":"
					+ ((this.propertyName != null) ? this.propertyName : "");
		}

	}

	/**
	 * A change read from HubSpot's webhooks journal, whose events have no
	 * {@code eventId}: the same change read again (after a reader restart) has the same
	 * identity.
	 *
	 * @param portalId the HubSpot account
	 * @param objectTypeId the record's object type
	 * @param objectId the record's id
	 * @param subscriptionType the webhook-style type it was turned into, e.g.
	 * {@code contact.propertyChange}
	 * @param occurredAt when the change happened in HubSpot
	 * @param detail the changed property, or an association's other side; empty otherwise
	 */
	record Journal(long portalId, String objectTypeId, long objectId, String subscriptionType, Instant occurredAt,
			String detail) implements EventIdentity {

		@Override
		public String value() {
			return "journal:" + this.portalId + ":" + this.objectTypeId + ":" + this.objectId + ":"
					+ this.subscriptionType + ":" + this.occurredAt.toEpochMilli() + ":" + this.detail;
		}

	}

	/**
	 * A record seen by the reconciliation poller.
	 *
	 * @param objectTypeId e.g. {@code 0-1}
	 * @param objectId the record's id
	 * @param lastModified the record's last-modified time when it was seen
	 */
	record Poll(String objectTypeId, long objectId, Instant lastModified) implements EventIdentity {

		@Override
		public String value() {
			return "poll:" + this.objectTypeId + ":" + this.objectId + ":" + this.lastModified.toEpochMilli();
		}

	}

	/**
	 * A platform row change.
	 *
	 * @param table the table's name
	 * @param primaryKey the row's key
	 * @param lsn the change's log sequence number
	 */
	record LocalChange(String table, String primaryKey, long lsn) implements EventIdentity {

		@Override
		public String value() {
			return "local:" + this.table + ":" + this.primaryKey + ":" + this.lsn;
		}

	}

}
