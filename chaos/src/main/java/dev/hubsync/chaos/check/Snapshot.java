package dev.hubsync.chaos.check;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.chaos.workload.ObjectKind;
import org.jspecify.annotations.Nullable;

/**
 * Both sides as read at one moment: platform rows, HubSpot records, the sync's links, and
 * what it left parked, in review or dead-lettered.
 *
 * @param rows platform rows by key
 * @param records HubSpot records by {@link #recordKey} (live and archived)
 * @param links the sync's links
 * @param parkedEvents events parked in {@code hubsync.parked_event}
 * @param reviews open reviews
 * @param deadLetters records in the dead-letter topics
 * @param takenAt when the read began
 */
public record Snapshot(Map<String, Row> rows, Map<String, HubSpotRecord> records, List<LinkRow> links,
		long parkedEvents, List<Review> reviews, List<DeadLetter> deadLetters, Instant takenAt) {

	/**
	 * The key of a HubSpot record in {@link #records()}: ids are unique per object type
	 * only (a contact and a company may both be 2089).
	 * @param kind the object type
	 * @param id the record id
	 * @return {@code objectTypeId/id}
	 */
	public static String recordKey(ObjectKind kind, String id) {
		return kind.objectTypeId() + "/" + id;
	}

	/**
	 * Returns a HubSpot record.
	 * @param kind its object type
	 * @param id its id
	 * @return the record, or {@code null}
	 */
	public @Nullable HubSpotRecord record(ObjectKind kind, String id) {
		return this.records.get(recordKey(kind, id));
	}

	/**
	 * A platform row, its mapped values in HubSpot's form.
	 *
	 * @param kind its object type
	 * @param key its key
	 * @param values property → value ({@code null} when empty)
	 * @param companyKey a lead's company, or {@code null}
	 * @param deleted whether it is soft-deleted
	 */
	public record Row(ObjectKind kind, String key, Map<String, @Nullable String> values, @Nullable String companyKey,
			boolean deleted) {
	}

	/**
	 * A HubSpot record.
	 *
	 * @param kind its object type
	 * @param id its id
	 * @param values property → value ({@code null} when empty)
	 * @param primaryCompanyId a contact's primary company, or {@code null}
	 * @param archived whether it is archived
	 * @param emptyWrites when HubSync's app wrote to it without changing anything (its
	 * last-modified time moved, no property did), when histories were read
	 * @param mergedIds the ids of the records HubSpot merged into this one (its
	 * {@code hs_merged_object_ids}), empty when none
	 */
	public record HubSpotRecord(ObjectKind kind, String id, Map<String, @Nullable String> values,
			@Nullable String primaryCompanyId, boolean archived, List<Instant> emptyWrites, List<String> mergedIds) {
	}

	/**
	 * A link.
	 *
	 * @param objectTypeId the object type id
	 * @param hubspotId the HubSpot id
	 * @param platformKey the platform key
	 * @param archived whether it is archived
	 * @param createdAt when the sync first linked the pair
	 */
	public record LinkRow(String objectTypeId, String hubspotId, String platformKey, boolean archived,
			Instant createdAt) {
	}

	/**
	 * An open review.
	 *
	 * @param kind its kind, e.g. {@code merge}, {@code duplicate_email}
	 * @param objectTypeId the object type id
	 * @param platformKey the platform key
	 * @param hubspotId the HubSpot id
	 * @param field the HubSpot property it is about, for field-level reviews
	 * @param detail its detail
	 */
	public record Review(String kind, String objectTypeId, @Nullable String platformKey, @Nullable String hubspotId,
			@Nullable String field, @Nullable String detail) {
	}

	/**
	 * A dead letter.
	 *
	 * @param topic its topic
	 * @param key its key
	 * @param reason why it was dead-lettered
	 */
	public record DeadLetter(String topic, @Nullable String key, String reason) {
	}

}
