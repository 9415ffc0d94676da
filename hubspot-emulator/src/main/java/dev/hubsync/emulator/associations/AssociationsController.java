package dev.hubsync.emulator.associations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.crm.CrmStore;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.schema.ValueValidator;
import dev.hubsync.emulator.web.ApiVersions;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The associations endpoints: v4 ({@code /crm/v4/objects/...},
 * {@code /crm/v4/associations/...}) and dated
 * ({@code /crm/objects/2026-09/{type}/{id}/associations/...},
 * {@code /crm/associations/2026-09/...}), the same but for batch archives, which answer
 * 200 with a batch body on dated paths where v4 answers 204.
 */
@RestController
class AssociationsController {

	private final AssociationStore associations;

	private final CrmStore records;

	AssociationsController(AssociationStore associations, CrmStore records) {
		this.associations = associations;
		this.records = records;
	}

	@GetMapping({ "/crm/v4/objects/{from}/{fromId}/associations/{to}",
			ApiVersions.OBJECTS + "/{from}/{fromId}/associations/{to}" })
	Map<String, Object> list(@PathVariable String from, @PathVariable String fromId, @PathVariable String to,
			@RequestParam(defaultValue = "500") int limit, @RequestParam(required = false) @Nullable String after) {
		if (limit < 1 || limit > 500) {
			throw ApiException.validation("limit must be between 1 and 500, was " + limit);
		}
		Map<Long, Set<Integer>> all = this.associations.associated(type(from), AssociationStore.parse(fromId),
				type(to));
		long start = (after != null) ? AssociationStore.parse(after) : Long.MIN_VALUE;
		List<Map<String, Object>> results = new ArrayList<>();
		Long next = null;
		for (Map.Entry<Long, Set<Integer>> entry : all.entrySet()) {
			if (entry.getKey() < start) {
				continue;
			}
			if (results.size() == limit) {
				next = entry.getKey();
				break;
			}
			results.add(item(entry.getKey(), entry.getValue()));
		}
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("results", results);
		if (next != null) {
			page.put("paging", Map.of("next", Map.of("after", String.valueOf(next))));
		}
		return page;
	}

