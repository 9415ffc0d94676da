package dev.hubsync.emulator.webhooksjournal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import dev.hubsync.emulator.webhooks.EventDraft;
import org.jspecify.annotations.Nullable;

/**
 * The journal's entries in time order. Each write's drafts (the changes that also make
 * webhooks) become at most one entry, holding the events some subscription wants: a
 * creation and its property values are one {@code CREATE}, a write's property changes of
 * one record one {@code UPDATE}. Entries older than the retention are gone: their offsets
 * are no longer known.
 */
final class WebhooksJournal {

	private final Clock clock;

	private final long portalId;

	private final JournalSubscriptions subscriptions;

	private final WebhooksJournalProperties properties;

	private final JournalFilters filters;

	private final BiFunction<String, Long, Map<String, String>> records;

	private final AtomicLong sequences = new AtomicLong();

	private final NavigableMap<Long, JournalEntry> entries = new TreeMap<>();

	private final Map<UUID, Long> offsets = new HashMap<>();

	WebhooksJournal(Clock clock, long portalId, JournalSubscriptions subscriptions,
			WebhooksJournalProperties properties, JournalFilters filters,
			BiFunction<String, Long, Map<String, String>> records) {
		this.filters = filters;
		this.records = records;
		this.clock = clock;
		this.portalId = portalId;
		this.subscriptions = subscriptions;
		this.properties = properties;
	}

	/**
	 * Records one write's changes.
	 * @param drafts the write's drafts
	 */
	void record(List<EventDraft> drafts) {
		List<Map<String, Object>> events = events(drafts);
		if (!events.isEmpty()) {
			append(events);
		}
	}

	/**
	 * Appends an entry of events already in journal form (snapshots).
	 * @param events the events
	 * @return the entry
	 */
	synchronized JournalEntry append(List<Map<String, Object>> events) {
		JournalEntry entry = new JournalEntry(this.sequences.incrementAndGet(), UUID.randomUUID(), this.clock.instant(),
				List.copyOf(events));
		this.entries.put(entry.sequence(), entry);
		this.offsets.put(entry.offset(), entry.sequence());
		return entry;
	}

	synchronized Optional<JournalEntry> earliest() {
		expire();
		return Optional.ofNullable(this.entries.firstEntry()).map(Map.Entry::getValue);
	}

	synchronized Optional<JournalEntry> latest() {
		expire();
		return Optional.ofNullable(this.entries.lastEntry()).map(Map.Entry::getValue);
	}

	synchronized List<JournalEntry> first(int count) {
		expire();
		return this.entries.values().stream().limit(count).toList();
	}

	synchronized List<JournalEntry> last(int count) {
		expire();
		List<JournalEntry> newest = new ArrayList<>(
				this.entries.descendingMap().values().stream().limit(count).toList());
		java.util.Collections.reverse(newest);
		return newest;
	}

	/**
	 * Returns up to {@code count} entries after an offset.
	 * @param offset a previous entry's offset
	 * @param count the most entries
	 * @return the entries, empty at the head
	 * @throws UnknownOffsetException when the offset expired or never existed
	 */
	synchronized List<JournalEntry> after(UUID offset, int count) {
		expire();
		Long sequence = this.offsets.get(offset);
		if (sequence == null) {
			throw new UnknownOffsetException(offset);
		}
		return this.entries.tailMap(sequence, false).values().stream().limit(count).toList();
	}

	synchronized Optional<JournalEntry> find(UUID offset) {
		expire();
		Long sequence = this.offsets.get(offset);
		return (sequence != null) ? Optional.ofNullable(this.entries.get(sequence)) : Optional.empty();
	}

	synchronized int size() {
		expire();
		return this.entries.size();
	}

	synchronized void clear() {
		this.entries.clear();
		this.offsets.clear();
	}

	private void expire() {
		Instant horizon = this.clock.instant().minus(this.properties.retention());
		while (!this.entries.isEmpty() && this.entries.firstEntry().getValue().publishedAt().isBefore(horizon)) {
			JournalEntry gone = this.entries.pollFirstEntry().getValue();
			this.offsets.remove(gone.offset());
		}
	}

