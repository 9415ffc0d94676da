package dev.hubsync.worker.console;

import java.util.List;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.worker.review.Reviews;
import dev.hubsync.worker.store.SyncState;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The review queue: duplicate emails, manual conflicts, fuzzy proposals and field
 * refusals, each acted on through {@link Reviews} (the admin API's code), which records
 * the person (the admin key's name) and writes the outcome to the sync log.
 */
@Controller
class ReviewPage {

	private final Reviews reviews;

	ReviewPage(Reviews reviews) {
		this.reviews = reviews;
	}

	@GetMapping("/console/reviews")
	String list(@RequestParam(required = false) @Nullable String kind, Model model) {
		String filter = (kind != null && !kind.isBlank()) ? kind : null;
		model.addAttribute("kinds", SyncState.FOR_A_PERSON);
		model.addAttribute("kind", filter);
		model.addAttribute("reviews", this.reviews.open(filter, null, 200));
		model.addAttribute("types", new ObjectTypeNames());
		return "console/reviews";
	}

	@PostMapping("/console/reviews/{id}/{action}")
	String act(@PathVariable long id, @PathVariable String action,
			@RequestParam(required = false) @Nullable String kind, HttpServletRequest request,
			RedirectAttributes flash) {
		String by = ConsoleSession.caller(request);
		if (!List.of("link-instead", "keep-apart", "dismiss", "choose-product", "choose-hubspot").contains(action)) {
			flash.addFlashAttribute("problem", "No action '" + action + "' on a review");
			return "redirect:/console/reviews";
		}
		try {
			String result = switch (action) {
				case "link-instead" -> this.reviews.linkInstead(id, by);
				case "keep-apart" -> this.reviews.keepApart(id, by);
				case "choose-product" -> this.reviews.chooseValue(id, "product", by);
				case "choose-hubspot" -> this.reviews.chooseValue(id, "hubspot", by);
				default -> this.reviews.dismiss(id, by);
			};
			flash.addFlashAttribute("message", "Review " + id + ": " + result);
		}
		catch (Reviews.ReviewException ex) {
			flash.addFlashAttribute("problem", "Review " + id + ": " + ex.getMessage());
		}
		if (kind != null && !kind.isBlank()) {
			flash.addAttribute("kind", kind);
		}
		return "redirect:/console/reviews";
	}

	/** Object type names for the template. */
	static final class ObjectTypeNames {

		/**
		 * Returns an object type's path name.
		 * @param objectTypeId the id
		 * @return its name ({@code contacts})
		 */
		public String of(String objectTypeId) {
			return ObjectTypes.pathName(objectTypeId);
		}

	}

}
