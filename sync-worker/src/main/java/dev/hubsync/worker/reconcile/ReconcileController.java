package dev.hubsync.worker.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.hubspot.ObjectTypes;

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
 * Reconcile through the admin API (behind the admin key): {@code POST
 * /api/reconcile/{objectType}?fix=&relink=} starts a run (202), {@code GET
 * /api/reconcile/runs/{id}} shows its progress and, when done, its drift.
 */
@RestController
@RequestMapping("/api/reconcile")
class ReconcileController {

	private final Reconciler reconciler;

	private final Clock clock;

	ReconcileController(Reconciler reconciler, Clock clock) {
		this.reconciler = reconciler;
		this.clock = clock;
	}

	@PostMapping("/{objectType}")
	ResponseEntity<Map<String, Object>> start(@PathVariable String objectType,
			@RequestParam(name = "fix", defaultValue = "false") boolean fix,
			@RequestParam(name = "relink", defaultValue = "false") boolean relink) {
		if (ObjectTypes.byPathSegment(objectType).isEmpty()) {
			throw new IllegalArgumentException("'" + objectType + "' is not an object type");
		}
		return ResponseEntity.accepted().body(describe(this.reconciler.start(objectType, fix, relink), false));
	}

	@GetMapping("/runs")
	List<Map<String, Object>> runs() {
		List<Map<String, Object>> runs = new ArrayList<>();
		this.reconciler.runs().forEach((run) -> runs.add(describe(run, false)));
		return runs;
	}

	@GetMapping("/runs/{id}")
	ResponseEntity<Map<String, Object>> run(@PathVariable long id) {
		return this.reconciler.run(id)
			.map((run) -> ResponseEntity.ok(describe(run, true)))
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
				.body(Map.of("status", 404, "error", "not_found", "message",
						"no reconcile run " + id + " in this instance (runs are kept in memory)")));
	}

	private Map<String, Object> describe(Reconciler.Run run, boolean withDrift) {
		Instant now = this.clock.instant();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("id", run.id());
		body.put("objectType", ObjectTypes.pathName(run.objectTypeId()));
		body.put("fix", run.fix());
		body.put("relink", run.relink());
		body.put("state", run.state());
		body.put("phase", run.phase());
		body.put("startedAt", run.startedAt().toString());
		body.put("finishedAt", (run.finishedAt() != null) ? String.valueOf(run.finishedAt()) : null);
		body.put("scanned", run.scanned());
		body.put("expected", run.expected());
		body.put("perSecond", Math.round(run.perSecond(now)));
		body.put("etaSeconds", run.etaSeconds(now));
		body.put("relinked", run.relinked());
		body.put("healingEvents", run.healingEvents());
		body.put("counts", run.counts());
		body.put("detail", run.detail());
		if (withDrift) {
			List<Map<String, Object>> drift = new ArrayList<>();
			for (Drift found : run.drift()) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("kind", found.kind().wireValue());
				entry.put("platformKey", found.platformKey());
				entry.put("hubspotId", found.hubspotId());
				entry.put("detail", found.detail());
				entry.put("healing", found.healing().wireValue());
				entry.put("fields", found.fields());
				drift.add(entry);
			}
			body.put("drift", drift);
		}
		return body;
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException ex) {
		return ResponseEntity.status(HttpStatus.BAD_REQUEST)
			.body(Map.of("status", 400, "error", "bad_request", "message", ex.getMessage()));
	}

}
