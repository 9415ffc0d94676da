package dev.hubsync.worker.merge;

import org.jspecify.annotations.Nullable;

/**
 * One field's merge outcome.
 *
 * @param outcome what happens
 * @param value the value both sides end with, for {@link Outcome#IN_SYNC},
 * {@link Outcome#TO_PLATFORM} and {@link Outcome#TO_HUBSPOT}; {@code ""} is empty
 * @param reason why, for the sync log
 * @param conflict whether both sides had changed it differently (the rule decided)
 */
public record FieldDecision(Outcome outcome, @Nullable String value, Reason reason, boolean conflict) {

	/**
	 * Tells who won, for the sync log.
	 * @return {@code hubspot}, {@code platform} or {@code none}
	 */
	public String winner() {
		return switch (this.outcome) {
			case TO_PLATFORM -> "hubspot";
			case TO_HUBSPOT -> "platform";
			case IN_SYNC, REVIEW, KEEP -> "none";
		};
	}

	/**
	 * Tells whether both sides end with one value, which becomes the new ancestor.
	 * @return whether the field is decided
	 */
	public boolean decided() {
		return this.outcome == Outcome.IN_SYNC || this.outcome == Outcome.TO_PLATFORM
				|| this.outcome == Outcome.TO_HUBSPOT;
	}

	/** What happens to the field. */
	public enum Outcome {

		/**
		 * Both sides hold the same value: nothing is written; the ancestor is that value.
		 */
		IN_SYNC,
		/** HubSpot's value goes to the product. */
		TO_PLATFORM,
		/** The product's value goes to HubSpot. */
		TO_HUBSPOT,
		/** A {@code MANUAL} conflict: both values go to review, nothing is written. */
		REVIEW,
		/**
		 * Nothing is written and the ancestor stays: the winning value would have to go
		 * the way the field does not flow.
		 */
		KEEP

	}

	/** Why, for the sync log. */
	public enum Reason {

		/** The values are equal. */
		EQUAL("equal"),
		/** Only HubSpot changed it since the last sync (a clear is a change). */
		HUBSPOT_CHANGED("changed in HubSpot only"),
		/** Only the product changed it since the last sync (a clear is a change). */
		PLATFORM_CHANGED("changed in the product only"),
		/** First link: only HubSpot has a value. */
		ONLY_HUBSPOT_HAS_A_VALUE("first link: only HubSpot has a value"),
		/** First link: only the product has a value. */
		ONLY_PLATFORM_HAS_A_VALUE("first link: only the product has a value"),
		/** A conflict the rule gives to HubSpot. */
		HUBSPOT_WINS("conflict: HUBSPOT_WINS"),
		/** A conflict the rule gives to the product. */
		PLATFORM_WINS("conflict: PLATFORM_WINS"),
		/** A {@code LATEST_WINS} conflict HubSpot's later change wins. */
		HUBSPOT_LATER("conflict: HubSpot's change is later"),
		/** A {@code LATEST_WINS} conflict the product's later change wins. */
		PLATFORM_LATER("conflict: the product's change is later"),
		/**
		 * A {@code LATEST_WINS} conflict: the product set the field back to its
		 * last-synced value after HubSpot's change.
		 */
		PLATFORM_CHANGED_BACK("conflict: the product set it back to the last-synced value after HubSpot's change"),
		/**
		 * A {@code LATEST_WINS} conflict: a HubSpot user set the field back to its
		 * last-synced value after the product's change.
		 */
		HUBSPOT_CHANGED_BACK("conflict: HubSpot set it back to the last-synced value after the product's change"),
		/** A {@code LATEST_WINS} conflict with equal times, which HubSpot wins. */
		TIE("conflict: equal change times, HubSpot wins"),
		/** A {@code MANUAL} conflict. */
		MANUAL("conflict: MANUAL, for review"),
		/** The winner would write the side the field does not flow to. */
		ONE_WAY("one-way field: the other side is not written");

		private final String text;

		Reason(String text) {
			this.text = text;
		}

		/**
		 * Returns the reason as the sync log writes it.
		 * @return the text
		 */
		public String text() {
			return this.text;
		}

	}

}
