package dev.hubsync.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.AssociationMapping;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.mapping.UnmappedValueRule;
import dev.hubsync.hubspot.pipelines.Pipeline;
import dev.hubsync.hubspot.properties.PropertyDefinition;
import dev.hubsync.hubspot.properties.PropertyOption;
import dev.hubsync.mapping.inference.ColumnInfo;
import dev.hubsync.mapping.inference.TypeInference;
import org.jspecify.annotations.Nullable;

/**
 * Checks a mapping against the live schemas: the platform table's columns and HubSpot's
 * property definitions. Finds every problem at once — a missing table, column or
 * property, a transform that does not fit the types, a read-only property written to,
 * enumeration values HubSpot does not have (errors), and HubSpot options no platform
 * value maps to (warnings: such values are dead-lettered when they arrive).
 */
public final class MappingValidator {

	/**
	 * Transforms whose HubSpot values are looked up (owner ids, stage ids), not options
	 * the value map names.
	 */
	private static final Set<String> LOOKED_UP = Set.of("owner", "stage");

	/** The properties HubSync itself needs on every synced object type. */
	public static final Set<String> SYNC_PROPERTIES = Set.of("hubsync_record_id", "hubsync_source_system");

	private MappingValidator() {
	}

	/**
	 * Validates a mapping.
	 * @param config the mapping
	 * @param columns the platform table's columns by name; null when the table does not
	 * exist
	 * @param properties HubSpot's properties of the object type by name
	 * @return the problems, errors and warnings; empty when all is well
	 */
	public static List<MappingProblem> validate(MappingConfig config, @Nullable Map<String, ColumnInfo> columns,
			Map<String, PropertyDefinition> properties) {
		return validate(config, columns, properties, null);
	}

	/**
	 * Validates a mapping whose table must be in one of some schemas.
	 * @param config the mapping
	 * @param columns the platform table's columns by name; null when the table does not
	 * exist
	 * @param properties HubSpot's properties of the object type by name
	 * @param allowedSchemas the schemas a mapping may name; {@code null}: any but the
	 * reserved ones
	 * @return the problems, errors and warnings; empty when all is well
	 */
	public static List<MappingProblem> validate(MappingConfig config, @Nullable Map<String, ColumnInfo> columns,
			Map<String, PropertyDefinition> properties, @Nullable Collection<String> allowedSchemas) {
		List<MappingProblem> problems = new ArrayList<>();
		Map<String, ColumnType> types = new HashMap<>();
		if (columns != null) {
			columns.forEach((name, column) -> types.put(name, column.type()));
		}
		try {
			MappingCompiler.compile(config, types, allowedSchemas);
		}
		catch (MappingException ex) {
			problems.addAll(ex.problems());
		}
		if (columns == null) {
			problems.add(MappingProblem.error("platformTable", "table " + config.platformTable() + " does not exist"));
		}
		else {
			checkTableColumns(config, columns, problems);
		}
		for (int i = 0; i < config.fields().size(); i++) {
			FieldMapping field = config.fields().get(i);
			String path = MappingCompiler.path(i, field);
			ColumnInfo column = (columns != null) ? columns.get(field.column()) : null;
			PropertyDefinition property = properties.get(field.property());
			if (columns != null && column == null) {
				problems.add(MappingProblem.error(path,
						"column " + field.column() + " does not exist in " + config.platformTable()));
			}
			if (property == null) {
				problems.add(MappingProblem.error(path, "HubSpot has no property " + field.property()
						+ " on this object type (create it, or ask the service to)"));
				continue;
			}
			if (field.direction().toHubSpot() && !property.writable()) {
				problems.add(MappingProblem.error(path,
						"property " + field.property() + " is read-only in HubSpot; map it TO_PLATFORM"));
			}
			if (column != null) {
				String misfit = TypeInference.misfit(field.transform().type(), column, property);
				if (misfit != null) {
					problems.add(MappingProblem.error(path, misfit));
				}
			}
			if (property.type().equals("enumeration") && !LOOKED_UP.contains(field.transform().type())) {
				checkOptions(path, field, property, problems);
			}
			if (column != null && field.direction().toPlatform()) {
				checkBounds(path, config, field, column, property, problems);
			}
		}
		if (columns != null) {
			checkUnfilledColumns(config, columns, problems);
		}
		config.constants().forEach((name, value) -> {
			PropertyDefinition property = properties.get(name);
			if (property == null) {
				problems.add(MappingProblem.error("constants." + name, "HubSpot has no property " + name));
			}
			else if (property.type().equals("enumeration") && !options(property).contains(value)) {
				problems.add(MappingProblem.error("constants." + name,
						"'" + value + "' is not an option of " + name + " (options: " + options(property) + ")"));
			}
		});
		for (String name : SYNC_PROPERTIES) {
			if (!properties.containsKey(name)) {
				problems.add(MappingProblem.warning("hubspot", "property " + name
						+ " is missing; the sync needs it (POST /api/hubspot/properties creates it)"));
			}
		}
		return problems;
	}

