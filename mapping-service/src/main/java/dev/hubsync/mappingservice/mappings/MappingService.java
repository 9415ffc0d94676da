package dev.hubsync.mappingservice.mappings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hubsync.events.local.ColumnType;
import dev.hubsync.events.mapping.FieldMapping;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.hubspot.properties.PropertyCreate;
import dev.hubsync.hubspot.properties.PropertyDefinition;
import dev.hubsync.hubspot.properties.PropertyOption;
import dev.hubsync.mapping.MappingFiles;
import dev.hubsync.mapping.MappingProblem;
import dev.hubsync.mapping.MappingValidator;
import dev.hubsync.mapping.inference.ColumnInfo;
import dev.hubsync.mapping.inference.Suggestion;
import dev.hubsync.mapping.inference.Suggestions;
import dev.hubsync.mappingservice.MappingServiceProperties;
import dev.hubsync.mappingservice.publish.MappingPublisher;
import dev.hubsync.mappingservice.store.MappingStore;
import dev.hubsync.mappingservice.store.StoredMapping;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;

/**
 * What the admin API and start-up do with mappings: validate (compiled, then against the
 * platform table and HubSpot's live properties), save as the next version, publish; seed
 * from and reload the mapping file; suggest; create the HubSpot properties HubSync needs.
 */
@Service
public class MappingService {

	/** Transforms whose properties HubSpot defines and HubSync must not create. */
	private static final Set<String> LOOKED_UP = Set.of("owner", "stage");

	private static final Logger logger = LoggerFactory.getLogger(MappingService.class);

	private final MappingStore store;

	private final MappingPublisher publisher;

	private final PlatformSchema platform;

	private final HubSpotSchema hubspot;

	private final MappingServiceProperties properties;

	private final ResourceLoader resources;

	private final Clock clock;

	MappingService(MappingStore store, MappingPublisher publisher, PlatformSchema platform, HubSpotSchema hubspot,
			MappingServiceProperties properties, ResourceLoader resources, Clock clock) {
		this.store = store;
		this.publisher = publisher;
		this.platform = platform;
		this.hubspot = hubspot;
		this.properties = properties;
		this.resources = resources;
		this.clock = clock;
	}

	/**
	 * Reads a mapping sent to the API.
	 * @param objectTypeId the object type of the path
	 * @param body the request body
	 * @param by who sends it
	 * @return the mapping (version placeholder)
	 * @throws MappingRejectedException when it cannot be read or names another object
	 * type
	 */
	public MappingConfig draft(String objectTypeId, JsonNode body, String by) {
		if (body instanceof tools.jackson.databind.node.ObjectNode object && !object.has("objectTypeId")) {
			object.put("objectTypeId", objectTypeId);
		}
		MappingConfig draft;
		try {
			draft = MappingFiles.draft(body, "body", this.clock.instant(), by);
		}
		catch (dev.hubsync.mapping.MappingException ex) {
			throw new MappingRejectedException("the mapping cannot be read", ex.problems());
		}
		if (!draft.objectTypeId().equals(objectTypeId)) {
			throw new MappingRejectedException("the mapping is for another object type",
					List.of(MappingProblem.error("objectTypeId",
							"the body maps " + draft.objectTypeId() + " but the path names " + objectTypeId)));
		}
		return draft;
	}

	/**
	 * Validates a mapping: compiled, against the platform table and, when configured,
	 * HubSpot's live properties.
	 * @param draft the mapping
	 * @return every problem, errors and warnings
	 * @throws HubSpotUnavailableException when HubSpot cannot be asked
	 */
	public List<MappingProblem> validate(MappingConfig draft) {
		Map<String, ColumnInfo> columns = this.platform.columns(draft.platformTable());
		if (!this.properties.validateAgainstHubSpot()) {
			List<MappingProblem> problems = new ArrayList<>(
					MappingValidator.validate(draft, columns, Map.of(), this.properties.allowedSchemas()));
			problems.removeIf((problem) -> problem.message().startsWith("HubSpot has no property")
					|| problem.path().equals("hubspot") || problem.path().startsWith("constants."));
			return problems;
		}
		List<MappingProblem> problems = new ArrayList<>(MappingValidator.validate(draft, columns,
				this.hubspot.properties(draft.objectTypeId()), this.properties.allowedSchemas()));
		if (draft.fields().stream().anyMatch((field) -> field.transform().type().equals("stage"))) {
			problems.addAll(MappingValidator.validateStages(draft, this.hubspot.pipelines(draft.objectTypeId())));
		}
		return problems;
	}

