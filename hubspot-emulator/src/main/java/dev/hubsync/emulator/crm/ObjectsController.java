package dev.hubsync.emulator.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.web.ApiVersions;
import dev.hubsync.events.hubspot.ObjectTypes;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Single-record endpoints of CRM objects, legacy ({@code /crm/v3/objects/{type}}) and
 * dated ({@code /crm/objects/2026-09/{type}}); 2026-09 writes obey the portal's
 * {@link WriteRules}.
 */
@RestController
@RequestMapping({ "/crm/v3/objects/{type}", ApiVersions.OBJECTS + "/{type}" })
class ObjectsController {

	private final CrmStore store;

	private final ObjectWriter writer;

	private final ObjectViews views;

	private final AssociationWriter associations;

	private final int historyReadLimit;

	ObjectsController(CrmStore store, ObjectWriter writer, ObjectViews views, AssociationWriter associations,
			EmulatorProperties properties) {
		this.historyReadLimit = properties.historyReadLimit();
		this.store = store;
		this.writer = writer;
		this.views = views;
		this.associations = associations;
	}

	@PostMapping
	ResponseEntity<Map<String, Object>> create(@PathVariable String type,
			@PathVariable(required = false) @Nullable String version, @RequestBody RequestBodies.Create body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		String objectTypeId = this.store.objectType(type);
		WriteOutcome outcome = this.writer.apply(objectTypeId,
				List.of(Write.create(RequestBodies.properties(body.properties()), null)), caller, false, null, true,
				ApiVersions.enforcesWriteValidation(version));
		WriteOutcome.Written written = outcome.written().get(0);
		if (body.associations() != null && !body.associations().isEmpty()) {
			this.associations.associate(objectTypeId, written.object().id(), requests(body.associations()), caller);
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(this.views.renderWritten(written, null));
	}

	@GetMapping
	Map<String, Object> list(@PathVariable String type, @RequestParam(defaultValue = "10") int limit,
			@RequestParam(required = false) @Nullable String after,
			@RequestParam(required = false) @Nullable List<String> properties,
			@RequestParam(required = false) @Nullable List<String> propertiesWithHistory,
			@RequestParam(defaultValue = "false") boolean archived, HttpServletRequest request) {
		String objectTypeId = this.store.objectType(type);
		if (limit < 1 || limit > 100) {
			throw ApiException.validation("limit must be between 1 and 100, was " + limit);
		}
		// HubSpot pages at most 50 records when history is asked for, whatever the limit
		int pageSize = list(propertiesWithHistory).isEmpty() ? limit : Math.min(limit, this.historyReadLimit);
		long from = (after != null) ? parseCursor(after) : 0;
		List<Map<String, Object>> results = new ArrayList<>();
		StoredObject next = null;
		for (StoredObject object : this.store.all(objectTypeId)) {
			if (object.id() < from || object.archived() != archived || object.mergedInto() != null) {
				continue;
			}
			if (results.size() == pageSize) {
				next = object;
				break;
			}
			results.add(this.views.render(object, list(properties), list(propertiesWithHistory), null));
		}
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("results", results);
		if (next != null) {
			String cursor = String.valueOf(next.id());
			page.put("paging", Map.of("next",
					Map.of("after", cursor, "link", request.getRequestURL() + "?after=" + cursor + "&limit=" + limit)));
		}
		return page;
	}

	@GetMapping("/{id}")
	Map<String, Object> get(@PathVariable String type, @PathVariable String id,
			@RequestParam(required = false) @Nullable List<String> properties,
			@RequestParam(required = false) @Nullable List<String> propertiesWithHistory,
			@RequestParam(defaultValue = "false") boolean archived,
			@RequestParam(required = false) @Nullable String idProperty) {
		String objectTypeId = this.store.objectType(type);
		StoredObject object = find(objectTypeId, id, idProperty).filter((found) -> archived || !found.archived())
			.orElseThrow(() -> ApiException.notFound("Object not found.  objectId are usually numeric."));
		return this.views.render(object, list(properties), list(propertiesWithHistory), null);
	}

	@PatchMapping("/{id}")
	Map<String, Object> update(@PathVariable String type, @PathVariable String id,
			@PathVariable(required = false) @Nullable String version,
			@RequestParam(required = false) @Nullable String idProperty, @RequestBody RequestBodies.Properties body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		String objectTypeId = this.store.objectType(type);
		StoredObject current = find(objectTypeId, id, idProperty).filter((found) -> !found.archived())
			.orElseThrow(() -> ApiException.notFound("Object not found.  objectId are usually numeric."));
		WriteOutcome outcome = this.writer.apply(objectTypeId,
				List.of(new Write(current.id(), RequestBodies.properties(body.properties()), null, id)), caller, false,
				null, true, ApiVersions.enforcesWriteValidation(version));
		return this.views.renderWritten(outcome.written().get(0), null);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> archive(@PathVariable String type, @PathVariable String id,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		String objectTypeId = this.store.objectType(type);
		parseId(id).ifPresent((numeric) -> this.writer.archive(objectTypeId, List.of(numeric), caller));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/merge")
	Map<String, Object> merge(@PathVariable String type, @RequestBody RequestBodies.Merge body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		String objectTypeId = this.store.objectType(type);
		long primary = parseId(body.primaryObjectId())
			.orElseThrow(() -> ApiException.validation("primaryObjectId is required"));
		long other = parseId(body.objectIdToMerge())
			.orElseThrow(() -> ApiException.validation("objectIdToMerge is required"));
		StoredObject merged = this.writer.merge(objectTypeId, primary, other, caller);
		return this.views.render(merged, List.of(), List.of(), null);
	}

	@PostMapping("/gdpr-delete")
	ResponseEntity<Void> gdprDelete(@PathVariable String type, @RequestBody RequestBodies.GdprDelete body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		if (!ObjectTypes.CONTACTS.equals(this.store.objectType(type))) {
			throw ApiException.validation("GDPR delete is only available for contacts");
		}
		String objectId = body.objectId();
		if (objectId == null) {
			throw ApiException.validation("objectId is required");
		}
		StoredObject contact = find(ObjectTypes.CONTACTS, objectId, body.idProperty())
			.orElseThrow(() -> ApiException.notFound("Contact " + objectId + " does not exist"));
		this.writer.gdprDelete(contact.id(), caller);
		return ResponseEntity.noContent().build();
	}

	private Optional<StoredObject> find(String objectTypeId, String id, @Nullable String idProperty) {
		if (idProperty != null && !"hs_object_id".equals(idProperty)) {
			return this.store.table(objectTypeId)
				.findUnique(idProperty, id)
				.flatMap((found) -> this.store.find(objectTypeId, found));
		}
		return parseId(id).flatMap((numeric) -> this.store.find(objectTypeId, numeric));
	}

	static Optional<Long> parseId(@Nullable String id) {
		if (id == null || id.isEmpty() || !id.chars().allMatch(Character::isDigit) || id.length() > 18) {
			return Optional.empty();
		}
		return Optional.of(Long.parseLong(id));
	}

	private static long parseCursor(String after) {
		return parseId(after).orElseThrow(() -> ApiException.validation("Invalid paging cursor: " + after));
	}

	static List<String> list(@Nullable List<String> values) {
		if (values == null) {
			return List.of();
		}
		List<String> names = new ArrayList<>();
		values.forEach((value) -> {
			for (String name : value.split(",")) {
				if (!name.isBlank()) {
					names.add(name.trim());
				}
			}
		});
		return names;
	}

	static List<AssociationWriter.Request> requests(List<RequestBodies.Association> associations) {
		List<AssociationWriter.Request> requests = new ArrayList<>();
		for (RequestBodies.Association association : associations) {
			if (association.to() == null || association.to().id() == null || association.types() == null) {
				throw ApiException.validation("Each association needs 'to.id' and 'types'");
			}
			requests.add(new AssociationWriter.Request(association.to().id(),
					association.types().stream().map(RequestBodies.Spec::associationTypeId).toList()));
		}
		return requests;
	}

}
