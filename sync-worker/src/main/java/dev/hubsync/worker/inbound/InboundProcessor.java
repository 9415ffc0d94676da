package dev.hubsync.worker.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.result.SyncDirection;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.BatchResult;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.objects.SearchClient;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.mapping.matching.FuzzyMatcher;
import dev.hubsync.mapping.matching.MatchKeys;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.observability.WorkerMetrics;
import dev.hubsync.worker.results.ResultPublisher;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.Pauses;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * HubSpot to platform, one batch at a time (ARCHITECTURE §3, §5–§8): drops applied
 * identities and our own echoes without a read, coalesces the rest per record, reads the
 * records' current state in batches of up to 100, and per record — in one transaction
 * that starts with the sync-origin marker — matches, decides per field, writes the row,
 * the link, the log and the identities. Events are triggers: what is applied is the
 * record's current state.
 */
@Component
public class InboundProcessor {

	private static final Logger logger = LoggerFactory.getLogger(InboundProcessor.class);

	private static final String DIRECTION = "inbound";

	private final MappingRegistry registry;

	private final HubSpotClient hubspot;

	private final LinkStore links;

	private final SyncState state;

	private final PlatformRows rows;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ResultPublisher results;

	private final WorkerMetrics metrics;

	private final String appId;

	private final WorkerProperties properties;

	private final DeletionGuard guard;

	private final Pauses pauses;

	private final AssociationSync associations;

	private final Clock clock;

	InboundProcessor(MappingRegistry registry, HubSpotClient hubspot, LinkStore links, SyncState state,
			PlatformRows rows, JdbcClient jdbc, TransactionTemplate transactions, ResultPublisher results,
			WorkerMetrics metrics, HubSpotProperties hubspotProperties, WorkerProperties properties,
			DeletionGuard guard, Pauses pauses, AssociationSync associations, Clock clock) {
		this.registry = registry;
		this.hubspot = hubspot;
		this.links = links;
		this.state = state;
		this.rows = rows;
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.results = results;
		this.metrics = metrics;
		this.appId = String.valueOf(hubspotProperties.appId());
		this.properties = properties;
		this.guard = guard;
		this.pauses = pauses;
		this.associations = associations;
		this.clock = clock;
	}