	/**
	 * Validates and saves a mapping as the next version, then publishes it.
	 * @param draft the mapping
	 * @param source {@code api} or {@code file}
	 * @param expectedLatest the version the caller edited, or null
	 * @return the saved version, whether it is published, and the warnings
	 * @throws MappingRejectedException with the problems when it has errors
	 */
	public Saved save(MappingConfig draft, String source, @Nullable Long expectedLatest) {
		List<MappingProblem> problems = validate(draft);
		if (MappingValidator.hasErrors(problems)) {
			throw new MappingRejectedException("the mapping of " + draft.objectTypeId() + " is invalid", problems);
		}
		StoredMapping stored = this.store.append(draft, source,
				(draft.updatedBy() != null) ? draft.updatedBy() : source, expectedLatest, this.clock.instant());
		boolean published = this.publisher.publish(stored.config());
		return new Saved(stored.config(), published, problems);
	}

	/**
	 * Gives every object type of the mapping file without a stored mapping the file's,
	 * checked only by compiling it (HubSpot may not be reachable at start-up).
	 */
	public void seed() {
		for (MappingConfig config : readFile()) {
			if (this.store.latest(config.objectTypeId()).isPresent()) {
				continue;
			}
			List<MappingProblem> problems = MappingValidator.validate(config,
					this.platform.columns(config.platformTable()), Map.of(), this.properties.allowedSchemas());
			problems.removeIf((problem) -> problem.message().startsWith("HubSpot has no property")
					|| problem.path().equals("hubspot") || problem.path().startsWith("constants."));
			if (MappingValidator.hasErrors(problems)) {
				logger.error("Not seeding {} from {}: {}", config.objectTypeId(), this.properties.file(), problems);
				continue;
			}
			StoredMapping stored;
			try {
				stored = this.store.append(config, "file", "file", 0L, this.clock.instant());
			}
			catch (dev.hubsync.mappingservice.store.StaleVersionException ex) {
				continue; // another instance seeded it meanwhile
			}
			logger.info("Seeded mapping {} version {} from {}", config.objectTypeId(), stored.config().version(),
					this.properties.file());
		}
	}

	/**
	 * Applies the mapping file as new versions where it differs from the latest.
	 * @return what happened per object type
	 */
	public List<Reloaded> reload() {
		List<Reloaded> outcomes = new ArrayList<>();
		for (MappingConfig config : readFile()) {
			Optional<StoredMapping> latest = this.store.latest(config.objectTypeId());
			if (latest.isPresent() && sameContent(latest.get().config(), config)) {
				outcomes.add(new Reloaded(config.objectTypeId(), latest.get().config().version(), false));
				continue;
			}
			Saved saved = save(config, "file", null);
			outcomes.add(new Reloaded(config.objectTypeId(), saved.config().version(), true));
		}
		return outcomes;
	}

	/**
	 * Proposes field mappings for a table and an object type, by name similarity.
	 * @param objectTypeId the object type
	 * @param table the platform table
	 * @return the proposals
	 * @throws MappingRejectedException when the table does not exist
	 */
	public List<Suggestion> suggest(String objectTypeId, String table) {
		Map<String, ColumnInfo> columns = this.platform.columns(table);
		if (columns == null) {
			throw new MappingRejectedException("no such table",
					List.of(MappingProblem.error("table", "table " + table + " does not exist")));
		}
		Optional<StoredMapping> current = this.store.latest(objectTypeId)
			.filter((stored) -> sameTable(stored.config().platformTable(), table));
		List<ColumnInfo> candidates = new ArrayList<>();
		for (ColumnInfo column : columns.values()) {
			boolean bookkeeping = Set.of("id", "created_at", "updated_at", "deleted_at").contains(column.name());
			if (!bookkeeping && !isMapped(current, column.name())) {
				candidates.add(column);
			}
		}
		return Suggestions.suggest(candidates, List.copyOf(this.hubspot.properties(objectTypeId).values()));
	}

