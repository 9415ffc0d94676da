package dev.hubsync.emulator.webhooks;

import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.EmulatorProperties;
import org.jspecify.annotations.Nullable;

/**
 * The webhook settings in force: set at start from configuration, changed at run time
 * through {@code PUT /_emulator/webhooks} and {@code PUT /_emulator/faults}.
 */
public final class WebhookSettings {

	private volatile State state;

	private volatile boolean setThroughApi;

	/**
	 * Creates the settings from configuration.
	 * @param properties the configuration
	 */
	public WebhookSettings(EmulatorProperties.Webhook properties) {
		this.state = new State(properties.targetUrl(), properties.clientSecret(),
				Subscriptions.parse(properties.subscriptions()), List.copyOf(properties.signatureVersions()),
				DeliveryFaults.NONE);
	}

	/**
	 * Returns the settings in force.
	 * @return the state
	 */
	public State current() {
		return this.state;
	}

	/**
	 * Replaces the settings (faults, resets): configuration stays what it was.
	 * @param state the new state
	 */
	public void set(State state) {
		this.state = state;
	}

	/**
	 * Replaces the settings through the admin API: these outlive a restart of a durable
	 * emulator, where settings from configuration are taken from the new configuration.
	 * @param state the new state
	 */
	public void setThroughApi(State state) {
		this.state = state;
		this.setThroughApi = true;
	}

	/**
	 * Tells whether the settings were set through the admin API.
	 * @return whether they must be kept across restarts
	 */
	public boolean setThroughApi() {
		return this.setThroughApi;
	}

	/**
	 * The settings.
	 *
	 * @param targetUrl where events go; {@code null} sends nothing
	 * @param clientSecret the signing secret
	 * @param subscriptions the subscriptions
	 * @param signatureVersions the signatures sent
	 * @param faults delivery faults to inject
	 */
	public record State(@Nullable String targetUrl, String clientSecret, Subscriptions subscriptions,
			List<String> signatureVersions, DeliveryFaults faults) {

		/**
		 * Returns a copy with other faults.
		 * @param newFaults the faults
		 * @return the copy
		 */
		public State withFaults(DeliveryFaults newFaults) {
			return new State(this.targetUrl, this.clientSecret, this.subscriptions, this.signatureVersions, newFaults);
		}

	}

	/**
	 * Faults injected into deliveries.
	 *
	 * @param dropRate share of deliveries silently lost (never sent; HubSpot's lost
	 * events)
	 * @param duplicateRate share of deliveries sent twice
	 * @param reorder whether events within a batch are shuffled and batches delayed at
	 * random
	 * @param dropObjectIds records whose events are never delivered (each batch's events
	 * about them go to a delivery of their own, marked dropped), so a test knows exactly
	 * which webhooks were lost
	 */
	public record DeliveryFaults(double dropRate, double duplicateRate, boolean reorder,
			@Nullable List<Long> dropObjectIds) {

		/** No faults. */
		public static final DeliveryFaults NONE = new DeliveryFaults(0, 0, false, null);

		/**
		 * Faults without a set of records to drop.
		 * @param dropRate share of deliveries lost
		 * @param duplicateRate share sent twice
		 * @param reorder whether to reorder
		 */
		public DeliveryFaults(double dropRate, double duplicateRate, boolean reorder) {
			this(dropRate, duplicateRate, reorder, null);
		}

		/**
		 * Tells whether an event is one to drop.
		 * @param event the event
		 * @return whether it is about a record in {@code dropObjectIds}
		 */
		public boolean drops(Map<String, Object> event) {
			return this.dropObjectIds != null && event.get("objectId") instanceof Number id
					&& this.dropObjectIds.contains(id.longValue());
		}

	}

}
