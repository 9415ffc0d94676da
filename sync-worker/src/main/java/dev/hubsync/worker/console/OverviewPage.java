package dev.hubsync.worker.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.hubspot.ratelimit.BudgetSnapshot;
import dev.hubsync.hubspot.ratelimit.RateBudget;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.admin.PauseControl;
import dev.hubsync.worker.bulk.BulkSync;
import dev.hubsync.worker.inbound.DeletionGuard;
import dev.hubsync.worker.observability.Stalls;
import dev.hubsync.worker.observability.SyncHealthIndicator;
import dev.hubsync.worker.reconcile.Reconciler;
import dev.hubsync.worker.store.Pauses;
import dev.hubsync.worker.store.SyncState;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The overview: the worker's health and readiness, lag per direction and partition,
 * stalls, paused directions (with pause and resume), the deletion guard, what is set
 * aside, the rate budget, the last bulk sync and reconcile. The panel refreshes itself
 * (htmx polling of {@code /console/overview/panel}).
 */
@Controller
class OverviewPage {

	private final MappingRegistry mappings;

	private final Pauses pauses;

	private final PauseControl pauseControl;

	private final SyncState state;

	private final DeletionGuard guard;

	private final BulkSync bulk;

	private final Reconciler reconciler;

	private final RateBudget budget;

	private final Stalls stalls;

	private final SyncHealthIndicator health;

	private final ApplicationAvailability availability;

	private final ConsumerLag lag;

	private final DeadLetters deadLetters;

	private final ServiceHealth services;

	private final BudgetHistory budgetHistory;

	OverviewPage(MappingRegistry mappings, Pauses pauses, PauseControl pauseControl, SyncState state,
			DeletionGuard guard, BulkSync bulk, Reconciler reconciler, RateBudget budget, Stalls stalls,
			SyncHealthIndicator health, ApplicationAvailability availability, ConsumerLag lag, DeadLetters deadLetters,
			ServiceHealth services, BudgetHistory budgetHistory) {
		this.services = services;
		this.budgetHistory = budgetHistory;
		this.mappings = mappings;
		this.pauses = pauses;
		this.pauseControl = pauseControl;
		this.state = state;
		this.guard = guard;
		this.bulk = bulk;
		this.reconciler = reconciler;
		this.budget = budget;
		this.stalls = stalls;
		this.health = health;
		this.availability = availability;
		this.lag = lag;
		this.deadLetters = deadLetters;
	}

	@GetMapping({ "/console", "/console/" })
	String overview(Model model) {
		fill(model);
		return "console/overview";
	}

	@GetMapping("/console/overview/panel")
	String panel(Model model) {
		fill(model);
		return "console/overview :: panel";
	}

	@PostMapping("/console/pause")
	String pause(@RequestParam String direction, @RequestParam String objectType, HttpServletRequest request,
			RedirectAttributes flash) {
		String type = objectType(objectType);
		this.pauseControl.pause(direction, type, ConsoleSession.caller(request));
		flash.addFlashAttribute("message", direction + " " + ObjectTypes.pathName(type) + " paused");
		return "redirect:/console";
	}

	@PostMapping("/console/resume")
	String resume(@RequestParam String direction, @RequestParam String objectType, RedirectAttributes flash) {
		String type = objectType(objectType);
		int released = this.pauseControl.resume(direction, type);
		flash.addFlashAttribute("message",
				direction + " " + ObjectTypes.pathName(type) + " resumed; " + released + " parked event(s) sent back");
		return "redirect:/console";
	}

	/**
	 * One direction of one object type.
	 *
	 * @param objectType its path name ({@code contacts})
	 * @param direction inbound or outbound
	 * @param paused whether it is paused
	 * @param parked events parked while paused
	 */
	record Direction(String objectType, String direction, boolean paused, long parked) {
	}

	/**
	 * The deletion guard of one object type.
	 *
	 * @param objectType its path name
	 * @param recent deletions in the current window
	 * @param parked deletions parked for a person
	 */
	record Guard(String objectType, int recent, int parked) {
	}

	private void fill(Model model) {
		model.addAttribute("sync", this.health.health().getStatus().getCode());
		// as the actuator's probes say it (CORRECT and ACCEPTING_TRAFFIC are UP)
		model.addAttribute("liveness", (this.availability.getLivenessState() == LivenessState.CORRECT) ? "UP" : "DOWN");
		model.addAttribute("readiness",
				(this.availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) ? "UP" : "OUT_OF_SERVICE");
		model.addAttribute("services", this.services.read());
		Map<String, List<String>> paused = this.pauses.all();
		Map<String, Long> parked = this.pauses.parkedCounts();
		List<Direction> directions = new ArrayList<>();
		List<Guard> guards = new ArrayList<>();
		for (CompiledMapping mapping : this.mappings.all()) {
			String type = mapping.objectTypeId();
			String name = ObjectTypes.pathName(type);
			for (String direction : List.of("inbound", "outbound")) {
				directions.add(new Direction(name, direction, paused.getOrDefault(direction, List.of()).contains(type),
						parked.getOrDefault(direction + "/" + type, parked.getOrDefault(direction + "/" + name, 0L))));
			}
			guards.add(new Guard(name, this.guard.recent(type), this.state.openDeletions(type).size()));
		}
		model.addAttribute("directions", directions);
		model.addAttribute("lag", this.lag.read());
		model.addAttribute("stalls", this.stalls.current());
		model.addAttribute("guardThreshold", this.guard.threshold());
		model.addAttribute("guards", guards);
		Map<String, Long> reviews = new LinkedHashMap<>();
		SyncState.FOR_A_PERSON.forEach((kind) -> reviews.put(kind, 0L));
		this.state.openReviews().forEach((kind, count) -> {
			if (SyncState.FOR_A_PERSON.contains(kind)) {
				reviews.put(kind, count);
			}
		});
		model.addAttribute("reviews", reviews);
		model.addAttribute("deadLetters", this.deadLetters.waitingByTopic());
		model.addAttribute("deadLetterReasons", this.state.deadLettersWaiting());
		BudgetSnapshot budget = this.budget.snapshot();
		model.addAttribute("budget", budget);
		model.addAttribute("budgetCharts", this.budgetHistory.charts());
		model.addAttribute("bulk", this.bulk.current());
		List<Reconciler.Run> runs = this.reconciler.runs();
		model.addAttribute("reconcile", runs.isEmpty() ? null : runs.get(0));
		model.addAttribute("now", java.time.Instant.now());
	}

	static String objectType(String segment) {
		return ObjectTypes.byPathSegment(segment)
			.orElseThrow(() -> new IllegalArgumentException("'" + segment + "' is not an object type"));
	}

}
