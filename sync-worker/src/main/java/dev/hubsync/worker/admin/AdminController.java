package dev.hubsync.worker.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.adminauth.ApiKeyFilter;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.hubspot.ratelimit.BudgetSnapshot;
import dev.hubsync.hubspot.ratelimit.RateBudget;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.ListenerPauses;
import dev.hubsync.worker.bulk.BulkRun;
import dev.hubsync.worker.bulk.BulkSync;
import dev.hubsync.worker.inbound.DeletionGuard;
import dev.hubsync.worker.inbound.InboundLifecycle;
import dev.hubsync.worker.observability.Stalls;
import dev.hubsync.worker.outbound.ProductDeletions;
import dev.hubsync.worker.store.Pauses;
import dev.hubsync.worker.store.SyncState;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The worker's admin API (behind the admin key): status, pause and resume per direction
 * and object type, the deletion guard and its release.
 */
@RestController
@RequestMapping("/api")
class AdminController {

	private final MappingRegistry mappings;

	private final Pauses pauses;

	private final SyncState state;

	private final DeletionGuard guard;

	private final InboundLifecycle inbound;

	private final ProductDeletions productDeletions;

	private final BulkSync bulk;

	private final RateBudget budget;

	private final Stalls stalls;

	private final ListenerPauses listenerPauses;

	private final PauseControl pauseControl;

	AdminController(MappingRegistry mappings, Pauses pauses, SyncState state, DeletionGuard guard,
			InboundLifecycle inbound, ProductDeletions productDeletions, BulkSync bulk, RateBudget budget,
			Stalls stalls, ListenerPauses listenerPauses, PauseControl pauseControl) {
		this.stalls = stalls;
		this.listenerPauses = listenerPauses;
		this.pauseControl = pauseControl;
		this.bulk = bulk;
		this.budget = budget;
		this.mappings = mappings;
		this.pauses = pauses;
		this.state = state;
		this.guard = guard;
		this.inbound = inbound;
		this.productDeletions = productDeletions;
	}