	@PutMapping({ "/crm/v4/objects/{from}/{fromId}/associations/default/{to}/{toId}",
			ApiVersions.OBJECTS + "/{from}/{fromId}/associations/default/{to}/{toId}" })
	Map<String, Object> associateDefault(@PathVariable String from, @PathVariable String fromId,
			@PathVariable String to, @PathVariable String toId, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		Instant started = Instant.now();
		AssociationCatalog.Type type = defaultType(type(from), type(to));
		this.associations.add(type(from), AssociationStore.parse(fromId), type(to), AssociationStore.parse(toId),
				List.of(type.id()), caller);
		Map<String, Object> result = Map.of("from", Map.of("id", fromId), "to", Map.of("id", toId), "associationSpec",
				Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", type.id()));
		return complete(List.of(result), started);
	}

	@PutMapping({ "/crm/v4/objects/{from}/{fromId}/associations/{to}/{toId}",
			ApiVersions.OBJECTS + "/{from}/{fromId}/associations/{to}/{toId}" })
	ResponseEntity<Map<String, Object>> associate(@PathVariable String from, @PathVariable String fromId,
			@PathVariable String to, @PathVariable String toId, @RequestBody List<Spec> specs,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		Set<Integer> types = this.associations.add(type(from), AssociationStore.parse(fromId), type(to),
				AssociationStore.parse(toId), specs.stream().map(Spec::associationTypeId).toList(), caller);
		return ResponseEntity.status(HttpStatus.CREATED).body(labels(type(from), fromId, type(to), toId, types));
	}

	@DeleteMapping({ "/crm/v4/objects/{from}/{fromId}/associations/{to}/{toId}",
			ApiVersions.OBJECTS + "/{from}/{fromId}/associations/{to}/{toId}" })
	ResponseEntity<Void> remove(@PathVariable String from, @PathVariable String fromId, @PathVariable String to,
			@PathVariable String toId, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		this.associations.remove(type(from), AssociationStore.parse(fromId), type(to), AssociationStore.parse(toId),
				caller);
		return ResponseEntity.noContent().build();
	}

	@PostMapping({ "/crm/v4/associations/{from}/{to}/batch/read",
			ApiVersions.ASSOCIATIONS + "/{from}/{to}/batch/read" })
	Map<String, Object> batchRead(@PathVariable String from, @PathVariable String to, @RequestBody Inputs<Ref> body) {
		List<Ref> inputs = inputs(body, 1000);
		Instant started = Instant.now();
		List<Map<String, Object>> results = new ArrayList<>();
		for (Ref input : inputs) {
			Map<Long, Set<Integer>> all = this.associations.associated(type(from), AssociationStore.parse(input.id()),
					type(to));
			if (!all.isEmpty()) {
				List<Map<String, Object>> items = new ArrayList<>();
				all.forEach((id, types) -> items.add(item(id, types)));
				results.add(Map.of("from", Map.of("id", input.id()), "to", items));
			}
		}
		return complete(results, started);
	}

	@PostMapping({ "/crm/v4/associations/{from}/{to}/batch/create",
			ApiVersions.ASSOCIATIONS + "/{from}/{to}/batch/create" })
	ResponseEntity<Map<String, Object>> batchCreate(@PathVariable String from, @PathVariable String to,
			@RequestBody Inputs<Input> body, @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		Instant started = Instant.now();
		List<Map<String, Object>> results = new ArrayList<>();
		for (Input input : inputs(body, 2000)) {
			Set<Integer> types = this.associations.add(type(from), AssociationStore.parse(input.from().id()), type(to),
					AssociationStore.parse(input.to().id()),
					input.types().stream().map(Spec::associationTypeId).toList(), caller);
			results.add(labels(type(from), input.from().id(), type(to), input.to().id(), types));
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(complete(results, started));
	}

	@PostMapping({ "/crm/v4/associations/{from}/{to}/batch/associate/default",
			ApiVersions.ASSOCIATIONS + "/{from}/{to}/batch/associate/default" })
	Map<String, Object> batchDefault(@PathVariable String from, @PathVariable String to, @RequestBody Inputs<Pair> body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		Instant started = Instant.now();
		AssociationCatalog.Type type = defaultType(type(from), type(to));
		List<Map<String, Object>> results = new ArrayList<>();
		for (Pair input : inputs(body, 2000)) {
			this.associations.add(type(from), AssociationStore.parse(input.from().id()), type(to),
					AssociationStore.parse(input.to().id()), List.of(type.id()), caller);
			results.add(Map.of("from", Map.of("id", input.from().id()), "to", Map.of("id", input.to().id()),
					"associationSpec",
					Map.of("associationCategory", "HUBSPOT_DEFINED", "associationTypeId", type.id())));
		}
		return complete(results, started);
	}

	@PostMapping({ "/crm/v4/associations/{from}/{to}/batch/archive",
			ApiVersions.ASSOCIATIONS + "/{from}/{to}/batch/archive" })
	ResponseEntity<Map<String, Object>> batchArchive(@PathVariable String from, @PathVariable String to,
			@PathVariable(required = false) @Nullable String version, @RequestBody Inputs<Removal> body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		Instant started = Instant.now();
		for (Removal input : inputs(body, 2000)) {
			for (Ref target : input.to()) {
				this.associations.remove(type(from), AssociationStore.parse(input.from().id()), type(to),
						AssociationStore.parse(target.id()), caller);
			}
		}
		return archived(version, started);
	}

	@PostMapping({ "/crm/v4/associations/{from}/{to}/batch/labels/archive",
			ApiVersions.ASSOCIATIONS + "/{from}/{to}/batch/labels/archive" })
	ResponseEntity<Map<String, Object>> batchArchiveLabels(@PathVariable String from, @PathVariable String to,
			@PathVariable(required = false) @Nullable String version, @RequestBody Inputs<Input> body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		Instant started = Instant.now();
		for (Input input : inputs(body, 2000)) {
			this.associations.removeTypes(type(from), AssociationStore.parse(input.from().id()), type(to),
					AssociationStore.parse(input.to().id()),
					input.types().stream().map(Spec::associationTypeId).toList(), caller);
		}
		return archived(version, started);
	}

	@GetMapping({ "/crm/v4/associations/{from}/{to}/labels", ApiVersions.ASSOCIATIONS + "/{from}/{to}/labels" })
	Map<String, Object> labels(@PathVariable String from, @PathVariable String to) {
		String fromType = type(from);
		String toType = type(to);
		List<Map<String, Object>> results = new ArrayList<>();
		AssociationCatalog.all()
			.stream()
			.filter((type) -> type.fromType().equals(fromType) && type.toType().equals(toType))
			.sorted((a, b) -> Integer.compare(a.id(), b.id()))
			.forEach((type) -> {
				Map<String, Object> label = new LinkedHashMap<>();
				label.put("category", "HUBSPOT_DEFINED");
				label.put("typeId", type.id());
				label.put("label", type.primary() ? "Primary" : null);
				results.add(label);
			});
		return Map.of("results", results);
	}

	/**
	 * v4 archives answer 204; dated ones 200 with a {@code BatchResponse} (reference
	 * §1.3).
	 */
	private static ResponseEntity<Map<String, Object>> archived(@Nullable String version, Instant started) {
		if (!ApiVersions.dated(version)) {
			return ResponseEntity.noContent().build();
		}
		return ResponseEntity.ok(complete(List.of(), started));
	}

	private String type(String segment) {
		return this.records.objectType(segment);
	}

	private static AssociationCatalog.Type defaultType(String fromType, String toType) {
		return AssociationCatalog.unlabeled(fromType, toType)
			.orElseThrow(() -> ApiException.validation("No default association from " + fromType + " to " + toType));
	}

	private static Map<String, Object> item(long id, Set<Integer> types) {
		List<Map<String, Object>> associationTypes = new ArrayList<>();
		types.stream().sorted().forEach((typeId) -> {
			Map<String, Object> type = new LinkedHashMap<>();
			type.put("category", "HUBSPOT_DEFINED");
			type.put("typeId", typeId);
			type.put("label", AssociationCatalog.get(typeId).map(AssociationCatalog.Type::primary).orElse(false)
					? "Primary" : null);
			associationTypes.add(type);
		});
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("toObjectId", id);
		item.put("associationTypes", associationTypes);
		return item;
	}

	private static Map<String, Object> labels(String fromType, String fromId, String toType, String toId,
			Set<Integer> types) {
		Map<String, Object> pair = new LinkedHashMap<>();
		pair.put("fromObjectTypeId", fromType);
		pair.put("fromObjectId", fromId);
		pair.put("toObjectTypeId", toType);
		pair.put("toObjectId", toId);
		pair.put("labels",
				types.stream()
					.filter((t) -> AssociationCatalog.get(t).map(AssociationCatalog.Type::primary).orElse(false))
					.map((t) -> "Primary")
					.distinct()
					.toList());
		return pair;
	}

	private static Map<String, Object> complete(List<Map<String, Object>> results, Instant started) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "COMPLETE");
		body.put("results", results);
		body.put("startedAt", ValueValidator.datetime(started));
		body.put("completedAt", ValueValidator.datetime(Instant.now()));
		return body;
	}

	private static <T> List<T> inputs(Inputs<T> body, int max) {
		if (body.inputs() == null) {
			throw ApiException.validation("Invalid input JSON: missing 'inputs'");
		}
		if (body.inputs().size() > max) {
			throw ApiException
				.validation("Batch input limit exceeded: at most " + max + " inputs, got " + body.inputs().size());
		}
		return body.inputs();
	}

	record Inputs<T>(@Nullable List<T> inputs) {
	}

	record Ref(String id) {
	}

	record Spec(@Nullable String associationCategory, int associationTypeId) {
	}

	record Input(Ref from, Ref to, List<Spec> types) {
	}

	record Pair(Ref from, Ref to) {
	}

	record Removal(Ref from, List<Ref> to) {
	}

}