	/**
	 * Processes a batch.
	 * @param batch the events, in offset order
	 * @param deadLetter receives events that cannot be applied (with the reason) while
	 * the rest proceeds
	 */
	public void process(List<Incoming> batch, BiConsumer<Incoming, Exception> deadLetter) {
		List<SyncResult> outcomes = new ArrayList<>();
		Map<String, Incoming> unique = new LinkedHashMap<>();
		Set<String> echoes = new HashSet<>();
		Map<String, List<Incoming>> echoesByRecord = new LinkedHashMap<>();
		for (Incoming incoming : batch) {
			if (incoming.event().event().madeByApp(this.appId)) {
				// our own echo: dropped by its app id alone, so it needs neither a read
				// nor a processed identity (seen again, it is dropped again)
				if (echoes.add(incoming.identity())) {
					echoesByRecord.computeIfAbsent(incoming.event().key().toString(), (k) -> new ArrayList<>())
						.add(incoming);
				}
				continue;
			}
			unique.putIfAbsent(incoming.identity(), incoming);
		}
		// one result per record, as for applied changes: a creation echoes as a creation
		// and a property change per property, and each is counted
		for (List<Incoming> events : echoesByRecord.values()) {
			String reason = "changeSource INTEGRATION, our app id"
					+ ((events.size() > 1) ? " (" + events.size() + " events)" : "");
			outcomes.add(result(events.get(0), null, new SyncOutcome.Echo(reason)));
		}
		Set<String> applied = this.state.processed(unique.keySet());
		List<String> settled = new ArrayList<>();
		Map<RecordRef, List<Incoming>> byRecord = new LinkedHashMap<>();
		for (Incoming incoming : unique.values()) {
			if (applied.contains(incoming.identity())) {
				this.metrics.outcome(DIRECTION, incoming.objectTypeId(), "duplicate");
				continue;
			}
			if (this.registry.get(incoming.objectTypeId()).isEmpty()) {
				settled.add(incoming.identity());
				outcomes.add(result(incoming, null, new SyncOutcome.Unchanged("no mapping for this object type")));
				continue;
			}
			if (this.pauses.paused(DIRECTION, incoming.objectTypeId())) {
				this.pauses.park(DIRECTION, incoming.objectTypeId(), incoming.record());
				outcomes.add(result(incoming, null, new SyncOutcome.Parked("inbound paused for this object type")));
				continue;
			}
			byRecord
				.computeIfAbsent(new RecordRef(incoming.objectTypeId(), incoming.objectId()), (r) -> new ArrayList<>())
				.add(incoming);
		}
		if (!settled.isEmpty()) {
			this.transactions.executeWithoutResult((status) -> this.state.markProcessed(settled));
		}
		// merges first: deletions of absorbed records in the same batch are part of them
		Set<Long> mergedAway = new HashSet<>();
		Map<String, List<Long>> toRead = new LinkedHashMap<>();
		Map<RecordRef, List<Incoming>> refresh = new LinkedHashMap<>();
		for (Map.Entry<RecordRef, List<Incoming>> entry : byRecord.entrySet()) {
			for (Incoming incoming : entry.getValue()) {
				if (incoming.change() instanceof HubSpotChange.ObjectsMerged merge) {
					mergedAway.addAll(merge.mergedObjectIds());
					mergedAway.add(merge.primaryObjectId());
					mergedAway.remove(merge.newObjectId());
				}
			}
		}
		List<String> created = new ArrayList<>();
		Map<String, Set<Long>> associationsToSync = new LinkedHashMap<>();
		for (Map.Entry<RecordRef, List<Incoming>> entry : byRecord.entrySet()) {
			RecordRef ref = entry.getKey();
			List<Incoming> events = entry.getValue();
			events.sort(Comparator.comparing((Incoming incoming) -> incoming.event().event().occurredAt()));
			Incoming last = lastLifecycle(events);
			try {
				if (events.stream().anyMatch((e) -> e.change() instanceof HubSpotChange.PrivacyDeletionRequested)) {
					outcomes.add(erase(ref, events));
				}
				else if (events.stream().anyMatch((e) -> e.change() instanceof HubSpotChange.ObjectsMerged)) {
					outcomes.addAll(merge(ref, events));
				}
				else if (last != null && last.change() instanceof HubSpotChange.ObjectDeleted) {
					boolean partOfMerge = mergedAway.contains(ref.objectId())
							|| "MERGE".equals(last.event().event().changeSource());
					outcomes.add(partOfMerge ? mergedAway(ref, events) : archive(ref, events));
				}
				else if (events.stream().allMatch((e) -> e.change() instanceof HubSpotChange.AssociationChanged)) {
					associationsToSync.computeIfAbsent(ref.objectTypeId(), (t) -> new LinkedHashSet<>())
						.add(ref.objectId());
					outcomes.add(settle(ref, events, new SyncOutcome.Unchanged("associations re-read")));
				}
				else {
					toRead.computeIfAbsent(ref.objectTypeId(), (t) -> new ArrayList<>()).add(ref.objectId());
					refresh.put(ref, events);
				}
			}
			catch (ValueConversionException ex) {
				events.forEach((incoming) -> deadLetter.accept(incoming, ex));
			}
		}
		for (Map.Entry<String, List<Long>> entry : toRead.entrySet()) {
			String objectTypeId = entry.getKey();
			CompiledMapping mapping = this.registry.get(objectTypeId).orElseThrow();
			Map<Long, HubSpotObject> current = read(mapping, entry.getValue());
			for (Long objectId : entry.getValue()) {
				RecordRef ref = new RecordRef(objectTypeId, objectId);
				List<Incoming> events = refresh.get(ref);
				HubSpotObject object = current.get(objectId);
				if (object == null) {
					outcomes
						.add(settle(ref, events, new SyncOutcome.Unchanged("the record no longer exists in HubSpot")));
					continue;
				}
				try {
					Applied applied1 = applyWithRetry(mapping, object, events);
					outcomes.add(applied1.result());
					// associations move with creations, restores and association events,
					// not with
					// property changes: those cost no association read
					if (applied1.platformKey() != null && (applied1.created() || events.stream()
						.anyMatch((e) -> e.change() instanceof HubSpotChange.ObjectCreated
								|| e.change() instanceof HubSpotChange.ObjectRestored
								|| e.change() instanceof HubSpotChange.ObjectPolled))) {
						associationsToSync.computeIfAbsent(objectTypeId, (t) -> new LinkedHashSet<>()).add(objectId);
					}
					if (applied1.created()) {
						created.add(objectTypeId + "/" + objectId + "/" + applied1.platformKey());
					}
				}
				catch (ValueConversionException ex) {
					events.forEach((incoming) -> deadLetter.accept(incoming, ex));
				}
			}
		}
		for (Map.Entry<String, Set<Long>> entry : associationsToSync.entrySet()) {
			this.registry.get(entry.getKey()).ifPresent((mapping) -> this.associations.sync(mapping, entry.getValue()));
			this.associations.resolvePending(entry.getKey(), entry.getValue());
		}
		if (!outcomes.isEmpty()) {
			this.results.publish(outcomes);
			Instant now = this.clock.instant();
			for (SyncResult outcome : outcomes) {
				if (!(outcome.outcome() instanceof SyncOutcome.Echo)) {
					this.metrics.outcome(DIRECTION, outcome.objectTypeId(),
							outcome.outcome().getClass().getSimpleName());
				}
			}
			for (List<Incoming> events : echoesByRecord.values()) {
				this.metrics.outcome(DIRECTION, events.get(0).objectTypeId(), "echo", events.size());
			}
			for (Incoming incoming : unique.values()) {
				if (!applied.contains(incoming.identity())) {
					this.metrics.latency(DIRECTION, incoming.event().event().occurredAt(), now);
				}
			}
		}
		stamp(created);
	}

