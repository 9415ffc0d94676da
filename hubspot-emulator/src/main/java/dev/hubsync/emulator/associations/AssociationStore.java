package dev.hubsync.emulator.associations;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.crm.AssociationWriter;
import dev.hubsync.emulator.crm.CrmStore;
import dev.hubsync.emulator.crm.RecordListener;
import dev.hubsync.emulator.crm.StoredObject;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.storage.Journal;
import dev.hubsync.emulator.webhooks.EventDraft;
import dev.hubsync.emulator.webhooks.WebhookPublisher;
import dev.hubsync.events.hubspot.ObjectTypes;
import tools.jackson.databind.JsonNode;

/**
 * Association edges, stored in both directions: {@code (fromType, fromId, toType)} to the
 * associated ids and their type ids. Every changed pair is journaled whole.
 */
public final class AssociationStore implements AssociationWriter, RecordListener {

	private final Map<Side, Map<Long, Set<Integer>>> edges = new ConcurrentHashMap<>();

	private final CrmStore records;

	private final WebhookPublisher publisher;

	private final Journal journal;

	private final Clock clock;

	/**
	 * Creates the store.
	 * @param records the records, to check both ends exist
	 * @param publisher the webhook publisher
	 * @param journal the journal
	 * @param clock the clock
	 */
	public AssociationStore(CrmStore records, WebhookPublisher publisher, Journal journal, Clock clock) {
		this.records = records;
		this.publisher = publisher;
		this.journal = journal;
		this.clock = clock;
	}

	/**
	 * Defines the unlabeled association types between two object types (a custom object
	 * schema's associated objects); a pair HubSpot already defines is kept.
	 * @param fromType one type
	 * @param toType the other
	 * @return the type id from {@code fromType} to {@code toType} and its inverse's
	 */
	public int[] defineTypes(String fromType, String toType) {
		AssociationCatalog.Type type = AssociationCatalog.define(fromType, toType);
		return new int[] { type.id(), type.inverse() };
	}

	/**
	 * Restores association types a schema defined, from the journal.
	 * @param forward the type from {@code fromType}
	 * @param backward its inverse
	 * @param fromType one type
	 * @param toType the other
	 */
	public void restoreTypes(int forward, int backward, String fromType, String toType) {
		AssociationCatalog.restore(forward, backward, fromType, toType);
	}

	/**
	 * Returns the ids of the live records of a type associated with a record.
	 * @param fromType the record's type
	 * @param fromId the record
	 * @param toType the other type
	 * @return the associated ids, as strings
	 */
	public Set<String> related(String fromType, long fromId, String toType) {
		Set<String> ids = new HashSet<>();
		associated(fromType, fromId, toType).keySet().forEach((id) -> ids.add(String.valueOf(id)));
		return ids;
	}

	/**
	 * Returns the live records associated with a record, with their type ids.
	 * @param fromType the record's type
	 * @param fromId the record
	 * @param toType the other type
	 * @return id to type ids, by id
	 */
	public Map<Long, Set<Integer>> associated(String fromType, long fromId, String toType) {
		Map<Long, Set<Integer>> result = new java.util.TreeMap<>();
		this.edges.getOrDefault(new Side(fromType, fromId, toType), Map.of()).forEach((id, types) -> {
			if (live(toType, id) && !types.isEmpty()) {
				result.put(id, Set.copyOf(types));
			}
		});
		return result;
	}

	/**
	 * Adds association types between two live records (and their inverses), firing events
	 * for each type that is new.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 * @param typeIds the types, each valid for this pair of object types
	 * @param caller who associates
	 * @return the types now between the pair
	 */
	public synchronized Set<Integer> add(String fromType, long fromId, String toType, long toId, List<Integer> typeIds,
			Caller caller) {
		requireLive(fromType, fromId);
		requireLive(toType, toId);
		Set<Integer> wanted = new TreeSet<>();
		for (int typeId : typeIds) {
			AssociationCatalog.Type type = AssociationCatalog.get(typeId)
				.filter((t) -> t.fromType().equals(fromType) && t.toType().equals(toType))
				.orElseThrow(() -> ApiException
					.validation("Association type " + typeId + " does not join " + fromType + " to " + toType));
			wanted.add(typeId);
			if (type.unlabeled() != null) {
				wanted.add(type.unlabeled());
			}
		}
		Set<Integer> current = types(fromType, fromId, toType, toId);
		List<EventDraft> drafts = new ArrayList<>();
		Instant now = this.clock.instant();
		demoteOtherPrimaries(fromType, fromId, toType, toId, wanted, drafts, now, caller);
		for (int typeId : wanted) {
			if (current.add(typeId)) {
				AssociationCatalog.Type type = AssociationCatalog.get(typeId).orElseThrow();
				types(toType, toId, fromType, fromId).add(type.inverse());
				drafts.add(event(fromType, fromId, toType, toId, type, false, now, caller));
				drafts.add(event(toType, toId, fromType, fromId, AssociationCatalog.get(type.inverse()).orElseThrow(),
						false, now, caller));
			}
		}
		save(fromType, fromId, toType, toId);
		this.publisher.publish(drafts);
		return Set.copyOf(current);
	}

