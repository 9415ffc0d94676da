package dev.hubsync.mapping.transform;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.mapping.UnmappedValueRule;
import org.jspecify.annotations.Nullable;

/**
 * Enumerations through a value map (platform value to HubSpot option value), with an
 * explicit rule for values the map lacks: reject (the record is dead-lettered with the
 * value named), pass through unchanged, or a default. An empty map is the identity (the
 * platform stores HubSpot's option values). The map must be one-to-one to be read back.
 *
 * <p>
 * The {@code order} option lists HubSpot values in their forward order (a lifecycle:
 * {@code lead,marketingqualifiedlead,…}) so a writer can tell a backwards move, which
 * HubSpot refuses for {@code lifecyclestage} unless the value is cleared first.
 */
public final class EnumTransform implements Transform {

	private final Map<String, String> toHubSpot;

	private final Map<String, String> toPlatform;

	private final UnmappedValueRule unmapped;

	private final @Nullable String hubspotDefault;

	private final @Nullable String platformDefault;

	private final Map<String, Integer> order;

	EnumTransform(Map<String, String> values, UnmappedValueRule unmapped, @Nullable String hubspotDefault,
			@Nullable String platformDefault, List<String> order) {
		this.toHubSpot = Map.copyOf(values);
		Map<String, String> reverse = new HashMap<>();
		for (Map.Entry<String, String> entry : values.entrySet()) {
			String previous = reverse.put(entry.getValue(), entry.getKey());
			if (previous != null) {
				throw new IllegalArgumentException("HubSpot value '" + entry.getValue() + "' is mapped from both '"
						+ previous + "' and '" + entry.getKey() + "': the map must be one-to-one");
			}
		}
		this.toPlatform = Map.copyOf(reverse);
		if (unmapped == UnmappedValueRule.DEFAULT && hubspotDefault == null) {
			throw new IllegalArgumentException("unmapped=DEFAULT needs a defaultValue");
		}
		this.unmapped = unmapped;
		this.hubspotDefault = hubspotDefault;
		this.platformDefault = (platformDefault != null) ? platformDefault
				: (hubspotDefault != null) ? reverse.get(hubspotDefault) : null;
		Map<String, Integer> positions = new HashMap<>();
		for (int i = 0; i < order.size(); i++) {
			positions.put(order.get(i), i);
		}
		this.order = Map.copyOf(positions);
	}

	@Override
	public String toHubSpot(Object value) {
		String platform = value.toString();
		if (this.toHubSpot.isEmpty()) {
			return platform;
		}
		String hubspot = this.toHubSpot.get(platform);
		if (hubspot != null) {
			return hubspot;
		}
		return switch (this.unmapped) {
			case PASS_THROUGH -> platform;
			case DEFAULT -> this.hubspotDefault;
			case REJECT -> throw new ConversionFailure("no HubSpot value is mapped for it");
		};
	}

	@Override
	public Object toPlatform(String value) {
		if (this.toPlatform.isEmpty()) {
			return value;
		}
		String platform = this.toPlatform.get(value);
		if (platform != null) {
			return platform;
		}
		return switch (this.unmapped) {
			case PASS_THROUGH -> value;
			case DEFAULT -> {
				if (this.platformDefault == null) {
					throw new ConversionFailure("no platform value is mapped for it and the default has none");
				}
				yield this.platformDefault;
			}
			case REJECT -> throw new ConversionFailure("no platform value is mapped for it");
		};
	}

	@Override
	public String canonical(String value) {
		return value;
	}

	/**
	 * Tells whether going from one HubSpot value to another moves backwards in the
	 * {@code order} option.
	 * @param from the current HubSpot value
	 * @param to the new one
	 * @return whether both are ordered and {@code to} comes first
	 */
	public boolean movesBackwards(@Nullable String from, @Nullable String to) {
		Integer before = (from != null) ? this.order.get(from) : null;
		Integer after = (to != null) ? this.order.get(to) : null;
		return before != null && after != null && after < before;
	}

	/**
	 * Returns the platform values the map knows.
	 * @return the platform side of the map
	 */
	public Map<String, String> values() {
		return this.toHubSpot;
	}

}