	private Map<Long, HubSpotObject> read(CompiledMapping mapping, List<Long> ids) {
		String objectTypeId = mapping.objectTypeId();
		Set<String> properties = new LinkedHashSet<>(mapping.properties());
		properties.add(RECORD_ID);
		properties.add(SearchClient.lastModifiedProperty(objectTypeId));
		if (ObjectTypes.CONTACTS.equals(objectTypeId)) {
			properties.add(MatchKeys.ADDITIONAL_EMAILS);
		}
		List<String> history = new ArrayList<>();
		for (CompiledField field : mapping.fields()) {
			if (field.rule() == ConflictRule.LATEST_WINS && field.direction().toPlatform()) {
				history.add(field.property());
			}
		}
		Map<Long, HubSpotObject> objects = new HashMap<>();
		int chunk = this.properties.inbound().readChunk();
		for (int from = 0; from < ids.size(); from += chunk) {
			List<Long> slice = ids.subList(from, Math.min(ids.size(), from + chunk));
			BatchResult result = this.hubspot.batch()
				.read(ObjectTypes.pathName(objectTypeId),
						new BatchInputs.Read(
								slice.stream().map((id) -> new BatchInputs.Id(String.valueOf(id))).toList(),
								List.copyOf(properties), history, null),
						false);
			this.metrics.hubspotRead(objectTypeId, slice.size());
			for (HubSpotObject object : result.results()) {
				objects.put(Long.parseLong(object.id()), object);
			}
		}
		return objects;
	}

	private Applied applyWithRetry(CompiledMapping mapping, HubSpotObject object, List<Incoming> events) {
		try {
			return this.transactions.execute((status) -> apply(mapping, object, events));
		}
		catch (DuplicateKeyException ex) {
			// another worker linked or created the same identity at the same time: look
			// again
			logger.debug("Retrying {} {} after a unique violation: {}", mapping.objectTypeId(), object.id(),
					ex.getMessage());
			return this.transactions.execute((status) -> apply(mapping, object, events));
		}
	}