	/**
	 * A record has at most one primary company, as in HubSpot: a new primary company
	 * takes the label from the previous one, which stays associated, unlabeled.
	 */
	private void demoteOtherPrimaries(String fromType, long fromId, String toType, long toId, Set<Integer> wanted,
			List<EventDraft> drafts, Instant now, Caller caller) {
		if (!ObjectTypes.COMPANIES.equals(toType)) {
			return;
		}
		for (int typeId : wanted) {
			AssociationCatalog.Type type = AssociationCatalog.get(typeId).orElseThrow();
			if (!type.primary()) {
				continue;
			}
			this.edges.getOrDefault(new Side(fromType, fromId, toType), Map.of()).forEach((otherId, types) -> {
				if (otherId != toId && types.remove(typeId)) {
					types(toType, otherId, fromType, fromId).remove(type.inverse());
					drafts.add(event(fromType, fromId, toType, otherId, type, true, now, caller));
					drafts.add(event(toType, otherId, fromType, fromId,
							AssociationCatalog.get(type.inverse()).orElseThrow(), true, now, caller));
					save(fromType, fromId, toType, otherId);
				}
			});
		}
	}

	/**
	 * Removes every type between two records.
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 * @param caller who removes
	 */
	public synchronized void remove(String fromType, long fromId, String toType, long toId, Caller caller) {
		removeTypes(fromType, fromId, toType, toId, null, caller);
	}

	/**
	 * Removes some types between two records (removing an unlabeled type removes all).
	 * @param fromType the source type
	 * @param fromId the source record
	 * @param toType the target type
	 * @param toId the target record
	 * @param typeIds the types, or {@code null} for all
	 * @param caller who removes
	 */
	public synchronized void removeTypes(String fromType, long fromId, String toType, long toId,
			@org.jspecify.annotations.Nullable List<Integer> typeIds, Caller caller) {
		Set<Integer> current = types(fromType, fromId, toType, toId);
		boolean all = typeIds == null || typeIds.stream()
			.anyMatch((id) -> AssociationCatalog.get(id).map((type) -> !type.primary()).orElse(false));
		Set<Integer> gone = new TreeSet<>(all ? current : new HashSet<>(typeIds));
		gone.retainAll(current);
		List<EventDraft> drafts = new ArrayList<>();
		Instant now = this.clock.instant();
		for (int typeId : gone) {
			current.remove(typeId);
			AssociationCatalog.Type type = AssociationCatalog.get(typeId).orElseThrow();
			types(toType, toId, fromType, fromId).remove(type.inverse());
			drafts.add(event(fromType, fromId, toType, toId, type, true, now, caller));
			drafts.add(event(toType, toId, fromType, fromId, AssociationCatalog.get(type.inverse()).orElseThrow(), true,
					now, caller));
		}
		save(fromType, fromId, toType, toId);
		this.publisher.publish(drafts);
	}

	@Override
	public void associate(String fromType, long fromId, List<Request> requests, Caller caller) {
		for (Request request : requests) {
			long toId = parse(request.toId());
			String toType = AssociationCatalog.get(request.typeIds().isEmpty() ? -1 : request.typeIds().get(0))
				.map(AssociationCatalog.Type::toType)
				.orElseThrow(() -> ApiException.validation("Unknown association types " + request.typeIds()));
			add(fromType, fromId, toType, toId, request.typeIds(), caller);
		}
	}

	@Override
	public synchronized void merged(String objectTypeId, List<Long> mergedIds, long survivorId) {
		for (Side side : new ArrayList<>(this.edges.keySet())) {
			if (side.type().equals(objectTypeId) && mergedIds.contains(side.id())) {
				Map<Long, Set<Integer>> moved = this.edges.remove(side);
				moved.forEach((toId, types) -> {
					Set<Integer> target = types(objectTypeId, survivorId, side.toType(), toId);
					boolean hasPrimary = target.stream()
						.anyMatch((t) -> AssociationCatalog.get(t).map(AssociationCatalog.Type::primary).orElse(false));
					types.stream()
						.filter((t) -> !(hasPrimary
								&& AssociationCatalog.get(t).map(AssociationCatalog.Type::primary).orElse(false)))
						.forEach(target::add);
					Set<Integer> back = types(side.toType(), toId, objectTypeId, survivorId);
					target.forEach((t) -> back.add(AssociationCatalog.get(t).orElseThrow().inverse()));
					mergedIds.forEach(
							(gone) -> this.edges.getOrDefault(new Side(side.toType(), toId, objectTypeId), Map.of())
								.remove(gone));
					save(objectTypeId, survivorId, side.toType(), toId);
					mergedIds.forEach((gone) -> save(objectTypeId, gone, side.toType(), toId));
				});
			}
		}
	}