	/**
	 * Checks a mapping's {@code stage} fields against the object type's pipelines, read
	 * live (stage ids and labels are the portal's): the pipeline each names must exist,
	 * and every stage label its value map names must be one of the pipeline's stages
	 * (errors); stages no product status maps to are set aside when they come (warning).
	 * @param config the mapping
	 * @param pipelines the object type's pipelines
	 * @return the problems
	 */
	public static List<MappingProblem> validateStages(MappingConfig config, List<Pipeline> pipelines) {
		List<MappingProblem> problems = new ArrayList<>();
		for (int i = 0; i < config.fields().size(); i++) {
			FieldMapping field = config.fields().get(i);
			if (!field.transform().type().equals("stage")) {
				continue;
			}
			String path = MappingCompiler.path(i, field);
			String name = field.transform().options().get("pipeline");
			Pipeline pipeline = pipelines.stream()
				.filter((candidate) -> candidate.label().equals(name) || candidate.id().equals(name))
				.findFirst()
				.orElse(null);
			if (pipeline == null) {
				problems.add(MappingProblem.error(path, "HubSpot has no pipeline '" + name + "' for this object type"
						+ " (pipelines: " + pipelines.stream().map(Pipeline::label).toList() + ")"));
				continue;
			}
			Set<String> labels = new TreeSet<>();
			pipeline.stages()
				.stream()
				.filter((stage) -> !stage.archived())
				.forEach((stage) -> labels.add(stage.label()));
			Set<String> unknown = new TreeSet<>(field.transform().values().values());
			unknown.removeAll(labels);
			if (!unknown.isEmpty()) {
				problems.add(MappingProblem.error(path,
						"pipeline '" + pipeline.label() + "' has no stages " + unknown + " (stages: " + labels + ")"));
			}
			Set<String> unmapped = new TreeSet<>(labels);
			unmapped.removeAll(field.transform().values().values());
			if (!field.transform().values().isEmpty() && field.direction().toPlatform() && !unmapped.isEmpty()) {
				problems.add(MappingProblem.warning(path, "stages " + unmapped + " of pipeline '" + pipeline.label()
						+ "' map to no product status; records in them are refused for this field"));
			}
		}
		return problems;
	}

	/**
	 * Tells whether problems include an error.
	 * @param problems the problems
	 * @return whether any is an error
	 */
	public static boolean hasErrors(List<MappingProblem> problems) {
		return problems.stream().anyMatch((problem) -> problem.severity() == MappingProblem.Severity.ERROR);
	}

	/**
	 * Warns where a HubSpot value the field brings may not fit the product's column: a
	 * NOT NULL column (HubSpot records may lack the property, and a clear is a change), a
	 * bounded text, a bounded number. Such values set their record aside when they come.
	 */
	private static void checkBounds(String path, MappingConfig config, FieldMapping field, ColumnInfo column,
			PropertyDefinition property, List<MappingProblem> problems) {
		String c = field.column();
		String p = field.property();
		if (!column.nullable() && !c.equals(config.keyColumn())) {
			problems.add(MappingProblem.warning(path, "column " + c + " is NOT NULL, and HubSpot records may leave " + p
					+ " empty (never set, or cleared): such records are set aside when they reach the product; allow"
					+ " NULL in " + c + ", or map the field TO_HUBSPOT"));
		}
		if (column.maxLength() != null && !property.type().equals("enumeration") && !property.type().equals("number")) {
			problems.add(MappingProblem.warning(path,
					"column " + c + " (" + column.sqlType() + ") holds at most " + column.maxLength()
							+ " characters and HubSpot's " + p + " up to 65,536: a longer value sets its record aside;"
							+ " widen " + c + " (text), or map the field TO_HUBSPOT"));
		}
		if (column.precision() != null && property.type().equals("number")) {
			int scale = (column.scale() != null) ? column.scale() : 0;
			problems
				.add(MappingProblem.warning(path, "column " + c + " (" + column.sqlType() + ") holds numbers below 10^"
						+ (column.precision() - scale) + " with " + scale + " decimals, and HubSpot's " + p
						+ " has no bounds: a larger number sets its record aside, and more decimals are rounded"
						+ " (the rounded value may then go back to HubSpot); use numeric without precision for " + c));
		}
	}