	private Applied apply(CompiledMapping mapping, HubSpotObject object, List<Incoming> events) {
		MappingConfig config = mapping.config();
		String objectTypeId = mapping.objectTypeId();
		long hubspotId = Long.parseLong(object.id());
		Incoming first = events.get(0);
		this.rows.markSyncOrigin(first.correlationId());
		Optional<Link> existing = this.links.lockByHubSpotId(objectTypeId, hubspotId);
		String platformKey;
		boolean created = false;
		List<String> inserted = List.of();
		String matchedBy;
		if (existing.isPresent()) {
			platformKey = existing.get().platformKey();
			matchedBy = "link";
		}
		else {
			Match match = match(mapping, object);
			if (match.parked() != null) {
				return new Applied(
						settleInTransaction(events, result(first, null, new SyncOutcome.Parked(match.parked()))), false,
						null);
			}
			if (match.platformKey() != null) {
				platformKey = match.platformKey();
				matchedBy = match.by();
			}
			else {
				Map<String, @Nullable Object> values = mapping.toPlatform(object.id(), object.properties());
				platformKey = this.rows.insert(config, values);
				inserted = List.copyOf(values.keySet());
				created = true;
				matchedBy = "created";
			}
		}
		Row row = this.rows.find(config, platformKey)
			.orElseThrow(() -> new IllegalStateException(
					"linked platform row " + config.platformTable() + "/" + platformKey + " is gone"));
		Map<String, String> synced = new HashMap<>(existing.map(Link::syncedValues).orElse(Map.of()));
		Map<String, @Nullable Object> writes = new LinkedHashMap<>();
		List<SyncOutcome.FieldConflict> conflicts = new ArrayList<>();
		List<String> written = new ArrayList<>();
		Instant platformChangedAt = PlatformRows.changeTime(config, row);
		for (CompiledField field : mapping.fields()) {
			if (!field.direction().toPlatform() || !object.properties().containsKey(field.property())) {
				continue;
			}
			String hubValue = object.property(field.property());
			String hub = field.canonical(object.id(), hubValue);
			String platform = field.toHubSpot(platformKey, row.get(field.column()));
			if (hub.equals(platform)) {
				synced.put(field.property(), hub);
				continue;
			}
			String last = synced.get(field.property());
			boolean hubspotWins;
			if (created) {
				hubspotWins = true;
			}
			else if (last != null && last.equals(platform)) {
				hubspotWins = true; // only HubSpot changed it
			}
			else if (last != null && last.equals(hub)) {
				continue; // only the platform changed it: the outbound direction's to
							// write
			}
			else {
				hubspotWins = decide(field, object, events, platformChangedAt);
				String winner = (field.rule() == ConflictRule.MANUAL) ? "none" : hubspotWins ? "hubspot" : "platform";
				conflicts.add(new SyncOutcome.FieldConflict(field.property(), platform, hub, field.rule(), winner));
				this.state.log(new LogEntry(DIRECTION, objectTypeId, platformKey, hubspotId, first.correlationId(),
						"conflict", field.property(), platform, hub, field.rule().name(), winner, null));
				if (field.rule() == ConflictRule.MANUAL) {
					this.state.review("manual", objectTypeId, platformKey, hubspotId, field.property(), platform, hub,
							"both sides changed " + field.column() + " <-> " + field.property());
					continue;
				}
			}
			if (hubspotWins) {
				writes.put(field.column(), field.toPlatform(object.id(), hubValue));
				written.add(field.property());
				synced.put(field.property(), hub);
				if (!created) {
					this.state.log(new LogEntry(DIRECTION, objectTypeId, platformKey, hubspotId, first.correlationId(),
							"applied", field.property(), platform, hub, field.rule().name(), "hubspot", null));
				}
			}
		}
		boolean restored = PlatformRows.archived(config, row) && (existing.map(Link::archived).orElse(false)
				|| events.stream().anyMatch((e) -> e.change() instanceof HubSpotChange.ObjectRestored));
		if (!created) {
			this.rows.update(config, platformKey, writes);
		}
		if (restored) {
			this.rows.restore(config, platformKey);
			written.add("restored");
		}
		Row after = (writes.isEmpty() && !restored) ? row : this.rows.find(config, platformKey).orElse(row);
		this.links.save(new Link(objectTypeId, hubspotId, platformKey, 0, mapping.hashOfRow(platformKey, after),
				mapping.hashOfHubSpot(object.id(), object.properties()), synced, object.updatedAt(), false));
		if (created || !matchedBy.equals("link")) {
			this.state.log(new LogEntry(DIRECTION, objectTypeId, platformKey, hubspotId, first.correlationId(),
					created ? "created" : "linked", null, null, null, null, null, "matched by " + matchedBy));
		}
		this.state.markProcessed(events.stream().map(Incoming::identity).toList());
		SyncOutcome outcome;
		if (created) {
			outcome = new SyncOutcome.Applied(inserted, true);
		}
		else if (!written.isEmpty()) {
			outcome = new SyncOutcome.Applied(written, false);
		}
		else if (!conflicts.isEmpty()) {
			outcome = new SyncOutcome.Conflict(conflicts);
		}
		else {
			outcome = new SyncOutcome.Unchanged(
					matchedBy.equals("link") ? "in sync" : "linked by " + matchedBy + ", values in sync");
		}
		return new Applied(result(first, platformKey, outcome), created, platformKey);
	}

