package dev.hubsync.mapping;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.AssociationMapping;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.mapping.transform.Directories;
import dev.hubsync.mapping.transform.Transform;
import dev.hubsync.mapping.transform.Transforms;
import org.jspecify.annotations.Nullable;

/**
 * Compiles a mapping's data into a {@link CompiledMapping}, checking everything that can
 * be checked without HubSpot or the database (those are {@link MappingValidator}'s).
 * Every problem is reported, not only the first.
 */
public final class MappingCompiler {

	private MappingCompiler() {
	}

	/**
	 * Compiles a mapping whose column types are unknown (every column read as text).
	 * @param config the mapping
	 * @return the compiled mapping
	 * @throws MappingException with every problem
	 */
	public static CompiledMapping compile(MappingConfig config) {
		return compile(config, Map.of());
	}

	/**
	 * Compiles a mapping.
	 * @param config the mapping
	 * @param columnTypes the platform table's column types (missing ones are text)
	 * @return the compiled mapping
	 * @throws MappingException with every problem
	 */
	public static CompiledMapping compile(MappingConfig config, Map<String, ColumnType> columnTypes) {
		return compile(config, columnTypes, null);
	}

	/**
	 * Compiles a mapping whose table must be in one of some schemas.
	 * @param config the mapping
	 * @param columnTypes the platform table's column types (missing ones are text)
	 * @param allowedSchemas the schemas a mapping may name
	 * ({@code hubsync.mapping.allowed-schemas}); {@code null}: any but the reserved ones,
	 * which are refused always
	 * @return the compiled mapping
	 * @throws MappingException with every problem
	 */
	public static CompiledMapping compile(MappingConfig config, Map<String, ColumnType> columnTypes,
			@Nullable Collection<String> allowedSchemas) {
		return compile(config, columnTypes, allowedSchemas, Directories.NONE);
	}

	/**
	 * Compiles a mapping whose {@code owner} and {@code stage} fields look values up in
	 * directories (the worker's).
	 * @param config the mapping
	 * @param columnTypes the platform table's column types (missing ones are text)
	 * @param allowedSchemas the schemas a mapping may name; {@code null}: any but the
	 * reserved ones
	 * @param directories the owners and pipeline stages
	 * @return the compiled mapping
	 * @throws MappingException with every problem
	 */
	public static CompiledMapping compile(MappingConfig config, Map<String, ColumnType> columnTypes,
			@Nullable Collection<String> allowedSchemas, Directories directories) {
		List<MappingProblem> problems = new ArrayList<>();
		List<CompiledField> fields = new ArrayList<>();
		Set<String> columns = new HashSet<>();
		Set<String> properties = new HashSet<>();
		for (int i = 0; i < config.fields().size(); i++) {
			FieldMapping field = config.fields().get(i);
			String path = path(i, field);
			if (!Identifiers.isColumn(field.column())) {
				problems.add(MappingProblem.error(path, "'" + field.column() + "' is not a column name"));
			}
			if (!Identifiers.isProperty(field.property())) {
				problems.add(MappingProblem.error(path,
						"'" + field.property() + "' is not a HubSpot property name (lower case, [a-z][a-z0-9_]*)"));
			}
			if (!columns.add(field.column())) {
				problems.add(MappingProblem.error(path, "column " + field.column() + " is mapped twice"));
			}
			if (!properties.add(field.property())) {
				problems.add(MappingProblem.error(path, "property " + field.property() + " is mapped twice"));
			}
			if (field.rule() == ConflictRule.LATEST_WINS && config.changeTimeColumn() == null) {
				problems.add(MappingProblem.error(path, "LATEST_WINS needs the mapping's changeTimeColumn"));
			}
			ColumnType type = columnTypes.getOrDefault(field.column(), ColumnType.TEXT);
			try {
				Transform transform = Transforms.create(field.transform(), type, config.objectTypeId(), directories);
				fields.add(new CompiledField(config.objectTypeId(), field, transform, type));
			}
			catch (IllegalArgumentException ex) {
				problems.add(MappingProblem.error(path + ".transform", ex.getMessage()));
			}
		}
		for (String property : config.constants().keySet()) {
			if (properties.contains(property)) {
				problems.add(MappingProblem.error("constants." + property,
						"property " + property + " is both mapped and constant"));
			}
		}
		for (int i = 0; i < config.associations().size(); i++) {
			AssociationMapping association = config.associations().get(i);
			String path = "associations[" + i + "] (" + association.column() + ")";
			if (!ObjectTypes.isObjectTypeId(association.toObjectTypeId())) {
				problems.add(MappingProblem.error(path,
						"'" + association.toObjectTypeId() + "' is not an object type id (such as 0-2)"));
			}
			if (association.associationTypeId() <= 0) {
				problems.add(MappingProblem.error(path, "associationTypeId must be HubSpot's positive type id"));
			}
			if (columns.contains(association.column())) {
				problems.add(MappingProblem.error(path,
						"column " + association.column() + " is both a field and an association"));
			}
		}
		for (String column : config.matching().fuzzyColumns()) {
			if (!columns.contains(column)) {
				problems
					.add(MappingProblem.error("matching.fuzzyColumns", "column " + column + " is not a mapped column"));
			}
		}
		for (String column : new String[] { config.keyColumn(), config.changeTimeColumn(),
				config.softDeleteColumn() }) {
			if (column != null && !Identifiers.isColumn(column)) {
				problems.add(MappingProblem.error("table", "'" + column + "' is not a column name"));
			}
		}
		if (!Identifiers.isTable(config.platformTable())) {
			problems.add(MappingProblem.error("platformTable", "'" + config.platformTable() + "' is not a table name"));
		}
		else {
			String schema = Identifiers.schemaOf(config.platformTable());
			if (Identifiers.isReservedSchema(schema)) {
				problems.add(MappingProblem.error("platformTable", "'" + config.platformTable() + "' is in schema "
						+ schema + ", which no mapping may name (HubSync's own tables and PostgreSQL's catalogs)"));
			}
			else if (allowedSchemas != null && !allowedSchemas.contains(schema)) {
				problems.add(MappingProblem.error("platformTable", "'" + config.platformTable() + "' is in schema "
						+ schema + ", not one of hubsync.mapping.allowed-schemas " + allowedSchemas));
			}
		}
		if (!problems.isEmpty()) {
			throw new MappingException(config.objectTypeId(), problems);
		}
		return new CompiledMapping(config, fields);
	}

	static String path(int index, FieldMapping field) {
		return "fields[" + index + "] (" + field.column() + " -> " + field.property() + ")";
	}

}