	/**
	 * Creates, unless they exist, the properties HubSync needs ({@code hubsync_record_id}
	 * with unique values, {@code hubsync_source_system}) in group {@code hubsync} on
	 * every mapped object type, and, when asked, the properties mappings reference but
	 * HubSpot lacks.
	 * @param includeMapped whether to create the mapped properties HubSpot lacks
	 * @return the created properties per object type
	 */
	public Map<String, List<String>> createProperties(boolean includeMapped) {
		Map<String, List<String>> created = new java.util.LinkedHashMap<>();
		for (StoredMapping stored : this.store.latestOfEach()) {
			MappingConfig config = stored.config();
			List<PropertyCreate> wanted = new ArrayList<>();
			wanted.add(PropertyCreate.text("hubsync_record_id", "HubSync record id", HubSpotSchema.GROUP, true));
			wanted
				.add(PropertyCreate.text("hubsync_source_system", "HubSync source system", HubSpotSchema.GROUP, false));
			if (includeMapped) {
				Map<String, PropertyDefinition> existing = this.hubspot.properties(config.objectTypeId());
				Map<String, ColumnInfo> columns = this.platform.columns(config.platformTable());
				for (FieldMapping field : config.fields()) {
					// owner and stage properties are HubSpot's (owners, pipelines): never
					// made
					if (!existing.containsKey(field.property()) && !LOOKED_UP.contains(field.transform().type())) {
						ColumnInfo column = (columns != null) ? columns.get(field.column()) : null;
						wanted.add(propertyFor(field, (column != null) ? column.type() : ColumnType.TEXT));
					}
				}
			}
			created.put(config.objectTypeId(), this.hubspot.ensure(config.objectTypeId(), wanted));
		}
		return created;
	}

	/**
	 * Returns the latest version of an object type.
	 * @param objectTypeId the object type
	 * @return the version, if any
	 */
	public Optional<StoredMapping> latest(String objectTypeId) {
		return this.store.latest(objectTypeId);
	}

	static PropertyCreate propertyFor(FieldMapping field, ColumnType column) {
		String label = field.column().replace('_', ' ');
		String type;
		String fieldType;
		List<PropertyOption> options = null;
		switch (field.transform().type()) {
			case "number" -> {
				type = "number";
				fieldType = "number";
			}
			case "boolean" -> {
				type = "bool";
				fieldType = "booleancheckbox";
				options = List.of(PropertyOption.of("Yes", "true"), PropertyOption.of("No", "false"));
			}
			case "date" -> {
				type = "date";
				fieldType = "date";
			}
			case "datetime" -> {
				type = "datetime";
				fieldType = "date";
			}
			case "enum", "multiselect" -> {
				type = "enumeration";
				fieldType = field.transform().type().equals("enum") ? "select" : "checkbox";
				options = field.transform()
					.values()
					.values()
					.stream()
					.sorted()
					.map((value) -> PropertyOption.of(value, value))
					.toList();
			}
			default -> {
				type = "string";
				fieldType = (column == ColumnType.JSON) ? "textarea" : "text";
			}
		}
		return new PropertyCreate(field.property(), Character.toUpperCase(label.charAt(0)) + label.substring(1), type,
				fieldType, HubSpotSchema.GROUP, "Synced by HubSync from the platform's " + field.column(), options,
				null, null, false);
	}

	private boolean sameTable(String a, String b) {
		String schema = this.properties.defaultSchema() + ".";
		return (a.contains(".") ? a : schema + a).equals(b.contains(".") ? b : schema + b);
	}

	private static boolean isMapped(Optional<StoredMapping> mapping, String column) {
		return mapping
			.map((stored) -> stored.config().fields().stream().anyMatch((f) -> f.column().equals(column))
					|| stored.config().associations().stream().anyMatch((a) -> a.column().equals(column)))
			.orElse(false);
	}

	static boolean sameContent(MappingConfig a, MappingConfig b) {
		Instant epoch = Instant.EPOCH;
		return a.withVersion(1, epoch, null).equals(b.withVersion(1, epoch, null));
	}

	private List<MappingConfig> readFile() {
		String location = this.properties.file();
		if (location.isBlank()) {
			return List.of();
		}
		Resource resource = this.resources.getResource(location);
		if (!resource.exists()) {
			throw new IllegalStateException("hubsync.mapping.file: " + location + " does not exist");
		}
		try (InputStream in = resource.getInputStream()) {
			return MappingFiles.read(in, location, this.clock.instant());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("hubsync.mapping.file: " + location + " cannot be read", ex);
		}
	}

	/**
	 * A saved version.
	 *
	 * @param config the version
	 * @param published whether Kafka acknowledged it
	 * @param warnings the warnings validation found
	 */
	public record Saved(MappingConfig config, boolean published, List<MappingProblem> warnings) {
	}

	/**
	 * What a reload did to one object type.
	 *
	 * @param objectTypeId the object type
	 * @param version the version in force afterwards
	 * @param changed whether the file made a new version
	 */
	public record Reloaded(String objectTypeId, long version, boolean changed) {
	}

}