	private boolean decide(CompiledField field, HubSpotObject object, List<Incoming> events,
			@Nullable Instant platformChangedAt) {
		return switch (field.rule()) {
			case HUBSPOT_WINS -> true;
			case PLATFORM_WINS, MANUAL -> false;
			case LATEST_WINS -> {
				Instant hubspotChangedAt = hubspotChangeTime(field.property(), object, events);
				yield platformChangedAt == null
						|| (hubspotChangedAt != null && hubspotChangedAt.isAfter(platformChangedAt));
			}
		};
	}

	private static @Nullable Instant hubspotChangeTime(String property, HubSpotObject object, List<Incoming> events) {
		Instant fromHistory = object.propertyChangedAt(property);
		if (fromHistory != null) {
			return fromHistory;
		}
		Instant fromEvents = null;
		for (Incoming incoming : events) {
			if (incoming.change() instanceof HubSpotChange.PropertyChanged changed
					&& changed.propertyName().equals(property)) {
				fromEvents = incoming.event().event().occurredAt();
			}
		}
		return (fromEvents != null) ? fromEvents : object.updatedAt();
	}

	private Match match(CompiledMapping mapping, HubSpotObject object) {
		MappingConfig config = mapping.config();
		String recordId = object.property(RECORD_ID);
		if (recordId != null && !recordId.isBlank()) {
			lock(mapping.objectTypeId(), "record:" + recordId);
			if (this.rows.exists(config, recordId)) {
				Optional<Link> linked = this.links.byPlatformKey(mapping.objectTypeId(), recordId);
				if (linked.isEmpty()) {
					return new Match(recordId, RECORD_ID, null);
				}
			}
		}
		Optional<CompiledField> email = mapping.emailField();
		if (email.isPresent()) {
			List<String> emails = MatchKeys.emails(object.properties(), email.get().property());
			if (!emails.isEmpty()) {
				lock(mapping.objectTypeId(), emails.get(0));
				List<String> keys = this.rows.keysByEmail(config, email.get().column(), emails);
				List<String> unlinked = keys.stream()
					.filter((key) -> this.links.byPlatformKey(mapping.objectTypeId(), key).isEmpty())
					.toList();
				if (unlinked.size() > 1) {
					long id = Long.parseLong(object.id());
					this.state.review("duplicate-email", mapping.objectTypeId(), String.join(",", unlinked), id,
							"email", String.join(",", unlinked), emails.get(0),
							unlinked.size() + " platform rows share the email; link one by hand");
					return new Match(null, null, "platform rows " + unlinked + " share the email " + emails.get(0));
				}
				if (unlinked.size() == 1) {
					return new Match(unlinked.get(0), "email", null);
				}
			}
		}
		return fuzzy(mapping, object);
	}

