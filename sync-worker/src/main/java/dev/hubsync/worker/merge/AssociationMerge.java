package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The merge of one mapped association (a foreign key in the product, an association in
 * HubSpot), written once for both directions: ARCHITECTURE §7's table with the target's
 * platform key as the value. HubSpot keeps no history of associations, so its change time
 * is the {@code occurredAt} of the association event that announced the change, which
 * only the inbound direction sees; the product's is the commit time of the change to the
 * foreign key, which only the outbound direction sees. When both sides changed the
 * association and one of the two times is not known yet, the direction that knows its own
 * keeps it on the link and leaves the decision to the other direction's event, as a
 * deferred field does: the later change wins, HubSpot on equal times. Without either time
 * (a conflict found by a read that no event caused, on first link for instance) HubSpot
 * wins, as it did before change times were kept.
 */
public final class AssociationMerge {

	/** The prefix of an association's entries on a link: {@code assoc:<column>}. */
	public static final String PREFIX = "assoc:";

	private AssociationMerge() {
	}

	/**
	 * The link entry of an association's column.
	 * @param column the foreign key column
	 * @return the entry's name
	 */
	public static String name(String column) {
		return PREFIX + column;
	}

	/**
	 * Decides one association.
	 * @param product the product's target key, or null for none
	 * @param hubspot HubSpot's target key, or null for none
	 * @param synced the link's last-synced target: null when never synced (first link),
	 * {@code ""} for none
	 * @param productTime the product's change time of its target, null when not known
	 * @param hubspotTime HubSpot's change time of its target, null when not known
	 * @return the outcome
	 */
	public static Outcome decide(@Nullable String product, @Nullable String hubspot, @Nullable String synced,
			@Nullable Instant productTime, @Nullable Instant hubspotTime) {
		if (Objects.equals(product, hubspot)) {
			return Outcome.IN_SYNC;
		}
		if (synced == null) {
			// first link: the one side that has a target gives it to the other
			if (hubspot == null) {
				return Outcome.TO_HUBSPOT;
			}
			if (product == null) {
				return Outcome.TO_PRODUCT;
			}
		}
		else {
			String last = synced.isEmpty() ? null : synced;
			if (Objects.equals(product, last)) {
				return Outcome.TO_PRODUCT;
			}
			if (Objects.equals(hubspot, last)) {
				return Outcome.TO_HUBSPOT;
			}
		}
		if (productTime != null && hubspotTime != null) {
			return productTime.isAfter(hubspotTime) ? Outcome.TO_HUBSPOT : Outcome.TO_PRODUCT;
		}
		if (synced != null && productTime == null && hubspotTime != null) {
			return Outcome.NEEDS_PRODUCT_TIME;
		}
		if (synced != null && productTime != null) {
			return Outcome.NEEDS_HUBSPOT_TIME;
		}
		return Outcome.TO_PRODUCT;
	}

	/**
	 * The later of two times, either of which may be unknown.
	 * @param a one time
	 * @param b the other
	 * @return the later, or null when both are unknown
	 */
	public static @Nullable Instant later(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isAfter(b)) ? a : b;
	}

	/**
	 * The key a change time of an association is kept under on a link (beside its
	 * column's, tied to its target as a field's kept time is tied to its value).
	 * @param column the foreign key column
	 * @param target the target key, or null for none
	 * @return the key
	 */
	public static String timeKey(String column, @Nullable String target) {
		return LinkValues.valueKey(name(column), (target != null) ? target : "");
	}

	/** Marks a HubSpot target without a link yet: a value no foreign key holds. */
	private static final String UNLINKED = "hubspot:";

	/**
	 * The value standing for a HubSpot target that has no link yet.
	 * @param hubspotId the target's HubSpot id
	 * @return the value
	 */
	public static String unlinked(long hubspotId) {
		return UNLINKED + hubspotId;
	}

	/**
	 * Tells whether a value stands for a HubSpot target without a link.
	 * @param value the value
	 * @return whether it does
	 */
	public static boolean isUnlinked(String value) {
		return value.startsWith(UNLINKED);
	}

	/**
	 * HubSpot's change time of its target kept on a link: under the target's key, or
	 * under its HubSpot id when the time was kept before the target had a link.
	 * @param hubspotSeen the link's HubSpot times
	 * @param column the foreign key column
	 * @param key HubSpot's target as a platform key (or {@link #unlinked}), null for none
	 * @param target HubSpot's target id, null for none
	 * @return the time, or null
	 */
	public static @Nullable Instant hubspotTime(java.util.Map<String, Instant> hubspotSeen, String column,
			@Nullable String key, @Nullable Long target) {
		Instant kept = hubspotSeen.get(timeKey(column, key));
		return (target != null) ? later(kept, hubspotSeen.get(timeKey(column, unlinked(target)))) : kept;
	}

	/** What happens to an association. */
	public enum Outcome {

		/** Both sides hold the same target: nothing is written. */
		IN_SYNC,
		/** HubSpot's target goes to the product's foreign key. */
		TO_PRODUCT,
		/** The product's target goes to HubSpot. */
		TO_HUBSPOT,
		/**
		 * Both changed, and only HubSpot's time is known: the product's change event (the
		 * outbound direction) decides.
		 */
		NEEDS_PRODUCT_TIME,
		/**
		 * Both changed, and only the product's time is known: HubSpot's association event
		 * (the inbound direction) decides.
		 */
		NEEDS_HUBSPOT_TIME

	}

}