	@Override
	public synchronized void deleted(String objectTypeId, long id) {
		for (Side side : new ArrayList<>(this.edges.keySet())) {
			if (side.type().equals(objectTypeId) && side.id() == id) {
				this.edges.remove(side).keySet().forEach((toId) -> {
					types(side.toType(), toId, objectTypeId, id).clear();
					save(side.toType(), toId, objectTypeId, id);
				});
			}
		}
	}

	/** Forgets every association. */
	public synchronized void reset() {
		this.edges.clear();
	}

	/**
	 * Applies a replayed journal entry.
	 * @param entry the entry
	 */
	public synchronized void replay(Journal.Entry entry) {
		if (!"association".equals(entry.kind())) {
			return;
		}
		JsonNode data = (JsonNode) entry.data();
		Set<Integer> types = types(data.get("fromType").asString(), data.get("fromId").asLong(),
				data.get("toType").asString(), data.get("toId").asLong());
		types.clear();
		data.get("typeIds").forEach((id) -> types.add(id.asInt()));
	}

	/**
	 * Describes every association, for compaction.
	 * @return journal entries
	 */
	public synchronized List<Journal.Entry> snapshot() {
		List<Journal.Entry> entries = new ArrayList<>();
		this.edges.forEach((side, targets) -> targets.forEach((toId, types) -> {
			if (!types.isEmpty()) {
				entries.add(entry(side.type(), side.id(), side.toType(), toId, types));
			}
		}));
		return entries;
	}

	private void save(String fromType, long fromId, String toType, long toId) {
		this.journal.append(entry(fromType, fromId, toType, toId, types(fromType, fromId, toType, toId)));
		this.journal.append(entry(toType, toId, fromType, fromId, types(toType, toId, fromType, fromId)));
	}

	private static Journal.Entry entry(String fromType, long fromId, String toType, long toId, Set<Integer> types) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("fromType", fromType);
		data.put("fromId", fromId);
		data.put("toType", toType);
		data.put("toId", toId);
		data.put("typeIds", List.copyOf(types));
		return new Journal.Entry("association", null, data);
	}

	private Set<Integer> types(String fromType, long fromId, String toType, long toId) {
		return this.edges.computeIfAbsent(new Side(fromType, fromId, toType), (k) -> new ConcurrentHashMap<>())
			.computeIfAbsent(toId, (k) -> ConcurrentHashMap.newKeySet());
	}

	private boolean live(String type, long id) {
		return this.records.find(type, id).filter((object) -> object.id() == id && !object.archived()).isPresent();
	}

	private void requireLive(String type, long id) {
		StoredObject object = this.records.find(type, id).filter((o) -> !o.archived()).orElse(null);
		if (object == null || object.id() != id) {
			throw ApiException.notFound("No " + type + " with id " + id);
		}
	}

	private static EventDraft event(String fromType, long fromId, String toType, long toId,
			AssociationCatalog.Type type, boolean removed, Instant at, Caller caller) {
		Map<String, Object> fields = new LinkedHashMap<>();
		String from = AssociationCatalog.legacyName(fromType);
		String to = AssociationCatalog.legacyName(toType);
		fields.put("associationType", (from != null && to != null) ? from + "_TO_" + to : String.valueOf(type.id()));
		fields.put("fromObjectId", fromId);
		fields.put("toObjectId", toId);
		fields.put("associationRemoved", removed);
		fields.put("isPrimaryAssociation", type.primary());
		if (from == null || to == null) {
			fields.put("fromObjectTypeId", fromType);
			fields.put("toObjectTypeId", toType);
			fields.put("associationTypeId", type.id());
		}
		fields.put(EventDraft.JOURNAL_ONLY + "toObjectTypeId", toType);
		fields.put(EventDraft.JOURNAL_ONLY + "associationTypeId", type.id());
		return new EventDraft("associationChange", fromType, fromId, at, caller.changeSource(), caller.sourceId(),
				fields);
	}

	static long parse(String id) {
		try {
			return Long.parseLong(id.trim());
		}
		catch (NumberFormatException ex) {
			throw ApiException.validation("Invalid record id '" + id + "'");
		}
	}

	private record Side(String type, long id, String toType) {
	}

}
