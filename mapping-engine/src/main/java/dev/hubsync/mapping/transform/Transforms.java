package dev.hubsync.mapping.transform;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.TransformSpec;

/**
 * Builds transforms from their specification. Names and options:
 * <ul>
 * <li>{@code string}: {@code trim} (true), {@code case} (none, upper, lower)</li>
 * <li>{@code email}</li>
 * <li>{@code phone}: {@code region} (US) for numbers without a country code</li>
 * <li>{@code number}: {@code scale} for numeric columns</li>
 * <li>{@code boolean}</li>
 * <li>{@code date}, {@code datetime}: {@code zone} (UTC) for timestamps without time
 * zone</li>
 * <li>{@code enum}: value map, unmapped rule, default; {@code order},
 * {@code platform-default}, {@code backwards}</li>
 * <li>{@code multiselect}: as {@code enum}, per element</li>
 * <li>{@code json}</li>
 * <li>{@code owner}: a product user's key and HubSpot's owner id, matched by email
 * through the {@link OwnerDirectory}</li>
 * <li>{@code stage}: {@code pipeline} (required, the pipeline's label or id); value map
 * from product status to stage label, stage ids from the {@link StageDirectory}</li>
 * </ul>
 * An unknown name or option is refused: a typo must not silently change behaviour.
 */
public final class Transforms {

	/** The transform names. */
	public static final Set<String> NAMES = Set.of("string", "email", "phone", "number", "boolean", "date", "datetime",
			"enum", "multiselect", "json", "owner", "stage");

	private static final Map<String, Set<String>> OPTIONS = Map.ofEntries(Map.entry("string", Set.of("trim", "case")),
			Map.entry("email", Set.of()), Map.entry("phone", Set.of("region")), Map.entry("number", Set.of("scale")),
			Map.entry("boolean", Set.of()), Map.entry("date", Set.of("zone")), Map.entry("datetime", Set.of("zone")),
			Map.entry("enum", Set.of("order", "platform-default", "backwards")),
			Map.entry("multiselect", Set.of("platform-default")), Map.entry("json", Set.of()),
			Map.entry("owner", Set.of()), Map.entry("stage", Set.of("pipeline")));

	/** The transforms that take a value map. */
	private static final Set<String> WITH_VALUES = Set.of("enum", "multiselect", "stage");

	private Transforms() {
	}

	/**
	 * Builds a transform whose lookups ({@code owner}, {@code stage}) refuse every value:
	 * for checking a mapping.
	 * @param spec the specification
	 * @param column the platform column's type ({@link ColumnType#TEXT} when unknown)
	 * @return the transform
	 * @throws IllegalArgumentException naming what is wrong with the specification
	 */
	public static Transform create(TransformSpec spec, ColumnType column) {
		return create(spec, column, "", Directories.NONE);
	}

	/**
	 * Builds a transform.
	 * @param spec the specification
	 * @param column the platform column's type ({@link ColumnType#TEXT} when unknown)
	 * @param objectTypeId the mapping's object type (the {@code stage} transform's
	 * pipelines are the type's)
	 * @param directories what {@code owner} and {@code stage} look values up in
	 * @return the transform
	 * @throws IllegalArgumentException naming what is wrong with the specification
	 */
	public static Transform create(TransformSpec spec, ColumnType column, String objectTypeId,
			Directories directories) {
		Set<String> allowed = OPTIONS.get(spec.type());
		if (allowed == null) {
			throw new IllegalArgumentException("unknown transform '" + spec.type() + "' (one of "
					+ String.join(", ", NAMES.stream().sorted().toList()) + ")");
		}
		for (String option : spec.options().keySet()) {
			if (!allowed.contains(option)) {
				throw new IllegalArgumentException("transform '" + spec.type() + "' has no option '" + option + "'"
						+ (allowed.isEmpty() ? "" : " (it has " + String.join(", ", allowed) + ")"));
			}
		}
		if (!spec.values().isEmpty() && !WITH_VALUES.contains(spec.type())) {
			throw new IllegalArgumentException("only enum, multiselect and stage transforms take a value map");
		}
		Map<String, String> options = spec.options();
		return switch (spec.type()) {
			case "string" -> new TextTransform(!"false".equals(options.get("trim")),
					oneOf(options.getOrDefault("case", "none"), "case", "none", "upper", "lower"), column);
			case "email" -> new EmailTransform();
			case "phone" -> new PhoneTransform(options.getOrDefault("region", "US"));
			case "number" -> new NumberTransform(column,
					options.containsKey("scale") ? integer(options.get("scale"), "scale") : null);
			case "boolean" -> new BooleanTransform(column);
			case "date" -> new DateTransform(column, zone(options));
			case "datetime" -> new DateTimeTransform(column, zone(options));
			case "enum" -> enumeration(spec);
			case "multiselect" -> new MultiSelectTransform(enumeration(spec), column);
			case "owner" -> new OwnerTransform(column, directories.owners());
			case "stage" -> stage(spec, column, objectTypeId, directories);
			default -> new JsonTransform();
		};
	}

	private static EnumTransform enumeration(TransformSpec spec) {
		String order = spec.options().get("order");
		List<String> ordered = (order != null) ? Arrays.stream(order.split(",")).map(String::strip).toList()
				: List.of();
		String backwards = spec.options().get("backwards");
		if (backwards != null) {
			oneOf(backwards, "backwards", "reject", "clear-then-set");
			if (ordered.isEmpty()) {
				throw new IllegalArgumentException("option 'backwards' needs option 'order'");
			}
		}
		return new EnumTransform(spec.values(), spec.unmapped(), spec.defaultValue(),
				spec.options().get("platform-default"), ordered);
	}

	private static StageTransform stage(TransformSpec spec, ColumnType column, String objectTypeId,
			Directories directories) {
		String pipeline = spec.options().get("pipeline");
		if (pipeline == null || pipeline.isBlank()) {
			throw new IllegalArgumentException(
					"transform 'stage' needs option 'pipeline' (the pipeline's label or id)");
		}
		if (column != ColumnType.TEXT) {
			throw new IllegalArgumentException("transform 'stage' needs a text column, not " + column);
		}
		return new StageTransform(objectTypeId, pipeline, spec.values(), directories.stages());
	}

	private static ZoneId zone(Map<String, String> options) {
		String zone = options.get("zone");
		if (zone == null) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(zone);
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("unknown time zone '" + zone + "'");
		}
	}

	private static int integer(String value, String option) {
		try {
			int number = Integer.parseInt(value);
			if (number < 0) {
				throw new IllegalArgumentException("option '" + option + "' must not be negative");
			}
			return number;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("option '" + option + "' must be a whole number, was '" + value + "'");
		}
	}

	private static String oneOf(String value, String option, String... allowed) {
		for (String candidate : allowed) {
			if (candidate.equals(value)) {
				return value;
			}
		}
		throw new IllegalArgumentException(
				"option '" + option + "' must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
	}

}
