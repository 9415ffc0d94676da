package dev.hubsync.worker.console;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.bulk.BulkSync;
import dev.hubsync.worker.reconcile.Reconciler;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Bulk sync and reconcile: start either (through {@link BulkSync} and {@link Reconciler},
 * as the admin API does), watch their progress with rate and ETA (htmx polling of
 * {@code /console/bulk/progress}), and the drift table of the last reconcile with a "fix"
 * that runs it again enqueueing the healing events.
 */
@Controller
class BulkPage {

	private final BulkSync bulk;

	private final Reconciler reconciler;

	private final MappingRegistry mappings;

	BulkPage(BulkSync bulk, Reconciler reconciler, MappingRegistry mappings) {
		this.bulk = bulk;
		this.reconciler = reconciler;
		this.mappings = mappings;
	}

	@GetMapping("/console/bulk")
	String page(Model model) {
		fill(model);
		model.addAttribute("types",
				this.mappings.all().stream().map((mapping) -> ObjectTypes.pathName(mapping.objectTypeId())).toList());
		return "console/bulk";
	}

	@GetMapping("/console/bulk/progress")
	String progress(Model model) {
		fill(model);
		return "console/bulk :: progress";
	}

	@PostMapping("/console/bulk/start")
	String start(@RequestParam(defaultValue = "") String objectType,
			@RequestParam(defaultValue = "both") String direction, HttpServletRequest request,
			RedirectAttributes flash) {
		Set<String> types = new LinkedHashSet<>();
		if (!objectType.isBlank()) {
			types.add(OverviewPage.objectType(objectType));
		}
		try {
			this.bulk.start(types, BulkSync.Direction.parse(direction), ConsoleSession.caller(request));
			flash.addFlashAttribute("message", "Bulk sync started");
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			flash.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/console/bulk";
	}

	@PostMapping("/console/reconcile/start")
	String reconcile(@RequestParam String objectType, @RequestParam(defaultValue = "false") boolean fix,
			RedirectAttributes flash) {
		try {
			Reconciler.Run run = this.reconciler.start(objectType, fix, false);
			flash.addFlashAttribute("message",
					"Reconcile #" + run.id() + " of " + objectType + (fix ? " (fixing drift)" : "") + " started");
		}
		catch (IllegalArgumentException ex) {
			flash.addFlashAttribute("problem", ex.getMessage());
		}
		return "redirect:/console/bulk";
	}

	private void fill(Model model) {
		model.addAttribute("run", this.bulk.current());
		List<Reconciler.Run> runs = this.reconciler.runs();
		model.addAttribute("reconcile", runs.isEmpty() ? null : runs.get(0));
		model.addAttribute("now", Instant.now());
		model.addAttribute("names", new ReviewPage.ObjectTypeNames());
	}

}
