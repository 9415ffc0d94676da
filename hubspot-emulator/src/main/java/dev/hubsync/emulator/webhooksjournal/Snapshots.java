package dev.hubsync.emulator.webhooksjournal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.crm.CrmStore;
import dev.hubsync.emulator.crm.StoredObject;
import dev.hubsync.emulator.error.ApiException;
import org.jspecify.annotations.Nullable;

/**
 * Snapshots (reference §3.6): the current values of chosen properties of chosen records
 * written into the journal as {@code SNAPSHOT} events. The emulator completes them at
 * once; the status says {@code SUCCESS} (the enum's word, not the guide's "COMPLETED"),
 * or {@code FAILED} with {@code VALIDATION_ERROR} for a record that does not exist.
 */
final class Snapshots {

	private final WebhooksJournal journal;

	private final CrmStore store;

	private final Clock clock;

	private final long portalId;

	private final Map<String, Map<String, Object>> statuses = new ConcurrentHashMap<>();

	Snapshots(WebhooksJournal journal, CrmStore store, Clock clock, long portalId) {
		this.journal = journal;
		this.store = store;
		this.clock = clock;
		this.portalId = portalId;
	}

	List<Map<String, Object>> take(List<Request> requests) {
		List<Map<String, Object>> responses = new ArrayList<>();
		List<Map<String, Object>> events = new ArrayList<>();
		for (Request request : requests) {
			if (request.portalId() == null || request.objectTypeId() == null || request.objectId() == null
					|| request.properties() == null) {
				throw ApiException.validation("portalId, objectTypeId, objectId and properties are required");
			}
			String id = UUID.randomUUID().toString();
			long initiated = this.clock.millis();
			StoredObject object = (request.portalId() == this.portalId)
					? this.store.find(request.objectTypeId(), request.objectId())
						.filter((o) -> !o.archived())
						.orElse(null)
					: null;
			Map<String, Object> status = new LinkedHashMap<>();
			status.put("id", id);
			status.put("initiatedAt", initiated);
			if (object == null) {
				status.put("status", "FAILED");
				status.put("errorCode", "VALIDATION_ERROR");
				status.put("message", "No " + request.objectTypeId() + " with id " + request.objectId());
			}
			else {
				events.add(event(object, request.properties()));
				status.put("status", "SUCCESS");
			}
			status.put("completedAt", this.clock.millis());
			this.statuses.put(id, status);
			responses.add(Map.of("portalId", request.portalId(), "objectTypeId", request.objectTypeId(), "objectId",
					request.objectId(), "snapshotStatusId", id));
		}
		if (!events.isEmpty()) {
			this.journal.append(events);
		}
		return responses;
	}

	Map<String, Object> status(String id) {
		Map<String, Object> status = this.statuses.get(id);
		if (status == null) {
			throw ApiException.notFound("No snapshot status " + id);
		}
		return status;
	}

	void clear() {
		this.statuses.clear();
	}

	private Map<String, Object> event(StoredObject object, List<String> properties) {
		Map<String, Object> changes = new LinkedHashMap<>();
		for (String property : properties) {
			changes.put(property, object.properties().getOrDefault(property, ""));
		}
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "object");
		event.put("portalId", this.portalId);
		event.put("occurredAt", this.clock.instant());
		event.put("action", "SNAPSHOT");
		event.put("objectTypeId", object.objectTypeId());
		event.put("objectId", object.id());
		event.put("propertyChanges", changes);
		return event;
	}

	/**
	 * One snapshot request.
	 *
	 * @param portalId the portal
	 * @param objectTypeId the object type
	 * @param objectId the record
	 * @param properties the properties to snapshot
	 */
	record Request(@Nullable Long portalId, @Nullable String objectTypeId, @Nullable Long objectId,
			@Nullable List<String> properties) {
	}

}