	@GetMapping("/status")
	Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		BulkRun run = this.bulk.current();
		Map<String, Long> versions = new LinkedHashMap<>();
		for (CompiledMapping mapping : this.mappings.all()) {
			versions.put(ObjectTypes.pathName(mapping.objectTypeId()), mapping.version());
		}
		status.put("mappings", versions);
		status.put("paused", this.pauses.all());
		status.put("parkedEvents", this.pauses.parkedCounts());
		status.put("guard", guard());
		Map<String, Long> reviews = this.state.openReviews();
		status.put("openReviews", reviews);
		// records set aside and not resolved: dead letters not re-driven by the kind of
		// reason, and the reviews that wait for a person
		Map<String, Object> setAside = new LinkedHashMap<>();
		setAside.put("deadLetters", this.state.deadLettersWaiting());
		Map<String, Long> waiting = new LinkedHashMap<>();
		reviews.forEach((kind, count) -> {
			if (SyncState.FOR_A_PERSON.contains(kind)) {
				waiting.put(kind, count);
			}
		});
		setAside.put("reviews", waiting);
		status.put("setAside", setAside);
		status.put("bulkSync", (run != null) ? describe(run) : null);
		BudgetSnapshot budget = this.budget.snapshot();
		Map<String, Object> left = new LinkedHashMap<>();
		left.put("burst", budget.burstAvailable());
		left.put("daily", (budget.dailyAvailable() >= 0) ? budget.dailyAvailable() : null);
		left.put("search", budget.searchAvailable());
		status.put("rateBudget", left);
		List<Map<String, Object>> stalled = new ArrayList<>();
		for (Stalls.Stall stall : this.stalls.current()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("direction", stall.direction());
			entry.put("partition", stall.partition());
			entry.put("offset", stall.offset());
			entry.put("key", stall.key());
			entry.put("since", stall.failingSince().toString());
			entry.put("for", stall.failingFor().toString());
			entry.put("failures", stall.failures());
			entry.put("oldestEventAge", stall.oldestAge().toString());
			entry.put("cause", stall.cause());
			stalled.add(entry);
		}
		status.put("stalls", stalled);
		Map<String, Object> refused = new LinkedHashMap<>();
		this.listenerPauses.credentialPauses()
			.forEach((listener, pause) -> refused.put(listener.substring(listener.lastIndexOf('-') + 1),
					Map.of("since", pause.since().toString(), "reason", pause.reason())));
		status.put("credentialsRefused", refused);
		return status;
	}

	@PostMapping("/{direction}/{objectType}/pause")
	Map<String, Object> pause(@PathVariable String direction, @PathVariable String objectType,
			HttpServletRequest request) {
		String type = objectType(objectType);
		this.pauseControl.pause(direction, type, ApiKeyFilter.caller(request));
		return Map.of("direction", direction, "objectType", ObjectTypes.pathName(type), "paused", true);
	}

	@PostMapping("/{direction}/{objectType}/resume")
	Map<String, Object> resume(@PathVariable String direction, @PathVariable String objectType) {
		String type = objectType(objectType);
		int released = this.pauseControl.resume(direction, type);
		return Map.of("direction", direction, "objectType", ObjectTypes.pathName(type), "paused", false, "released",
				released);
	}

	@GetMapping("/guard")
	Map<String, Object> guard() {
		Map<String, Object> guard = new LinkedHashMap<>();
		guard.put("threshold", this.guard.threshold());
		Map<String, Object> types = new LinkedHashMap<>();
		for (CompiledMapping mapping : this.mappings.all()) {
			types.put(ObjectTypes.pathName(mapping.objectTypeId()),
					Map.of("recentDeletions", this.guard.recent(mapping.objectTypeId()), "parkedDeletions",
							this.state.openDeletions(mapping.objectTypeId()).size()));
		}
		guard.put("objectTypes", types);
		return guard;
	}

	@PostMapping("/guard/{objectType}/release")
	Map<String, Object> release(@PathVariable String objectType, HttpServletRequest request) {
		String type = objectType(objectType);
		String by = ApiKeyFilter.caller(request);
		int archived = this.inbound.releaseDeletions(type, by) + this.productDeletions.release(type, by);
		return Map.of("objectType", ObjectTypes.pathName(type), "archived", archived);
	}

	@GetMapping("/bulk-sync")
	ResponseEntity<Map<String, Object>> bulkSync() {
		BulkRun run = this.bulk.current();
		if (run == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Map.of("status", 404, "error", "not_found", "message", "no bulk sync has run in this instance"));
		}
		return ResponseEntity.ok(describe(run));
	}

	/**
	 * Starts a bulk sync.
	 * @param objectTypes object types ({@code contacts}, …); all mapped ones when absent
	 * @param direction {@code push}, {@code pull} or {@code both}
	 * @param request the request, whose caller (the admin key's name) starts the run
	 * @return 202 with the run, 409 when one is running
	 */
	@PostMapping("/bulk-sync")
	ResponseEntity<Map<String, Object>> startBulkSync(
			@RequestParam(name = "objectType", required = false) @Nullable List<String> objectTypes,
			@RequestParam(name = "direction", defaultValue = "both") String direction, HttpServletRequest request) {
		Set<BulkSync.Direction> directions = BulkSync.Direction.parse(direction);
		Set<String> types = new LinkedHashSet<>();
		if (objectTypes != null) {
			objectTypes.forEach((type) -> types.add(objectType(type)));
		}
		try {
			return ResponseEntity.accepted()
				.body(describe(this.bulk.start(types, directions, ApiKeyFilter.caller(request))));
		}
		catch (IllegalStateException ex) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Map.of("status", 409, "error", "conflict", "message", ex.getMessage()));
		}
	}

	private static Map<String, Object> describe(BulkRun run) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", run.id());
		body.put("trigger", run.trigger());
		body.put("state", run.state());
		body.put("startedAt", run.startedAt().toString());
		body.put("finishedAt", (run.finishedAt() != null) ? run.finishedAt().toString() : null);
		body.put("detail", run.detail());
		body.put("phases", run.progress());
		return body;
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("status", 400, "error", "bad_request", "message", ex.getMessage()));
	}

	private static String objectType(String segment) {
		return ObjectTypes.byPathSegment(segment)
			.orElseThrow(() -> new IllegalArgumentException("'" + segment + "' is not an object type"));
	}

}