	private List<Map<String, Object>> events(List<EventDraft> drafts) {
		Map<String, Map<String, Object>> objectEvents = new LinkedHashMap<>();
		List<Map<String, Object>> events = new ArrayList<>();
		for (EventDraft draft : drafts) {
			switch (draft.action()) {
				case "creation" -> {
					Map<String, Object> event = objectEvent(draft, "CREATE");
					event.put("propertyChanges", new LinkedHashMap<String, Object>());
					objectEvents.put(draft.objectTypeId() + ":" + draft.objectId(), event);
					events.add(event);
				}
				case "propertyChange" -> propertyChange(draft, objectEvents, events);
				case "deletion" -> events.add(objectEvent(draft, "DELETE"));
				case "restore" -> events.add(objectEvent(draft, "RESTORE"));
				case "privacyDeletion" -> events.add(objectEvent(draft, "GDPR_DELETE"));
				case "merge" -> {
					Map<String, Object> event = objectEvent(draft, "MERGE");
					event.put("primaryObjectId", draft.fields().get("primaryObjectId"));
					event.put("mergedObjectIds", draft.fields().get("mergedObjectIds"));
					event.put("newObjectId", draft.fields().get("newObjectId"));
					events.add(event);
				}
				case "associationChange" -> events.add(associationEvent(draft));
				default -> {
					// nothing else reaches the journal
				}
			}
		}
		return events.stream().filter((event) -> event != null && wanted(event)).toList();
	}

	private void propertyChange(EventDraft draft, Map<String, Map<String, Object>> objectEvents,
			List<Map<String, Object>> events) {
		Map<String, Object> event = objectEvents.computeIfAbsent(draft.objectTypeId() + ":" + draft.objectId(),
				(key) -> {
					Map<String, Object> update = objectEvent(draft, "UPDATE");
					update.put("propertyChanges", new LinkedHashMap<String, Object>());
					events.add(update);
					return update;
				});
		@SuppressWarnings("unchecked")
		Map<String, Object> changes = (Map<String, Object>) event.get("propertyChanges");
		changes.put(String.valueOf(draft.fields().get("propertyName")), draft.fields().get("propertyValue"));
	}

	private Map<String, Object> objectEvent(EventDraft draft, String action) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "object");
		event.put("portalId", this.portalId);
		event.put("occurredAt", draft.occurredAt());
		event.put("action", action);
		event.put("objectTypeId", draft.objectTypeId());
		event.put("objectId", draft.objectId());
		sources(event, draft.changeSource(), draft.sourceId());
		return event;
	}

	private @Nullable Map<String, Object> associationEvent(EventDraft draft) {
		Map<String, Object> fields = draft.fields();
		Object toType = fields.get(EventDraft.JOURNAL_ONLY + "toObjectTypeId");
		if (toType == null) {
			return null;
		}
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("type", "association");
		event.put("portalId", this.portalId);
		event.put("occurredAt", draft.occurredAt());
		event.put("action",
				Boolean.TRUE.equals(fields.get("associationRemoved")) ? "ASSOCIATION_REMOVED" : "ASSOCIATION_ADDED");
		event.put("fromObjectTypeId", draft.objectTypeId());
		event.put("fromObjectId", draft.objectId());
		event.put("toObjectTypeId", toType);
		event.put("toObjectId", fields.get("toObjectId"));
		event.put("associationTypeId", fields.get(EventDraft.JOURNAL_ONLY + "associationTypeId"));
		event.put("associationCategory", "HUBSPOT_DEFINED");
		event.put("isPrimary", Boolean.TRUE.equals(fields.get("isPrimaryAssociation")));
		sources(event, draft.changeSource(), draft.sourceId());
		return event;
	}

	private void sources(Map<String, Object> event, String changeSource, @Nullable String sourceId) {
		if (this.properties.includeSources()) {
			event.put("changeSource", changeSource);
			if (sourceId != null) {
				event.put("sourceId", sourceId);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private boolean wanted(Map<String, Object> event) {
		String action = (String) event.get("action");
		if ("association".equals(event.get("type"))) {
			return this.subscriptions.association(this.portalId, (String) event.get("fromObjectTypeId"),
					String.valueOf(event.get("toObjectTypeId")), (Long) event.get("fromObjectId"), action);
		}
		Optional<JournalSubscriptions.Subscription> subscription = this.subscriptions.object(this.portalId,
				(String) event.get("objectTypeId"), (Long) event.get("objectId"), action);
		if (subscription.isEmpty() || !this.filters.passes(subscription.get().id(),
				this.records.apply((String) event.get("objectTypeId"), (Long) event.get("objectId")))) {
			return false;
		}
		Map<String, Object> changes = (Map<String, Object>) event.get("propertyChanges");
		List<String> properties = subscription.get().properties();
		if (changes != null && !properties.isEmpty()) {
			changes.keySet().retainAll(properties);
			return !changes.isEmpty() || "CREATE".equals(action);
		}
		return true;
	}

	/** The offset expired or never existed: HubSpot's 404. */
	static final class UnknownOffsetException extends RuntimeException {

		UnknownOffsetException(UUID offset) {
			super("No journal entry for offset " + offset + " (it expired or never existed)");
		}

	}

}
