package dev.hubsync.mapping;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.mapping.transform.Directories;
import org.jspecify.annotations.Nullable;

/**
 * The mappings in force in one process, one per object type, each compiled once. Versions
 * only move forward: an offered version not above the current one is ignored, so a replay
 * of the compacted topic or a late duplicate never rolls a mapping back.
 */
public final class MappingRegistry {

	private final Map<String, CompiledMapping> current = new ConcurrentHashMap<>();

	/**
	 * The highest version a mapping may have: versions count up one by one from 1, so a
	 * version beyond this one is not HubSync's (one near {@code Long.MAX_VALUE} on the
	 * mapping topic would pin its object type's mapping for good).
	 */
	public static final long MAX_VERSION = Integer.MAX_VALUE;

	private final Function<MappingConfig, Map<String, ColumnType>> columnTypes;

	private final @Nullable Collection<String> allowedSchemas;

	private final Directories directories;

	/**
	 * Creates a registry compiling against column types it looks up per mapping (the
	 * worker reads them from the platform database).
	 * @param columnTypes the column types of a mapping's table
	 */
	public MappingRegistry(Function<MappingConfig, Map<String, ColumnType>> columnTypes) {
		this(columnTypes, null);
	}

	/**
	 * Creates a registry that also refuses mappings of tables outside some schemas.
	 * @param columnTypes the column types of a mapping's table
	 * @param allowedSchemas the schemas mappings may name; {@code null}: any but the
	 * reserved ones
	 */
	public MappingRegistry(Function<MappingConfig, Map<String, ColumnType>> columnTypes,
			@Nullable Collection<String> allowedSchemas) {
		this(columnTypes, allowedSchemas, Directories.NONE);
	}

	/**
	 * Creates a registry whose {@code owner} and {@code stage} fields look values up in
	 * directories.
	 * @param columnTypes the column types of a mapping's table
	 * @param allowedSchemas the schemas mappings may name; {@code null}: any but the
	 * reserved ones
	 * @param directories the owners and pipeline stages
	 */
	public MappingRegistry(Function<MappingConfig, Map<String, ColumnType>> columnTypes,
			@Nullable Collection<String> allowedSchemas, Directories directories) {
		this.columnTypes = columnTypes;
		this.allowedSchemas = (allowedSchemas != null) ? List.copyOf(allowedSchemas) : null;
		this.directories = directories;
	}

	/**
	 * Creates a registry that reads every column as text.
	 */
	public MappingRegistry() {
		this((config) -> Map.of());
	}

	/**
	 * Offers a version.
	 * @param config the mapping
	 * @return what happened
	 */
	public Offer offer(MappingConfig config) {
		CompiledMapping existing = this.current.get(config.objectTypeId());
		if (config.version() < 1 || config.version() > MAX_VERSION) {
			return new Offer(Offer.Outcome.INVALID, (existing != null) ? existing.version() : 0,
					List.of(MappingProblem.error("version", "version " + config.version()
							+ " is not a mapping version (1 to " + MAX_VERSION + "); the version in force stays")));
		}
		if (existing != null && existing.version() >= config.version()) {
			return new Offer(Offer.Outcome.STALE, existing.version(), List.of());
		}
		CompiledMapping compiled;
		try {
			compiled = MappingCompiler.compile(config, this.columnTypes.apply(config), this.allowedSchemas,
					this.directories);
		}
		catch (MappingException ex) {
			return new Offer(Offer.Outcome.INVALID, (existing != null) ? existing.version() : 0, ex.problems());
		}
		CompiledMapping winner = this.current.merge(config.objectTypeId(), compiled,
				(old, offered) -> (offered.version() > old.version()) ? offered : old);
		return (winner == compiled) ? new Offer(Offer.Outcome.APPLIED, compiled.version(), List.of())
				: new Offer(Offer.Outcome.STALE, winner.version(), List.of());
	}

	/**
	 * Returns the mapping of an object type.
	 * @param objectTypeId the object type
	 * @return the mapping, if one was applied
	 */
	public Optional<CompiledMapping> get(String objectTypeId) {
		return Optional.ofNullable(this.current.get(objectTypeId));
	}

	/**
	 * Returns the mapping of a platform table.
	 * @param table the table, as in the mapping or without its schema
	 * @return the mapping, if one maps the table
	 */
	public Optional<CompiledMapping> forTable(String table) {
		for (CompiledMapping mapping : this.current.values()) {
			String mapped = mapping.config().platformTable();
			if (mapped.equals(table) || mapped.endsWith("." + table)) {
				return Optional.of(mapping);
			}
		}
		return Optional.empty();
	}

	/**
	 * Returns every mapping in force.
	 * @return the mappings
	 */
	public Collection<CompiledMapping> all() {
		return List.copyOf(this.current.values());
	}

	/**
	 * The outcome of an offer.
	 *
	 * @param outcome what happened
	 * @param versionInForce the version in force afterwards (0: none)
	 * @param problems why it was invalid
	 */
	public record Offer(Outcome outcome, long versionInForce, List<MappingProblem> problems) {

		/** What happened to an offered version. */
		public enum Outcome {

			/** It is now in force. */
			APPLIED,

			/** A version at least as new was already in force. */
			STALE,

			/** It does not compile; the previous version stays in force. */
			INVALID

		}

	}

}
