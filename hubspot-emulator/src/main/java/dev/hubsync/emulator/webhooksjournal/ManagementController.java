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
 * The journal's subscription API (reference §3.5; filters are not served) and snapshot
 * API (§3.6, status on both the guide's and the spec's path).
 */
@RestController
class ManagementController {

	private static final String SUBSCRIPTIONS = "/webhooks-journal/subscriptions/" + JournalController.VERSION;

	private static final String SNAPSHOTS = "/webhooks-journal/snapshots/" + JournalController.VERSION + "/crm";

	private final JournalSubscriptions subscriptions;

	private final Snapshots snapshots;

	private final JournalAccess access;

	ManagementController(JournalSubscriptions subscriptions, Snapshots snapshots, JournalAccess access) {
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
	 * The snapshot request body.
	 *
	 * @param snapshotRequests the records to snapshot
	 */
	record SnapshotBody(@Nullable List<Snapshots.Request> snapshotRequests) {
	}

}
