package dev.hubsync.mappingservice.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hubsync.adminauth.ApiKeyFilter;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.mapping.MappingProblem;
import dev.hubsync.mapping.MappingValidator;
import dev.hubsync.mapping.inference.Suggestion;
import dev.hubsync.mappingservice.api.ApiErrors.NotFoundException;
import dev.hubsync.mappingservice.mappings.MappingService;
import dev.hubsync.mappingservice.store.MappingStore;
import dev.hubsync.mappingservice.store.StoredMapping;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The mappings' admin API. Object types are named ({@code contacts}) or by id
 * ({@code 0-1}).
 */
@RestController
@RequestMapping("/api")
@Tag(name = "mappings", description = "Field mappings between platform tables and HubSpot objects, versioned")
class MappingController {

	private final MappingService mappings;

	private final MappingStore store;

	MappingController(MappingService mappings, MappingStore store) {
		this.mappings = mappings;
		this.store = store;
	}

	@GetMapping("/mappings")
	@Operation(summary = "The latest version of every object type's mapping")
	List<Summary> list() {
		return this.store.latestOfEach().stream().map(Summary::of).toList();
	}

	@GetMapping("/mappings/{objectType}")
	@Operation(summary = "The latest version of a mapping")
	MappingConfig get(@PathVariable @Parameter(example = "contacts") String objectType) {
		String type = objectType(objectType);
		return this.store.latest(type)
			.map(StoredMapping::config)
			.orElseThrow(() -> new NotFoundException("no mapping for " + type));
	}

	@GetMapping("/mappings/{objectType}/versions")
	@Operation(summary = "Every version of a mapping, newest first")
	List<Summary> versions(@PathVariable String objectType) {
		return this.store.versions(objectType(objectType)).stream().map(Summary::of).toList();
	}

	@GetMapping("/mappings/{objectType}/versions/{version}")
	@Operation(summary = "One version of a mapping")
	MappingConfig version(@PathVariable String objectType, @PathVariable long version) {
		String type = objectType(objectType);
		return this.store.version(type, version)
			.map(StoredMapping::config)
			.orElseThrow(() -> new NotFoundException("no version " + version + " of the mapping of " + type));
	}

	@PutMapping("/mappings/{objectType}")
	@Operation(summary = "Save a mapping as the next version and publish it",
			description = "Validated against the platform table and HubSpot's live properties; 400 with every problem"
					+ " when invalid (nothing saved). If-Match: the version edited; 409 when it is no longer the latest."
					+ " 202 when saved but Kafka has not acknowledged it yet (it is published as soon as it can be).")
	ResponseEntity<SaveResult> put(@PathVariable String objectType, @RequestBody JsonNode body,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch, HttpServletRequest request) {
		String type = objectType(objectType);
		// the version records who saved it: the key's name (and the console's person)
		MappingConfig draft = this.mappings.draft(type, body, ApiKeyFilter.actor(request));
		MappingService.Saved saved = this.mappings.save(draft, "api", expected(ifMatch));
		SaveResult result = new SaveResult(type, saved.config().version(), saved.published(), saved.warnings());
		return ResponseEntity.status(saved.published() ? HttpStatus.OK : HttpStatus.ACCEPTED)
			.eTag("\"" + saved.config().version() + "\"")
			.body(result);
	}

	@PostMapping("/mappings/{objectType}/validate")
	@Operation(summary = "Validate a mapping without saving it")
	Validation validate(@PathVariable String objectType, @RequestBody JsonNode body) {
		MappingConfig draft = this.mappings.draft(objectType(objectType), body, "api");
		List<MappingProblem> problems = this.mappings.validate(draft);
		return new Validation(!MappingValidator.hasErrors(problems), problems);
	}

	@PostMapping("/mappings/reload")
	@Operation(summary = "Apply the mapping file as new versions where it differs")
	List<MappingService.Reloaded> reload() {
		return this.mappings.reload();
	}

	@GetMapping("/mappings/{objectType}/suggestions")
	@Operation(summary = "Propose field mappings by name similarity",
			description = "Columns of the table (default: the mapping's table) not yet mapped, against HubSpot's"
					+ " properties; each with a score and the inferred transform or why none fits")
	List<Suggestion> suggestions(@PathVariable String objectType,
			@RequestParam(required = false) @Nullable String table) {
		String type = objectType(objectType);
		String platformTable = (table != null) ? table
				: this.store.latest(type)
					.map((stored) -> stored.config().platformTable())
					.orElseThrow(() -> new NotFoundException("no mapping for " + type + "; name the table (?table=)"));
		return this.mappings.suggest(type, platformTable);
	}

	@PostMapping("/hubspot/properties")
	@Operation(summary = "Create the HubSpot properties HubSync needs",
			description = "hubsync_record_id (unique values) and hubsync_source_system in group hubsync on every mapped"
					+ " object type; with includeMapped (default), also the mapped properties HubSpot lacks")
	Map<String, List<String>> createProperties(@RequestParam(defaultValue = "true") boolean includeMapped) {
		return Map.of("created", flatten(this.mappings.createProperties(includeMapped)));
	}

	private String objectType(String segment) {
		return this.mappings.objectType(segment)
			.orElseThrow(() -> new NotFoundException("'" + segment + "' is not an object type"));
	}

	private static @Nullable Long expected(@Nullable String ifMatch) {
		if (ifMatch == null) {
			return null;
		}
		String version = ifMatch.strip().replace("W/", "").replace("\"", "");
		try {
			return Long.parseLong(version);
		}
		catch (NumberFormatException ex) {
			throw new dev.hubsync.mappingservice.mappings.MappingRejectedException("If-Match is not a version",
					List.of(MappingProblem.error("If-Match", "'" + ifMatch + "' is not a version number")));
		}
	}

	/**
	 * A version in a list.
	 *
	 * @param objectTypeId the object type id
	 * @param objectType its name
	 * @param version the version
	 * @param platformTable the table
	 * @param fields how many fields
	 * @param source {@code file} or {@code api}
	 * @param updatedBy who saved it
	 * @param createdAt when
	 * @param publishedAt when Kafka acknowledged it (null: pending)
	 */
	record Summary(String objectTypeId, String objectType, long version, String platformTable, int fields,
			String source, @Nullable String updatedBy, Instant createdAt, @Nullable Instant publishedAt) {

		static Summary of(StoredMapping stored) {
			MappingConfig config = stored.config();
			return new Summary(config.objectTypeId(), ObjectTypes.pathName(config.objectTypeId()), config.version(),
					config.platformTable(), config.fields().size(), stored.source(), config.updatedBy(),
					stored.createdAt(), stored.publishedAt());
		}

	}

	/**
	 * A save's answer.
	 *
	 * @param objectTypeId the object type
	 * @param version the new version
	 * @param published whether Kafka acknowledged it
	 * @param warnings what validation warned about
	 */
	record SaveResult(String objectTypeId, long version, boolean published, List<MappingProblem> warnings) {
	}

	/**
	 * A validation's answer.
	 *
	 * @param valid whether it has no errors
	 * @param problems errors and warnings
	 */
	record Validation(boolean valid, List<MappingProblem> problems) {
	}

	/** Created properties as {@code type/name}. */
	private static List<String> flatten(Map<String, List<String>> created) {
		return created.entrySet()
			.stream()
			.flatMap((entry) -> entry.getValue()
				.stream()
				.map((name) -> ObjectTypes.pathName(entry.getKey()) + "/" + name))
			.toList();
	}

}
