package dev.hubsync.emulator.webhooksjournal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

/**
 * The journal's subscriptions (reference §3.5), {@code OBJECT} and {@code ASSOCIATION}
 * kinds. Undocumented points, decided here: the upsert key is (portal, type, object
 * type), an empty {@code properties} or {@code objectIds} list means all, and filters are
 * not applied.
 */
final class JournalSubscriptions {

	private final Clock clock;

	private final long appId;

	private final AtomicLong ids = new AtomicLong(9001);

	private final Map<Long, Subscription> subscriptions = new LinkedHashMap<>();

	JournalSubscriptions(Clock clock, long appId) {
		this.clock = clock;
		this.appId = appId;
	}

	synchronized Subscription upsert(Subscription.Request request) {
		Instant now = this.clock.instant();
		for (Subscription existing : this.subscriptions.values()) {
			if (existing.portalId() == request.portalId()
					&& existing.subscriptionType().equals(request.subscriptionType())
					&& existing.objectTypeId().equals(request.objectTypeId())) {
				Subscription updated = new Subscription(existing.id(), this.appId, request, existing.createdAt(), now);
				this.subscriptions.put(existing.id(), updated);
				return updated;
			}
		}
		Subscription created = new Subscription(this.ids.getAndIncrement(), this.appId, request, now, now);
		this.subscriptions.put(created.id(), created);
		return created;
	}

	synchronized List<Subscription> all() {
		return new ArrayList<>(this.subscriptions.values());
	}

	synchronized Optional<Subscription> get(long id) {
		return Optional.ofNullable(this.subscriptions.get(id));
	}

	synchronized boolean delete(long id) {
		return this.subscriptions.remove(id) != null;
	}

	synchronized void deletePortal(long portalId) {
		this.subscriptions.values().removeIf((s) -> s.portalId() == portalId);
	}

	synchronized void clear() {
		this.subscriptions.clear();
	}

	/**
	 * Finds the subscription an object event falls under.
	 * @param portalId the portal
	 * @param objectTypeId the object type
	 * @param objectId the record
	 * @param action the journal action, e.g. {@code UPDATE}
	 * @return the subscription, if any
	 */
	synchronized Optional<Subscription> object(long portalId, String objectTypeId, long objectId, String action) {
		return this.subscriptions.values()
			.stream()
			.filter((s) -> "OBJECT".equals(s.subscriptionType()) && s.portalId() == portalId
					&& s.objectTypeId().equals(objectTypeId) && s.actions().contains(action)
					&& (s.objectIds().isEmpty() || s.objectIds().contains(objectId)))
			.findFirst();
	}

	/**
	 * Tells whether an association event falls under a subscription.
	 * @param portalId the portal
	 * @param fromType the source object type
	 * @param toType the target object type
	 * @param fromId the source record
	 * @param action {@code ASSOCIATION_ADDED} or {@code ASSOCIATION_REMOVED}
	 * @return whether one subscribes to it
	 */
	synchronized boolean association(long portalId, String fromType, String toType, long fromId, String action) {
		return this.subscriptions.values()
			.stream()
			.anyMatch((s) -> "ASSOCIATION".equals(s.subscriptionType()) && s.portalId() == portalId
					&& s.objectTypeId().equals(fromType) && s.actions().contains(action)
					&& (s.associatedObjectTypeIds().isEmpty() || s.associatedObjectTypeIds().contains(toType))
					&& (s.objectIds().isEmpty() || s.objectIds().contains(fromId)));
	}

	/**
	 * A stored subscription.
	 *
	 * @param id its id
	 * @param appId the app
	 * @param request what was asked
	 * @param createdAt created
	 * @param updatedAt last upserted
	 */
	record Subscription(long id, long appId, Request request, Instant createdAt, Instant updatedAt) {

		long portalId() {
			return this.request.portalId();
		}

		String subscriptionType() {
			return this.request.subscriptionType();
		}

		String objectTypeId() {
			return this.request.objectTypeId();
		}

		List<String> actions() {
			return this.request.actions();
		}

		List<String> properties() {
			return this.request.properties();
		}

		List<Long> objectIds() {
			return this.request.objectIds();
		}

		List<String> associatedObjectTypeIds() {
			return this.request.associatedObjectTypeIds();
		}

		Map<String, Object> json() {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("id", this.id);
			body.put("appId", this.appId);
			body.put("subscriptionType", subscriptionType());
			body.put("portalId", portalId());
			body.put("objectTypeId", objectTypeId());
			body.put("actions", actions());
			body.put("properties", properties());
			body.put("objectIds", objectIds());
			if ("ASSOCIATION".equals(subscriptionType())) {
				body.put("associatedObjectTypeIds", associatedObjectTypeIds());
			}
			body.put("createdAt", this.createdAt.toString());
			body.put("updatedAt", this.updatedAt.toString());
			return body;
		}

		/**
		 * A {@code SubscriptionUpsertRequest} of the kinds the emulator serves.
		 *
		 * @param subscriptionType {@code OBJECT} (default) or {@code ASSOCIATION}
		 * @param portalId the portal
		 * @param objectTypeId the object type
		 * @param actions the actions
		 * @param properties the properties (empty: all)
		 * @param objectIds the records (empty: all)
		 * @param associatedObjectTypeIds for associations, the other side's types (empty:
		 * all)
		 */
		record Request(@Nullable String subscriptionType, long portalId, String objectTypeId, List<String> actions,
				@Nullable List<String> properties, @Nullable List<Long> objectIds,
				@Nullable List<String> associatedObjectTypeIds) {

			Request {
				subscriptionType = (subscriptionType != null) ? subscriptionType : "OBJECT";
				properties = (properties != null) ? List.copyOf(properties) : List.of();
				objectIds = (objectIds != null) ? List.copyOf(objectIds) : List.of();
				associatedObjectTypeIds = (associatedObjectTypeIds != null) ? List.copyOf(associatedObjectTypeIds)
						: List.of();
			}

		}

	}

}
