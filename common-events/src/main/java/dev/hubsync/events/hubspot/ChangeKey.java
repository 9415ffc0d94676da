package dev.hubsync.events.hubspot;

import java.time.Instant;

/**
 * One change in HubSpot as both delivery paths describe it (a webhook event and a
 * webhooks-journal event carry it alike), for deduplicating across the paths.
 *
 * @param record the record
 * @param kind the change's kind, e.g. {@code propertyChange}, {@code creation}
 * @param detail the property, or the association's other record and direction; empty
 * otherwise
 * @param occurredAt when it happened (compared at millisecond precision)
 */
public record ChangeKey(HubSpotRecordKey record, String kind, String detail, Instant occurredAt) {

	/**
	 * Returns the key as one string.
	 * @return e.g. {@code 100000:0-1:512:propertyChange:email:1759312800000}
	 */
	public String value() {
		return this.record + ":" + this.kind + ":" + this.detail + ":" + this.occurredAt.toEpochMilli();
	}

}
