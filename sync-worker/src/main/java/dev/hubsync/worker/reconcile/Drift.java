package dev.hubsync.worker.reconcile;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One difference between the platform and HubSpot that reconcile found.
 *
 * @param kind what differs
 * @param platformKey the platform row, if there is one
 * @param hubspotId the HubSpot record, if there is one
 * @param fields the fields that differ ({@link Kind#FIELDS} only)
 * @param detail what an operator reads
 * @param healing what {@code --fix} enqueues for it
 */
public record Drift(Kind kind, @Nullable String platformKey, @Nullable Long hubspotId, List<FieldDifference> fields,
		String detail, Healing healing) {

	/** What differs. */
	public enum Kind {

		/**
		 * A live row that no HubSpot record is linked to (or whose record was archived).
		 */
		MISSING_IN_HUBSPOT,

		/** A HubSpot record that no platform row is linked to. */
		MISSING_ON_PLATFORM,

		/** A linked pair whose mapped values differ. */
		FIELDS,

		/** A linked row deleted on the platform whose HubSpot record is live. */
		PLATFORM_ROW_GONE,

		/** A live row whose linked HubSpot record no longer exists. */
		HUBSPOT_RECORD_GONE,

		/** Two or more HubSpot records with the same email. */
		DUPLICATE_EMAIL_IN_HUBSPOT,

		/** Two or more live rows with the same email. */
		DUPLICATE_EMAIL_ON_PLATFORM;

		/**
		 * Returns the form printed and served.
		 * @return e.g. {@code missing-in-hubspot}
		 */
		public String wireValue() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/** What {@code --fix} enqueues. */
	public enum Healing {

		/**
		 * A snapshot of the row on the local-changes topic: the outbound direction heals
		 * it.
		 */
		OUTBOUND,

		/**
		 * A polled event for the record on the HubSpot-events topic: the inbound
		 * direction heals it.
		 */
		INBOUND,

		/** Both: the mapping's rules decide field by field. */
		BOTH,

		/**
		 * Nothing: an operator decides (duplicates are merged in HubSpot; a record
		 * deleted in HubSpot is either archived on the platform or re-created).
		 */
		NONE;

		/**
		 * Returns the form printed and served.
		 * @return e.g. {@code outbound}
		 */
		public String wireValue() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One field of a linked pair whose values differ, both in HubSpot's canonical form.
	 *
	 * @param property the HubSpot property
	 * @param column the platform column
	 * @param platform the platform's value
	 * @param hubspot HubSpot's value
	 * @param synced the value last synced, if known
	 */
	public record FieldDifference(String property, String column, String platform, String hubspot,
			@Nullable String synced) {
	}

}
