package dev.hubsync.emulator.webhooksjournal;

import java.util.List;
import java.util.Map;

import dev.hubsync.emulator.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The journal's subscription API with its filters (reference §3.5) and snapshot API
 * (§3.6, status on both the guide's and the spec's path).
 */
@RestController
class ManagementController {

	private static final String SUBSCRIPTIONS = "/webhooks-journal/subscriptions/" + JournalController.VERSION;

	private static final String SNAPSHOTS = "/webhooks-journal/snapshots/" + JournalController.VERSION + "/crm";

	private final JournalSubscriptions subscriptions;

	private final Snapshots snapshots;

	private final JournalAccess access;

	private final JournalFilters filters;

	ManagementController(JournalSubscriptions subscriptions, Snapshots snapshots, JournalAccess access,
			JournalFilters filters) {
		this.filters = filters;
		this.subscriptions = subscriptions;
		this.snapshots = snapshots;
		this.access = access;
	}

	@GetMapping(SUBSCRIPTIONS)
	Map<String, Object> list(HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_READ);
		return Map.of("results",
				this.subscriptions.all().stream().map(JournalSubscriptions.Subscription::json).toList());
	}

	@PostMapping(SUBSCRIPTIONS)
	Map<String, Object> upsert(@RequestBody JournalSubscriptions.Subscription.Request body,
			HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_WRITE);
		String type = (body.subscriptionType() != null) ? body.subscriptionType() : "OBJECT";
		if (!List.of("OBJECT", "ASSOCIATION").contains(type)) {
			throw ApiException.validation("The emulator serves OBJECT and ASSOCIATION subscriptions, not " + type);
		}
		if (body.objectTypeId() == null || body.actions() == null || body.actions().isEmpty()) {
			throw ApiException.validation("portalId, objectTypeId and actions are required");
		}
		return this.subscriptions.upsert(body).json();
	}

	@GetMapping(SUBSCRIPTIONS + "/{id}")
	Map<String, Object> get(@PathVariable long id, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_READ);
		return this.subscriptions.get(id).orElseThrow(() -> ApiException.notFound("No subscription " + id)).json();
	}

	@DeleteMapping(SUBSCRIPTIONS + "/{id}")
	ResponseEntity<Void> delete(@PathVariable long id, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_WRITE);
		if (!this.subscriptions.delete(id)) {
			throw ApiException.notFound("No subscription " + id);
		}
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping(SUBSCRIPTIONS + "/portals/{portalId}")
	ResponseEntity<Void> deletePortal(@PathVariable long portalId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_WRITE);
		this.subscriptions.deletePortal(portalId);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(SUBSCRIPTIONS + "/filters")
	Map<String, Object> addFilter(@RequestBody FilterBody body, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_WRITE);
		if (body.subscriptionId() == null || body.filter() == null) {
			throw ApiException.validation("subscriptionId and filter are required");
		}
		if (this.subscriptions.get(body.subscriptionId()).isEmpty()) {
			throw ApiException.notFound("No subscription " + body.subscriptionId());
		}
		try {
			return Map.of("filterId", this.filters.add(body.subscriptionId(), body.filter()));
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.validation(ex.getMessage());
		}
	}

	@GetMapping(SUBSCRIPTIONS + "/filters/{filterId}")
	Map<String, Object> filter(@PathVariable long filterId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_READ);
		return this.filters.get(filterId).orElseThrow(() -> ApiException.notFound("No filter " + filterId)).json();
	}

	@GetMapping(SUBSCRIPTIONS + "/filters/subscription/{subscriptionId}")
	List<Map<String, Object>> filtersOf(@PathVariable long subscriptionId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_READ);
		return JournalFilters.json(this.filters.of(subscriptionId));
	}

	@DeleteMapping(SUBSCRIPTIONS + "/filters/{filterId}")
	ResponseEntity<Void> deleteFilter(@PathVariable long filterId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SUBSCRIPTIONS_WRITE);
		if (!this.filters.delete(filterId)) {
			throw ApiException.notFound("No filter " + filterId);
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping(SNAPSHOTS)
	Map<String, Object> snapshot(@RequestBody SnapshotBody body, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SNAPSHOTS_WRITE);
		List<Snapshots.Request> requests = (body.snapshotRequests() != null) ? body.snapshotRequests() : List.of();
		return Map.of("snapshotResponses", this.snapshots.take(requests));
	}

	@GetMapping(SNAPSHOTS + "/status/{statusId}")
	Map<String, Object> snapshotStatus(@PathVariable String statusId, HttpServletRequest request) {
		this.access.require(request, JournalAccess.SNAPSHOTS_READ);
		return this.snapshots.status(statusId);
	}

	/**
	 * The filter creation body.
	 *
	 * @param subscriptionId the subscription
	 * @param filter the filter
	 */
	record FilterBody(@Nullable Long subscriptionId, JournalFilters.@Nullable Filter filter) {
	}

	/**
	 * The snapshot request body.
	 *
	 * @param snapshotRequests the records to snapshot
	 */
	record SnapshotBody(@Nullable List<Snapshots.Request> snapshotRequests) {
	}

}
