package dev.hubsync.worker.review;

import java.util.List;
import java.util.Map;

import dev.hubsync.adminauth.ApiKeyFilter;
import dev.hubsync.events.hubspot.ObjectTypes;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The review queue through the admin API (behind the admin key): {@code GET
 * /api/reviews?kind=&objectType=&limit=} lists open items; {@code POST
 * /api/reviews/{id}/link-instead} (duplicates, fuzzy proposals), {@code …/keep-apart}
 * (duplicates), {@code …/choose/product} or {@code …/choose/hubspot} (manual conflicts)
 * and {@code …/dismiss} resolve one, recording the caller (the admin key's name) as who
 * resolved it.
 */
@RestController
@RequestMapping("/api/reviews")
class ReviewController {

	private final Reviews reviews;

	ReviewController(Reviews reviews) {
		this.reviews = reviews;
	}

	@GetMapping
	List<Review> open(@RequestParam(required = false) @Nullable String kind,
			@RequestParam(required = false) @Nullable String objectType,
			@RequestParam(defaultValue = "100") int limit) {
		String type = (objectType != null)
				? ObjectTypes.byPathSegment(objectType)
					.orElseThrow(() -> new Reviews.ReviewException(400, "'" + objectType + "' is not an object type"))
				: null;
		return this.reviews.open(kind, type, Math.max(1, Math.min(limit, 1000)));
	}

	@PostMapping("/{id}/link-instead")
	Map<String, Object> linkInstead(@PathVariable long id, HttpServletRequest request) {
		return Map.of("id", id, "result", this.reviews.linkInstead(id, ApiKeyFilter.caller(request)));
	}

	@PostMapping("/{id}/choose/{side}")
	Map<String, Object> choose(@PathVariable long id, @PathVariable String side, HttpServletRequest request) {
		return Map.of("id", id, "result", this.reviews.chooseValue(id, side, ApiKeyFilter.caller(request)));
	}

	@PostMapping("/{id}/keep-apart")
	Map<String, Object> keepApart(@PathVariable long id, HttpServletRequest request) {
		return Map.of("id", id, "result", this.reviews.keepApart(id, ApiKeyFilter.caller(request)));
	}

	@PostMapping("/{id}/dismiss")
	Map<String, Object> dismiss(@PathVariable long id, HttpServletRequest request) {
		return Map.of("id", id, "result", this.reviews.dismiss(id, ApiKeyFilter.caller(request)));
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> refused(Reviews.ReviewException ex) {
		return ResponseEntity.status(ex.status()).body(Map.of("status", ex.status(), "error", switch (ex.status()) {
			case 400 -> "bad_request";
			case 404 -> "not_found";
			default -> "conflict";
		}, "message", ex.getMessage()));
	}

}