	/**
	 * The fuzzy rule (ARCHITECTURE §6): unlinked platform rows sharing at least one fuzzy
	 * column's value (case-insensitive) are scored by the mapping's {@link FuzzyMatcher}
	 * over all fuzzy columns; the best at or above the threshold is linked when the
	 * mapping says {@code fuzzyAutoMerge}, otherwise proposed in the review table while
	 * the record gets a row of its own.
	 */
	private Match fuzzy(CompiledMapping mapping, HubSpotObject object) {
		List<String> columns = mapping.matching().fuzzyColumns();
		if (columns.isEmpty()) {
			return new Match(null, null, null);
		}
		List<@Nullable String> theirs = new ArrayList<>();
		for (String column : columns) {
			CompiledField field = mapping.byColumn(column).orElseThrow();
			Object value = field.toPlatform(object.id(), object.property(field.property()));
			theirs.add((value != null) ? value.toString() : null);
		}
		FuzzyMatcher matcher = new FuzzyMatcher(mapping.matching());
		String best = null;
		double bestScore = 0;
		for (Map.Entry<String, List<@Nullable String>> candidate : this.rows
			.candidates(mapping.config(), columns, theirs)
			.entrySet()) {
			if (this.links.byPlatformKey(mapping.objectTypeId(), candidate.getKey()).isPresent()) {
				continue;
			}
			double score = matcher.score(candidate.getValue(), theirs);
			if (score >= mapping.matching().fuzzyThreshold() && score > bestScore) {
				best = candidate.getKey();
				bestScore = score;
			}
		}
		if (best == null) {
			return new Match(null, null, null);
		}
		if (mapping.matching().fuzzyAutoMerge()) {
			return new Match(best, String.format("fuzzy match (%.3f)", bestScore), null);
		}
		this.state.review("fuzzy", mapping.objectTypeId(), best, Long.parseLong(object.id()), String.join(",", columns),
				null, String.join(" ", theirs.stream().map(String::valueOf).toList()), String.format(
						"similar to platform row %s (score %.3f); link them by hand if they are one", best, bestScore));
		return new Match(null, null, null);
	}

	private void lock(String objectTypeId, String matchKey) {
		this.jdbc.sql("SELECT pg_advisory_xact_lock(?)")
			.param(MatchKeys.lockKey(objectTypeId, matchKey))
			.query((rs, n) -> 1)
			.list();
	}

	private SyncResult archive(RecordRef ref, List<Incoming> events) {
		CompiledMapping mapping = this.registry.get(ref.objectTypeId()).orElseThrow();
		Incoming last = events.get(events.size() - 1);
		return this.transactions.execute((status) -> {
			this.rows.markSyncOrigin(last.correlationId());
			Optional<Link> link = this.links.lockByHubSpotId(ref.objectTypeId(), ref.objectId());
			if (link.isEmpty()) {
				return settleInTransaction(events, result(last, null, new SyncOutcome.Unchanged("not linked")));
			}
			String key = link.get().platformKey();
			if (link.get().archived()) {
				return settleInTransaction(events, result(last, key, new SyncOutcome.Unchanged("already archived")));
			}
			if (!this.guard.allow(ref.objectTypeId())) {
				this.state.review("deletion", ref.objectTypeId(), key, ref.objectId(), null, null, null,
						"mass-deletion guard: more deletions of " + ObjectTypes.pathName(ref.objectTypeId())
								+ " than allowed in the window; archive the row by hand or release");
				this.state.log(new LogEntry(DIRECTION, ref.objectTypeId(), key, ref.objectId(), last.correlationId(),
						"parked", null, null, null, null, null, "deletion guard"));
				return settleInTransaction(events, result(last, key, new SyncOutcome.Parked("mass-deletion guard")));
			}
			this.rows.archive(mapping.config(), key, last.event().event().occurredAt());
			this.links.archive(ref.objectTypeId(), ref.objectId(), true);
			this.state.log(new LogEntry(DIRECTION, ref.objectTypeId(), key, ref.objectId(), last.correlationId(),
					"archived", null, null, null, null, null, null));
			return settleInTransaction(events, result(last, key, new SyncOutcome.Applied(List.of("archived"), false)));
		});
	}

