package dev.hubsync.events.mapping;

import java.util.Map;

import dev.hubsync.events.EventFormatException;
import org.jspecify.annotations.Nullable;

/**
 * How a field's values convert between platform and HubSpot: a named transform (such as
 * {@code string}, {@code email}, {@code phone}, {@code number}, {@code date},
 * {@code enum}) with its options, and for enumerations the value map and what to do with
 * unmapped values.
 *
 * @param type the transform's name
 * @param options transform-specific settings (e.g. {@code region=US} for phones,
 * {@code backwards=clear-then-set} for lifecycle stages)
 * @param values for enumerations: platform value to HubSpot option value
 * @param unmapped what to do with a value the map lacks
 * @param defaultValue the value used for unmapped values when {@code unmapped} is
 * {@link UnmappedValueRule#DEFAULT}
 */
public record TransformSpec(String type, Map<String, String> options, Map<String, String> values,
		UnmappedValueRule unmapped, @Nullable String defaultValue) {

	/**
	 * Checks the type and freezes the maps.
	 * @param type the transform
	 * @param options the options
	 * @param values the value map
	 * @param unmapped the unmapped rule
	 * @param defaultValue the default
	 */
	public TransformSpec {
		EventFormatException.require(type, "transform.type");
		options = (options != null) ? Map.copyOf(options) : Map.of();
		values = (values != null) ? Map.copyOf(values) : Map.of();
		unmapped = (unmapped != null) ? unmapped : UnmappedValueRule.REJECT;
	}

	/**
	 * Returns a transform without options.
	 * @param type the transform's name
	 * @return the spec
	 */
	public static TransformSpec of(String type) {
		return new TransformSpec(type, Map.of(), Map.of(), UnmappedValueRule.REJECT, null);
	}

}