	/**
	 * Warns about NOT NULL columns without a default that no field fills: every row the
	 * inbound direction would create is refused.
	 */
	private static void checkUnfilledColumns(MappingConfig config, Map<String, ColumnInfo> columns,
			List<MappingProblem> problems) {
		if (config.fields().stream().noneMatch((field) -> field.direction().toPlatform())) {
			return;
		}
		Set<String> filled = new java.util.HashSet<>();
		config.fields().forEach((field) -> filled.add(field.column()));
		config.associations().forEach((association) -> filled.add(association.column()));
		filled.add(config.keyColumn());
		for (ColumnInfo column : columns.values()) {
			if (!column.nullable() && !column.hasDefault() && !filled.contains(column.name())) {
				problems.add(MappingProblem.warning("platformTable",
						"column " + column.name() + " of " + config.platformTable() + " is NOT NULL without a default"
								+ " and no field fills it: every record created from HubSpot is set aside; map a"
								+ " property to it, give it a default, or map every field TO_HUBSPOT"));
			}
		}
	}

	private static void checkTableColumns(MappingConfig config, Map<String, ColumnInfo> columns,
			List<MappingProblem> problems) {
		if (!columns.containsKey(config.keyColumn())) {
			problems.add(MappingProblem.error("keyColumn", "column " + config.keyColumn() + " does not exist"));
		}
		String changeTime = config.changeTimeColumn();
		if (changeTime != null) {
			ColumnInfo column = columns.get(changeTime);
			if (column == null) {
				problems.add(MappingProblem.error("changeTimeColumn", "column " + changeTime + " does not exist"));
			}
			else if (column.type() != ColumnType.TIMESTAMPTZ && column.type() != ColumnType.TIMESTAMP) {
				problems.add(MappingProblem.error("changeTimeColumn",
						"column " + changeTime + " is " + column.sqlType() + ", not a timestamp"));
			}
		}
		String softDelete = config.softDeleteColumn();
		if (softDelete != null && !columns.containsKey(softDelete)) {
			problems.add(MappingProblem.error("softDeleteColumn", "column " + softDelete + " does not exist"));
		}
		for (int i = 0; i < config.associations().size(); i++) {
			AssociationMapping association = config.associations().get(i);
			if (!columns.containsKey(association.column())) {
				problems.add(MappingProblem.error("associations[" + i + "] (" + association.column() + ")",
						"column " + association.column() + " does not exist"));
			}
		}
	}

	private static void checkOptions(String path, FieldMapping field, PropertyDefinition property,
			List<MappingProblem> problems) {
		Set<String> options = options(property);
		Map<String, String> values = field.transform().values();
		Set<String> unknown = new TreeSet<>();
		for (String hubspot : values.values()) {
			if (!options.contains(hubspot)) {
				unknown.add(hubspot);
			}
		}
		String defaultValue = field.transform().defaultValue();
		if (defaultValue != null && !options.contains(defaultValue)) {
			unknown.add(defaultValue);
		}
		if (!unknown.isEmpty()) {
			problems.add(MappingProblem.error(path,
					"HubSpot has no options " + unknown + " for " + property.name() + " (options: " + options + ")"));
		}
		if (!values.isEmpty() && field.direction().toPlatform()
				&& field.transform().unmapped() != UnmappedValueRule.PASS_THROUGH) {
			Set<String> unmapped = new TreeSet<>(options);
			unmapped.removeAll(values.values());
			if (!unmapped.isEmpty()) {
				problems.add(MappingProblem.warning(path,
						"HubSpot options " + unmapped + " map to no platform value; records holding them are "
								+ ((field.transform().unmapped() == UnmappedValueRule.DEFAULT) ? "given the default"
										: "dead-lettered")));
			}
		}
	}

	private static Set<String> options(PropertyDefinition property) {
		Set<String> options = new TreeSet<>();
		for (PropertyOption option : property.options()) {
			options.add(option.value());
		}
		return options;
	}

}