	/**
	 * Applies the deletions the guard parked for an object type and resets its window.
	 * @param objectTypeId the object type
	 * @return how many rows were archived
	 */
	public int releaseDeletions(String objectTypeId) {
		CompiledMapping mapping = this.registry.get(objectTypeId)
			.orElseThrow(() -> new IllegalArgumentException("no mapping for " + objectTypeId));
		this.guard.reset(objectTypeId);
		Integer archived = this.transactions.execute((status) -> {
			this.rows.markSyncOrigin("guard-release-" + java.util.UUID.randomUUID());
			int count = 0;
			for (Long hubspotId : this.state.openDeletions(objectTypeId)) {
				Optional<Link> link = this.links.lockByHubSpotId(objectTypeId, hubspotId);
				if (link.isPresent() && !link.get().archived()) {
					this.rows.archive(mapping.config(), link.get().platformKey(), this.clock.instant());
					this.links.archive(objectTypeId, hubspotId, true);
					this.state.log(new LogEntry(DIRECTION, objectTypeId, link.get().platformKey(), hubspotId, null,
							"archived", null, null, null, null, null, "released from the deletion guard"));
					count++;
				}
			}
			this.state.resolveDeletions(objectTypeId);
			return count;
		});
		return (archived != null) ? archived : 0;
	}

	private SyncResult mergedAway(RecordRef ref, List<Incoming> events) {
		Incoming last = events.get(events.size() - 1);
		Optional<HubSpotObject> survivor;
		try {
			survivor = this.hubspot.objects()
				.get(ObjectTypes.pathName(ref.objectTypeId()), String.valueOf(ref.objectId()),
						ReadOptions.properties(List.of("hs_object_id")));
		}
		catch (HubSpotClientException ex) {
			survivor = Optional.empty();
		}
		long target = survivor.map((object) -> Long.parseLong(object.id())).orElse(ref.objectId());
		if (target == ref.objectId()) {
			return settle(ref, events, new SyncOutcome.Unchanged("deleted by a merge; the merge event re-links"));
		}
		return this.transactions.execute((status) -> {
			this.rows.markSyncOrigin(last.correlationId());
			String outcome = repoint(ref.objectTypeId(), ref.objectId(), target, last.correlationId());
			return settleInTransaction(events, result(last, null, new SyncOutcome.Unchanged(outcome)));
		});
	}

	private List<SyncResult> merge(RecordRef ref, List<Incoming> events) {
		List<SyncResult> outcomes = new ArrayList<>();
		for (Incoming incoming : events) {
			if (incoming.change() instanceof HubSpotChange.ObjectsMerged merge) {
				outcomes.add(this.transactions.execute((status) -> {
					this.rows.markSyncOrigin(incoming.correlationId());
					List<Long> absorbed = new ArrayList<>(merge.mergedObjectIds());
					absorbed.add(merge.primaryObjectId());
					List<String> done = new ArrayList<>();
					for (Long id : absorbed) {
						if (id != merge.newObjectId()) {
							done.add(repoint(ref.objectTypeId(), id, merge.newObjectId(), incoming.correlationId()));
						}
					}
					return settleInTransaction(List.of(incoming),
							result(incoming, null, new SyncOutcome.Unchanged(String.join("; ", done))));
				}));
			}
		}
		List<Incoming> others = events.stream()
			.filter((incoming) -> !(incoming.change() instanceof HubSpotChange.ObjectsMerged))
			.toList();
		if (!others.isEmpty()) {
			outcomes.add(settle(ref, others, new SyncOutcome.Unchanged("superseded by a merge")));
		}
		return outcomes;
	}

	private String repoint(String objectTypeId, long from, long to, String correlationId) {
		Optional<Link> absorbed = this.links.lockByHubSpotId(objectTypeId, from);
		if (absorbed.isEmpty()) {
			return from + " was not linked";
		}
		Optional<Link> survivor = this.links.lockByHubSpotId(objectTypeId, to);
		if (survivor.isPresent()) {
			this.state.review("merge", objectTypeId, absorbed.get().platformKey(), from, null,
					absorbed.get().platformKey(), survivor.get().platformKey(),
					"HubSpot merged two linked records into " + to + "; platform rows " + absorbed.get().platformKey()
							+ " and " + survivor.get().platformKey() + " both stand for it");
			this.links.archive(objectTypeId, from, true);
			return from + " parked for review (merged into linked " + to + ")";
		}
		this.links.repoint(objectTypeId, from, to);
		this.state.log(new LogEntry(DIRECTION, objectTypeId, absorbed.get().platformKey(), to, correlationId, "merged",
				null, null, null, null, null, "link moved from " + from + " to " + to));
		return from + " re-linked to " + to;
	}

