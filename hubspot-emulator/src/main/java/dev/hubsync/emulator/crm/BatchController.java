package dev.hubsync.emulator.crm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.error.ErrorBodies;
import dev.hubsync.emulator.faults.Faults;
import dev.hubsync.emulator.schema.ValueValidator;
import dev.hubsync.emulator.web.ApiVersions;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Batch endpoints of CRM objects, legacy ({@code /crm/v3/objects/{type}/batch}) and dated
 * ({@code /crm/objects/2026-09/{type}/batch}): at most 100 inputs; 201 for creates and
 * 200 for the rest, 207 with {@code errors} when some inputs failed (inputs with
 * {@code objectWriteTraceId}s, unknown ids, 2026-09's required-property rules), 204 for
 * archives.
 */
@RestController
@RequestMapping({ "/crm/v3/objects/{type}/batch", ApiVersions.OBJECTS + "/{type}/batch" })
class BatchController {

	private static final int MAX_INPUTS = 100;

	private final int historyReadLimit;

	private final CrmStore store;

	private final ObjectWriter writer;

	private final ObjectViews views;

	private final AssociationWriter associations;

	private final Faults faults;

	BatchController(CrmStore store, ObjectWriter writer, ObjectViews views, AssociationWriter associations,
			Faults faults, EmulatorProperties properties) {
		this.faults = faults;
		this.historyReadLimit = properties.historyReadLimit();
		this.store = store;
		this.writer = writer;
		this.views = views;
		this.associations = associations;
	}

	@PostMapping("/read")
	ResponseEntity<Map<String, Object>> read(@PathVariable String type, @RequestBody RequestBodies.Read body,
			@RequestParam(defaultValue = "false") boolean archived) {
		String objectTypeId = this.store.objectType(type);
		if (body.inputs() == null) {
			throw ApiException.validation("Invalid input JSON: missing 'inputs'");
		}
		if (body.inputs().size() > MAX_INPUTS) {
			throw ApiException
				.validation("Batch input limit exceeded: at most 100 inputs, got " + body.inputs().size());
		}
		if (!ObjectsController.list(body.propertiesWithHistory()).isEmpty()
				&& body.inputs().size() > this.historyReadLimit) {
			throw ApiException.validation("Batch input limit exceeded: at most " + this.historyReadLimit
					+ " inputs when propertiesWithHistory is requested, got " + body.inputs().size());
		}
		Instant started = Instant.now();
		List<Map<String, Object>> results = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (RequestBodies.Id input : body.inputs()) {
			Optional<StoredObject> found = lookup(objectTypeId, input.id(), body.idProperty())
				.filter((object) -> object.archived() == archived);
			if (found.isPresent()) {
				results.add(this.views.render(found.get(), ObjectsController.list(body.properties()),
						ObjectsController.list(body.propertiesWithHistory()), null));
			}
			else {
				missing.add(String.valueOf(input.id()));
			}
		}
		List<Map<String, Object>> errors = new ArrayList<>();
		if (!missing.isEmpty()) {
			errors.add(error(ApiException.notFound("Could not get some " + objectTypeId
					+ " objects, they may be deleted or " + "not exist. Check that ids are valid."),
					Map.of("ids", missing)));
		}
		return answer(200, results, errors, started);
	}

	@PostMapping("/create")
	ResponseEntity<Map<String, Object>> create(@PathVariable String type,
			@PathVariable(required = false) @Nullable String version,
			@RequestBody RequestBodies.Inputs<RequestBodies.Create> body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		String objectTypeId = this.store.objectType(type);
		List<RequestBodies.Create> inputs = RequestBodies.inputs(body, MAX_INPUTS);
		Instant started = Instant.now();
		List<Write> writes = inputs.stream()
			.map((input) -> Write.create(RequestBodies.properties(input.properties()), input.objectWriteTraceId()))
			.toList();
		WriteOutcome outcome = this.writer.apply(objectTypeId, writes, caller, perRecord(writes), null, true,
				ApiVersions.enforcesWriteValidation(version));
		List<Map<String, Object>> results = new ArrayList<>();
		for (WriteOutcome.Written written : outcome.written()) {
			RequestBodies.Create input = inputs.get(written.index());
			if (input.associations() != null && !input.associations().isEmpty()) {
				this.associations.associate(objectTypeId, written.object().id(),
						ObjectsController.requests(input.associations()), caller);
			}
			results.add(this.views.renderWritten(written, null));
		}
		return answer(201, results, failures(outcome), started);
	}

	@PostMapping("/update")
	ResponseEntity<Map<String, Object>> update(@PathVariable String type,
			@PathVariable(required = false) @Nullable String version,
			@RequestBody RequestBodies.Inputs<RequestBodies.Update> body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		String objectTypeId = this.store.objectType(type);
		List<RequestBodies.Update> inputs = RequestBodies.inputs(body, MAX_INPUTS);
		Instant started = Instant.now();
		List<Write> writes = new ArrayList<>();
		List<Map<String, Object>> errors = new ArrayList<>();
		List<String> missing = new ArrayList<>();
		for (RequestBodies.Update input : inputs) {
			Optional<StoredObject> found = lookup(objectTypeId, input.id(), input.idProperty())
				.filter((object) -> !object.archived());
			if (found.isEmpty()) {
				missing.add(String.valueOf(input.id()));
				continue;
			}
			writes.add(new Write(found.get().id(), RequestBodies.properties(input.properties()),
					input.objectWriteTraceId(), input.id()));
		}
		if (!missing.isEmpty()) {
			errors.add(error(ApiException.notFound("Could not update some " + objectTypeId + " objects, they may be "
					+ "deleted or not exist. Check that ids are valid."), Map.of("ids", missing)));
		}
		List<Map<String, Object>> results = new ArrayList<>();
		if (!writes.isEmpty()) {
			WriteOutcome outcome = this.writer.apply(objectTypeId, writes, caller, perRecord(writes), null, true,
					ApiVersions.enforcesWriteValidation(version));
			outcome.written().forEach((written) -> results.add(this.views.renderWritten(written, null)));
			errors.addAll(failures(outcome));
		}
		return answer(200, results, errors, started);
	}

	@PostMapping("/upsert")
	ResponseEntity<Map<String, Object>> upsert(@PathVariable String type,
			@PathVariable(required = false) @Nullable String version,
			@RequestBody RequestBodies.Inputs<RequestBodies.Update> body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		String objectTypeId = this.store.objectType(type);
		List<RequestBodies.Update> inputs = RequestBodies.inputs(body, MAX_INPUTS);
		Instant started = Instant.now();
		List<Write> writes = new ArrayList<>();
		for (RequestBodies.Update input : inputs) {
			if (input.id() == null || input.idProperty() == null) {
				throw ApiException.validation("Each upsert input needs 'id' and 'idProperty'");
			}
			if (this.store.schema().get(objectTypeId, input.idProperty()).isEmpty()) {
				throw ApiException.validation("Property \"" + input.idProperty() + "\" does not exist");
			}
			writes.add(Write.upsert(input.idProperty(), input.id(), RequestBodies.properties(input.properties()),
					input.objectWriteTraceId()));
		}
		WriteOutcome outcome = this.writer.apply(objectTypeId, writes, caller, perRecord(writes), null, true,
				ApiVersions.enforcesWriteValidation(version));
		List<Map<String, Object>> results = new ArrayList<>();
		outcome.written().forEach((written) -> results.add(this.views.renderWritten(written, written.created())));
		return answer(200, results, failures(outcome), started);
	}

	@PostMapping("/archive")
	ResponseEntity<Void> archive(@PathVariable String type, @RequestBody RequestBodies.Inputs<RequestBodies.Id> body,
			@RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
		String objectTypeId = this.store.objectType(type);
		List<Long> ids = new ArrayList<>();
		RequestBodies.inputs(body, MAX_INPUTS)
			.forEach((input) -> ObjectsController.parseId(input.id()).ifPresent(ids::add));
		this.writer.archive(objectTypeId, ids, caller);
		return ResponseEntity.noContent().build();
	}

	private Optional<StoredObject> lookup(String objectTypeId, @Nullable String id, @Nullable String idProperty) {
		if (id == null) {
			return Optional.empty();
		}
		if (idProperty != null && !"hs_object_id".equals(idProperty)) {
			return this.store.table(objectTypeId)
				.findUnique(idProperty, id)
				.flatMap((found) -> this.store.find(objectTypeId, found));
		}
		return ObjectsController.parseId(id).flatMap((numeric) -> this.store.find(objectTypeId, numeric));
	}

	/**
	 * Per-record failures (207) when every input is traced, unless a fault says
	 * otherwise.
	 */
	private boolean perRecord(List<Write> writes) {
		return !this.faults.ignoresTraceIds() && traced(writes);
	}

	private static boolean traced(List<Write> writes) {
		return !writes.isEmpty() && writes.stream().allMatch((write) -> write.traceId() != null);
	}

	private static List<Map<String, Object>> failures(WriteOutcome outcome) {
		List<Map<String, Object>> errors = new ArrayList<>();
		for (WriteOutcome.Failure failure : outcome.failures()) {
			Map<String, List<String>> context = new LinkedHashMap<>();
			if (failure.traceId() != null) {
				context.put("objectWriteTraceId", List.of(failure.traceId()));
			}
			if (failure.inputId() != null) {
				context.put("ids", List.of(failure.inputId()));
			}
			errors.add(error(failure.error(), context));
		}
		return errors;
	}

	private static Map<String, Object> error(ApiException exception, Map<String, ?> context) {
		Map<String, Object> error = new LinkedHashMap<>(ErrorBodies.body(exception));
		error.remove("correlationId");
		Map<String, Object> merged = new LinkedHashMap<>(context);
		if (exception.extra().get("context") instanceof Map<?, ?> own) {
			own.forEach((name, value) -> merged.putIfAbsent(String.valueOf(name), value));
		}
		error.put("context", merged);
		error.putIfAbsent("errors", List.of());
		error.put("links", Map.of());
		return error;
	}

	private static ResponseEntity<Map<String, Object>> answer(int status, List<Map<String, Object>> results,
			List<Map<String, Object>> errors, Instant started) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "COMPLETE");
		body.put("results", results);
		if (!errors.isEmpty()) {
			body.put("numErrors", errors.size());
			body.put("errors", errors);
		}
		body.put("startedAt", ValueValidator.datetime(started));
		body.put("completedAt", ValueValidator.datetime(Instant.now()));
		return ResponseEntity.status(errors.isEmpty() ? status : 207).body(body);
	}

}
