package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import dev.hubsync.worker.merge.AssociationMerge.Outcome;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssociationMergeTests {

	private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

	@Test
	void aChangeOnOneSideOnlyGoesToTheOther() {
		assertThat(AssociationMerge.decide("2", "1", "1", null, null)).isEqualTo(Outcome.TO_HUBSPOT);
		assertThat(AssociationMerge.decide("1", "2", "1", null, null)).isEqualTo(Outcome.TO_PRODUCT);
		// a removal is a change
		assertThat(AssociationMerge.decide(null, "1", "1", null, null)).isEqualTo(Outcome.TO_HUBSPOT);
		assertThat(AssociationMerge.decide(null, "2", "", null, null)).isEqualTo(Outcome.TO_PRODUCT);
		assertThat(AssociationMerge.decide("3", "3", "1", null, null)).isEqualTo(Outcome.IN_SYNC);
	}

	@Test
	void onFirstLinkTheSideWithATargetGivesItAndHubSpotWinsWithoutTimes() {
		assertThat(AssociationMerge.decide("1", null, null, null, null)).isEqualTo(Outcome.TO_HUBSPOT);
		assertThat(AssociationMerge.decide(null, "1", null, null, null)).isEqualTo(Outcome.TO_PRODUCT);
		assertThat(AssociationMerge.decide("1", "2", null, T0, null)).isEqualTo(Outcome.TO_PRODUCT);
		assertThat(AssociationMerge.decide("1", "2", null, T0.plusMillis(1), T0)).isEqualTo(Outcome.TO_HUBSPOT);
	}

	@Test
	void bothChangedTheLaterWinsHubSpotOnEqualTimesAndAMissingTimeIsWaitedFor() {
		assertThat(AssociationMerge.decide("2", "3", "1", T0.plusSeconds(1), T0)).isEqualTo(Outcome.TO_HUBSPOT);
		assertThat(AssociationMerge.decide("2", "3", "1", T0, T0.plusSeconds(1))).isEqualTo(Outcome.TO_PRODUCT);
		assertThat(AssociationMerge.decide("2", "3", "1", T0, T0)).isEqualTo(Outcome.TO_PRODUCT);
		assertThat(AssociationMerge.decide("2", "3", "1", null, T0)).isEqualTo(Outcome.NEEDS_PRODUCT_TIME);
		assertThat(AssociationMerge.decide("2", "3", "1", T0, null)).isEqualTo(Outcome.NEEDS_HUBSPOT_TIME);
		assertThat(AssociationMerge.decide("2", "3", "1", null, null)).isEqualTo(Outcome.TO_PRODUCT);
	}

	/**
	 * Every history of one product change and one HubSpot change of a linked record's
	 * association (or none on either side), at every relative time, with the two
	 * directions' events processed in either order: each direction knows only its own
	 * side's change time and keeps it on the link when it must wait for the other's. Both
	 * sides end with one target, the latest change's (HubSpot's on equal times), and no
	 * history ends with both directions waiting.
	 */
	@Test
	void bothDirectionsTogetherEndWithTheLatestChangeInEveryOrder() {
		List<@Nullable String> targets = Arrays.asList(null, "1", "2", "3");
		int histories = 0;
		for (String ancestor : targets) {
			for (String product : targets) {
				for (String hubspot : targets) {
					for (long productAt = 0; productAt <= 2; productAt++) {
						for (long hubspotAt = 0; hubspotAt <= 2; hubspotAt++) {
							for (boolean outboundFirst : new boolean[] { true, false }) {
								Protocol run = new Protocol(ancestor, product, hubspot, T0.plusSeconds(productAt),
										T0.plusSeconds(hubspotAt));
								run.play(outboundFirst);
								String expected = run.expected();
								assertThat(run.product).as(run.toString()).isEqualTo(run.hubspot);
								assertThat(run.product).as(run.toString()).isEqualTo(expected);
								histories++;
							}
						}
					}
				}
			}
		}
		assertThat(histories).isEqualTo(4 * 4 * 4 * 3 * 3 * 2);
	}

	/** The two directions of one linked record, as the sync runs them. */
	private static final class Protocol {

		private final @Nullable String ancestor;

		private final @Nullable String productChange;

		private final @Nullable String hubspotChange;

		private final Instant productAt;

		private final Instant hubspotAt;

		@Nullable String product;

		@Nullable String hubspot;

		private String synced;

		private @Nullable Instant keptProduct;

		private @Nullable Instant keptHubSpot;

		private final List<String> steps = new ArrayList<>();

		Protocol(@Nullable String ancestor, @Nullable String product, @Nullable String hubspot, Instant productAt,
				Instant hubspotAt) {
			this.ancestor = ancestor;
			this.productChange = product;
			this.hubspotChange = hubspot;
			this.productAt = productAt;
			this.hubspotAt = hubspotAt;
			this.product = product;
			this.hubspot = hubspot;
			this.synced = (ancestor != null) ? ancestor : "";
		}

		boolean productChanged() {
			return !Objects.equals(this.productChange, this.ancestor);
		}

		boolean hubspotChanged() {
			return !Objects.equals(this.hubspotChange, this.ancestor);
		}

		@Nullable String expected() {
			if (productChanged() && hubspotChanged()) {
				return this.productAt.isAfter(this.hubspotAt) ? this.productChange : this.hubspotChange;
			}
			return productChanged() ? this.productChange : this.hubspotChange;
		}

		void play(boolean outboundFirst) {
			// each side's change has its event only when there was a change
			if (outboundFirst) {
				outbound(this.productChanged() ? this.productAt : null);
				inbound(this.hubspotChanged() ? this.hubspotAt : null);
			}
			else {
				inbound(this.hubspotChanged() ? this.hubspotAt : null);
				outbound(this.productChanged() ? this.productAt : null);
			}
		}

		private void outbound(@Nullable Instant eventTime) {
			if (eventTime == null && this.keptProduct == null) {
				return; // no product change event
			}
			Instant productTime = AssociationMerge.later(eventTime, this.keptProduct);
			Outcome outcome = AssociationMerge.decide(this.product, this.hubspot, this.synced, productTime,
					this.keptHubSpot);
			this.steps.add("outbound " + outcome);
			switch (outcome) {
				case TO_HUBSPOT -> settle(this.hubspot = this.product);
				case TO_PRODUCT -> settle(this.product = this.hubspot);
				case IN_SYNC -> settle(this.product);
				case NEEDS_HUBSPOT_TIME -> this.keptProduct = productTime;
				case NEEDS_PRODUCT_TIME -> throw new IllegalStateException("the outbound direction knows its time");
			}
		}

		private void inbound(@Nullable Instant eventTime) {
			if (eventTime == null) {
				return; // no association event
			}
			Instant hubspotTime = AssociationMerge.later(eventTime, this.keptHubSpot);
			boolean productChanged = !Objects.equals(this.product, this.synced.isEmpty() ? null : this.synced);
			Outcome outcome = AssociationMerge.decide(this.product, this.hubspot, this.synced, this.keptProduct,
					hubspotTime);
			this.steps.add("inbound " + outcome);
			switch (outcome) {
				case TO_PRODUCT -> settle(this.product = this.hubspot);
				case IN_SYNC -> settle(this.product);
				case TO_HUBSPOT -> {
					if (productChanged && this.keptProduct != null) {
						// both changed and the product's is later: handed to the
						// outbound direction, which decides again with both times kept
						this.keptHubSpot = hubspotTime;
						outbound(null);
					}
				}
				case NEEDS_PRODUCT_TIME -> this.keptHubSpot = hubspotTime;
				case NEEDS_HUBSPOT_TIME -> throw new IllegalStateException("the inbound direction knows its time");
			}
		}

		private void settle(@Nullable String value) {
			this.synced = (value != null) ? value : "";
			this.keptProduct = null;
			this.keptHubSpot = null;
		}

		@Override
		public String toString() {
			return "ancestor " + this.ancestor + ", product " + this.productChange + " at " + this.productAt
					+ ", HubSpot " + this.hubspotChange + " at " + this.hubspotAt + ": " + this.steps + " -> product "
					+ this.product + ", HubSpot " + this.hubspot;
		}

	}

}