	private SyncResult erase(RecordRef ref, List<Incoming> events) {
		CompiledMapping mapping = this.registry.get(ref.objectTypeId()).orElseThrow();
		Incoming last = events.get(events.size() - 1);
		return this.transactions.execute((status) -> {
			this.rows.markSyncOrigin(last.correlationId());
			Optional<Link> link = this.links.lockByHubSpotId(ref.objectTypeId(), ref.objectId());
			String key = link.map(Link::platformKey).orElse(null);
			if (key != null) {
				this.rows.erase(mapping.config(), key);
				this.links.delete(ref.objectTypeId(), ref.objectId());
			}
			this.state.erase(ref.objectTypeId(), ref.objectId(), key);
			return settleInTransaction(events, result(last, null,
					new SyncOutcome.Applied(List.of((key != null) ? "erased" : "nothing to erase"), false)));
		});
	}

	private SyncResult settle(RecordRef ref, List<Incoming> events, SyncOutcome outcome) {
		return this.transactions
			.execute((status) -> settleInTransaction(events, result(events.get(events.size() - 1), null, outcome)));
	}

	private SyncResult settleInTransaction(List<Incoming> events, SyncResult result) {
		this.state.markProcessed(events.stream().map(Incoming::identity).toList());
		return result;
	}

	private void stamp(List<String> created) {
		Map<String, List<BatchInputs.Update>> byType = new LinkedHashMap<>();
		for (String entry : created) {
			String[] parts = entry.split("/", 3);
			byType.computeIfAbsent(parts[0], (t) -> new ArrayList<>())
				.add(new BatchInputs.Update(parts[1], null,
						Map.of(RECORD_ID, parts[2], SOURCE_SYSTEM, this.properties.installId()), null));
		}
		for (Map.Entry<String, List<BatchInputs.Update>> entry : byType.entrySet()) {
			List<BatchInputs.Update> updates = entry.getValue();
			for (int from = 0; from < updates.size(); from += BatchInputs.MAX) {
				try {
					BatchResult stamped = this.hubspot.batch()
						.update(ObjectTypes.pathName(entry.getKey()),
								updates.subList(from, Math.min(updates.size(), from + BatchInputs.MAX)));
					for (HubSpotObject object : stamped.results()) {
						if (object.updatedAt() != null) {
							this.links.advance(entry.getKey(), Long.parseLong(object.id()), object.updatedAt());
						}
					}
				}
				catch (HubSpotClientException ex) {
					logger.warn(
							"Could not stamp {} on {} new {} records (create the properties with the mapping"
									+ " service): {}",
							RECORD_ID, updates.size(), ObjectTypes.pathName(entry.getKey()), ex.getMessage());
				}
			}
		}
	}

	private static @Nullable Incoming lastLifecycle(List<Incoming> events) {
		Incoming last = null;
		for (Incoming incoming : events) {
			HubSpotChange change = incoming.change();
			if (change instanceof HubSpotChange.ObjectDeleted || change instanceof HubSpotChange.ObjectRestored
					|| change instanceof HubSpotChange.ObjectCreated || change instanceof HubSpotChange.PropertyChanged
					|| change instanceof HubSpotChange.ObjectPolled) {
				last = incoming;
			}
		}
		return last;
	}

	private SyncResult result(Incoming incoming, @Nullable String platformKey, SyncOutcome outcome) {
		return new SyncResult(incoming.event().key().toString(), SyncDirection.INBOUND, incoming.objectTypeId(),
				platformKey, String.valueOf(incoming.objectId()), outcome, incoming.correlationId(),
				this.clock.instant());
	}

	private record RecordRef(String objectTypeId, long objectId) {
	}

	private record Match(@Nullable String platformKey, @Nullable String by, @Nullable String parked) {
	}

	private record Applied(SyncResult result, boolean created, @Nullable String platformKey) {
	}

}
