package dev.hubsync.worker.console;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Dead letters per topic, filtered by reason; one shown with its headers and payload; the
 * selected ones re-driven, each at most once (as {@code hubsync-ops dlt redrive}).
 */
@Controller
class DeadLetterPage {

	private final DeadLetters deadLetters;

	DeadLetterPage(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping("/console/dead-letters")
	String list(@RequestParam(required = false) @Nullable String topic,
			@RequestParam(required = false) @Nullable String reason, Model model) {
		String byTopic = (topic != null && !topic.isBlank()) ? topic : null;
		String byReason = (reason != null && !reason.isBlank()) ? reason : null;
		model.addAttribute("topics", DeadLetters.TOPICS);
		model.addAttribute("topic", byTopic);
		model.addAttribute("reason", byReason);
		model.addAttribute("reasons", this.deadLetters.reasons());
		model.addAttribute("waiting", this.deadLetters.waitingByTopic());
		model.addAttribute("letters", this.deadLetters.list(byTopic, byReason, 200));
		return "console/dead-letters";
	}

	@GetMapping("/console/dead-letters/show")
	String show(@RequestParam String topic, @RequestParam int partition, @RequestParam long offset, Model model) {
		DeadLetters.Letter letter = this.deadLetters.find(topic, partition, offset).orElse(null);
		if (letter == null) {
			model.addAttribute("problem", "No dead letter " + topic + "/" + partition + "/" + offset + " is recorded.");
			return "console/dead-letter";
		}
		model.addAttribute("letter", letter);
		model.addAttribute("shown", this.deadLetters.show(letter).orElse(null));
		return "console/dead-letter";
	}

	@PostMapping("/console/dead-letters/redrive")
	String redrive(@RequestParam(name = "letter", required = false) @Nullable List<String> selected,
			HttpServletRequest request, RedirectAttributes flash) {
		if (selected == null || selected.isEmpty()) {
			flash.addFlashAttribute("problem", "Select the dead letters to re-drive.");
			return "redirect:/console/dead-letters";
		}
		String by = ConsoleSession.caller(request);
		List<String> results = new ArrayList<>();
		for (String id : selected) {
			String[] parts = id.split("/");
			if (parts.length != 3) {
				results.add("skipped " + id + ": not a dead letter");
				continue;
			}
			try {
				DeadLetters.Letter letter = this.deadLetters
					.find(parts[0], Integer.parseInt(parts[1]), Long.parseLong(parts[2]))
					.orElse(null);
				results.add((letter != null) ? this.deadLetters.redrive(letter, by)
						: "skipped " + id + ": no such dead letter");
			}
			catch (NumberFormatException ex) {
				results.add("skipped " + id + ": not a dead letter");
			}
			catch (IllegalStateException ex) {
				results.add("failed " + id + ": " + ex.getMessage());
			}
		}
		flash.addFlashAttribute("message", String.join("; ", results));
		return "redirect:/console/dead-letters";
	}

}
