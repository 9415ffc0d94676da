package dev.hubsync.worker.outbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.hubsync.events.LogContext;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.matching.RecordMatcher;
import dev.hubsync.worker.matching.RowMatch;
import dev.hubsync.worker.merge.FieldMerge;
import dev.hubsync.worker.merge.LinkValues;
import dev.hubsync.worker.merge.MergePlan;
import dev.hubsync.worker.merge.ProductTime;
import dev.hubsync.worker.merge.RecordMerge;
import dev.hubsync.worker.store.HubSpotRecords;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.LinksMade;
import dev.hubsync.worker.store.LinkUpdate;
import dev.hubsync.worker.store.MergedLinks;
import dev.hubsync.worker.store.PlatformRows;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * The outbound direction's work on one object type's batch, as a pipeline of named steps
 * (ARCHITECTURE §4, §7): {@link #classify} the changed rows (stale, deleted, linked,
 * unlinked); {@link #match} the unlinked ones (never written blind: one batch read by the
 * match keys, the identity rule, duplicates to review); {@link #read} the linked ones;
 * {@link #merge} every pair field by field; {@link #send} what the product wins to
 * HubSpot and create what matched nothing; {@link OutboundRecorder#record} the rest under
 * each link's lock. A pair whose link changed meanwhile is read and merged again, up to
 * {@code hubsync.worker.outbound.merge-rounds} times.
 * <p>
 * Over 300 lines on purpose: the steps of one pipeline sharing one {@link OutboundBatch},
 * each a method of its own; creation, settlements, writing and recording are in classes
 * of their own.
 */
@Component
class OutboundMerge {

	private final MappingRegistry registry;

	private final HubSpotClient hubspot;

	private final LinkStore links;

	private final PlatformRows rows;

	private final WorkerProperties properties;

	private final OutboundAssociations associations;

	private final RecordMatcher matcher;

	private final HubSpotRecords records;

	private final HubSpotWriter writer;

	private final OutboundRecorder recorder;

	private final OutboundCreates creates;

	private final OutboundSettlements settlements;

	private final FirstLinks firstLinks;

	private final MergedLinks merges;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final String appId;

	private final ApplicationEventPublisher events;

	OutboundMerge(MappingRegistry registry, HubSpotClient hubspot, LinkStore links, PlatformRows rows,
			WorkerProperties properties, OutboundAssociations associations, RecordMatcher matcher,
			HubSpotRecords records, HubSpotWriter writer, OutboundRecorder recorder, OutboundCreates creates,
			OutboundSettlements settlements, FirstLinks firstLinks, MergedLinks merges,
			TransactionTemplate transactions, HubSpotProperties hubspotProperties, Clock clock,
			ApplicationEventPublisher events) {
		this.events = events;
		this.registry = registry;
		this.hubspot = hubspot;
		this.links = links;
		this.rows = rows;
		this.properties = properties;
		this.associations = associations;
		this.matcher = matcher;
		this.records = records;
		this.writer = writer;
		this.recorder = recorder;
		this.creates = creates;
		this.settlements = settlements;
		this.firstLinks = firstLinks;
		this.merges = merges;
		this.transactions = transactions;
		this.clock = clock;
		this.appId = String.valueOf(hubspotProperties.appId());
	}

	/**
	 * Writes one object type's changes.
	 * @param mapping the mapping
	 * @param byKey the changes per row, in offset order
	 * @param deadLetter receives changes that cannot be written, with the reason
	 * @return the results
	 */
	List<SyncResult> write(CompiledMapping mapping, Map<String, List<Outgoing>> byKey,
			BiConsumer<Outgoing, Exception> deadLetter) {
		OutboundBatch batch = new OutboundBatch(mapping, deadLetter, this.clock);
		boolean background = byKey.values()
			.stream()
			.flatMap(List::stream)
			.allMatch((o) -> o.change().op() == ChangeOp.SNAPSHOT);
		batch.client = this.hubspot.withLane(background ? Lane.BACKGROUND : Lane.LIVE);
		Map<String, Row> unlinked = classify(batch, byKey);
		List<Pair> pairs = new ArrayList<>(read(batch));
		pairs.addAll(match(batch, unlinked));
		pairs.addAll(batch.lateMatches);
		batch.lateMatches.clear();
		for (int round = 1; !pairs.isEmpty(); round++) {
			merge(batch, pairs);
			Set<String> again = new HashSet<>();
			List<Pair> writing;
			try (FirstLinks.Guard guard = this.firstLinks.guard(mapping, pairs)) {
				// a row the inbound direction linked since the read, or is linking now,
				// is
				// merged again, with its link
				writing = guard.unraced(pairs);
				again.addAll(guard.raced());
				send(batch, writing);
			}
			for (Pair pair : writing) {
				pair.associationsPending = !pair.archiving && OutboundAssociations.changed(mapping, pair.row,
						(pair.link != null) ? pair.link.syncedValues() : Map.of());
			}
			// a record archived or merged away between the read and the write: read
			// again (a merge's survivor takes the link, an archived record sets the
			// changes aside with the reason, as when the read misses it)
			writing.stream().filter((pair) -> pair.gone).forEach((pair) -> again.add(pair.key));
			again.addAll(this.recorder.record(mapping, writing, batch.deadLetter));
			finish(batch, writing, again);
			if (again.isEmpty()) {
				break;
			}
			if (round >= this.properties.outbound().mergeRounds()) {
				throw new IllegalStateException(again.size() + " " + ObjectTypes.pathName(mapping.objectTypeId())
						+ " records changed on the other side during " + round
						+ " merges in a row; the batch is retried");
			}
			pairs = reread(batch, again);
		}
		associate(batch);
		this.settlements.archive(batch);
		return batch.outcomes;
	}

	/**
	 * Sorts the changed rows: stale changes and rows that need no HubSpot record are
	 * settled, deleted rows archive their record, linked rows become pairs to read, the
	 * rest are returned to be matched.
	 */
	private Map<String, Row> classify(OutboundBatch batch, Map<String, List<Outgoing>> byKey) {
		MappingConfig config = batch.mapping.config();
		String objectTypeId = batch.mapping.objectTypeId();
		// links before rows: the inbound direction writes a row and its link in one
		// transaction, so a row read after its link is never older than the link (a row
		// read before a link the inbound direction made meanwhile would merge its value
		// from before the inbound write against the link's new last-synced value, and
		// take it for the product's change: long model run 4, seed 357636208548917952)
		Map<String, Link> linked = this.links.byPlatformKeys(objectTypeId, byKey.keySet());
		Map<String, Long> lsns = this.links.platformLsns(objectTypeId, byKey.keySet());
		Map<String, Row> current = this.rows.read(config, byKey.keySet());
		Map<String, Row> unlinked = new LinkedHashMap<>();
		for (Map.Entry<String, List<Outgoing>> entry : byKey.entrySet()) {
			String key = entry.getKey();
			List<Outgoing> changes = entry.getValue();
			batch.changes.put(key, changes);
			Outgoing last = changes.get(changes.size() - 1);
			Long highWater = lsns.get(key);
			// snapshots and healing events are triggers (the row is the truth) and carry
			// no position of their own (Triggers.snapshotPosition); only changes older
			// than what the link applied are stale
			boolean stale = changes.stream()
				.allMatch((o) -> o.change().op() != ChangeOp.SNAPSHOT && o.change().lsn() > 0 && highWater != null
						&& highWater >= o.change().lsn());
			Row row = current.get(key);
			Link link = linked.get(key);
			if (stale && row != null && link != null && !link.archived() && !PlatformRows.archived(config, row)
					&& OutboundAssociations.changed(batch.mapping, row, link.syncedValues())) {
				// the link applied these changes, but the batch that recorded them failed
				// before their associations were written (and was retried): the
				// associations are written now, and the changes settle after them
				batch.associationWork.add(new OutboundAssociations.Item(key, link.hubspotId(), row, link.syncedValues(),
						OutboundAssociations.changeTimes(batch.mapping, row, changes), false, null));
				changes.forEach((outgoing) -> batch.afterAssociations.add(outgoing.identity()));
				batch.outcomes.add(batch.result(last, key,
						new SyncOutcome.Unchanged("older than the link's high-water mark; associations written")));
				batch.lastOf.put(key, last);
				continue;
			}
			if (stale) {
				this.settlements.settle(batch, changes, key,
						new SyncOutcome.Unchanged("older than the link's high-water mark"));
				continue;
			}
			if (row == null && link != null && !link.archived() && !this.properties.outbound().archiveOnDelete()) {
				this.settlements.unlink(batch, key, changes, link);
			}
			else if (row == null || PlatformRows.archived(config, row)) {
				if (link != null && !link.archived()) {
					batch.archives.add(new Write(key, changes, link.hubspotId(), Map.of()));
					if (row != null) {
						batch.archiving.add(key);
						batch.linked.put(key, link);
						batch.current.put(key, row);
					}
				}
				else {
					settleDeleted(batch, key, changes, row, link, "not in HubSpot");
				}
			}
			else if (link != null && !link.archived()) {
				batch.linked.put(key, link);
				batch.current.put(key, row);
			}
			else {
				if (link != null) {
					batch.restored.put(key, link);
				}
				batch.current.put(key, row);
				unlinked.put(key, row);
			}
			batch.lastOf.put(key, last);
		}
		return unlinked;
	}

	/**
	 * Reads the HubSpot records of the linked rows (or, without read-before-write, takes
	 * the link's values).
	 */
	private List<Pair> read(OutboundBatch batch) {
		if (batch.linked.isEmpty()) {
			return List.of();
		}
		Map<Long, HubSpotObject> objects;
		if (this.properties.outbound().readBeforeWrite()) {
			objects = this.records.byIds(batch.client, batch.mapping,
					batch.linked.values().stream().map(Link::hubspotId).toList(), false);
		}
		else {
			objects = new LinkedHashMap<>();
			for (Link link : batch.linked.values()) {
				objects.put(link.hubspotId(), asSynced(batch.mapping, link));
			}
		}
		List<Pair> pairs = new ArrayList<>();
		List<String> moved = new ArrayList<>();
		for (Map.Entry<String, Link> entry : batch.linked.entrySet()) {
			String key = entry.getKey();
			HubSpotObject object = objects.get(entry.getValue().hubspotId());
			if (object == null && batch.archiving.contains(key)) {
				// the record is gone already: its archive is all there is to do
				continue;
			}
			if (object == null) {
				object = followMerge(batch, key, entry.getValue(), moved);
				if (object == null) {
					continue;
				}
			}
			Pair pair = new Pair(key, batch.changes.get(key), batch.current.get(key), entry.getValue(), null, object);
			pair.archiving = batch.archiving.contains(key);
			pairs.add(pair);
		}
		// a link that followed a merge is read again with its row, links before rows
		// (the row read before may be older than what the other direction wrote
		// meanwhile)
		pairs.addAll(reread(batch, moved));
		return pairs;
	}

	/**
	 * A linked record the batch read did not find: merged away before its merge event
	 * applied (a single read resolves it to the survivor; the link follows it the way the
	 * merge event would move it, and the key is read again), or archived in HubSpot. An
	 * archived record's change is not lost silently: it is set aside with the reason (its
	 * deletion webhook, if one comes, archives the row; a re-drive after it re-creates).
	 * @return the record when the single read found it under its own id
	 */
	private @Nullable HubSpotObject followMerge(OutboundBatch batch, String key, Link link, List<String> moved) {
		List<Outgoing> changes = batch.changes.get(key);
		String objectTypeId = batch.mapping.objectTypeId();
		Optional<HubSpotObject> survivor = this.records.resolving(batch.client, batch.mapping, link.hubspotId());
		if (survivor.isEmpty()) {
			IllegalStateException gone = new IllegalStateException("the linked HubSpot record " + link.hubspotId()
					+ " is gone (archived in HubSpot, no deletion webhook applied)");
			changes.forEach((outgoing) -> batch.deadLetter.accept(outgoing, gone));
			return null;
		}
		long to = Long.parseLong(survivor.get().id());
		if (to == link.hubspotId()) {
			return survivor.get();
		}
		String correlationId = batch.lastOf.get(key).correlationId();
		MergedLinks.Repointed repointed = Objects.requireNonNull(this.transactions.execute((status) -> this.merges
			.repoint(OutboundRecorder.DIRECTION, objectTypeId, link.hubspotId(), to, correlationId)));
		if (repointed.parked()) {
			// two rows stand for one record now: the review holds both, and this change
			// waits with it (a person links one, then the row's next change is written)
			this.settlements.settle(batch, changes, key, new SyncOutcome.Parked(
					"HubSpot merged " + link.hubspotId() + " into " + to + ": " + repointed.outcome()));
			return null;
		}
		moved.add(key);
		return null;
	}

	/**
	 * Matches unlinked rows: found ones become pairs, the rest are created or reviewed.
	 */
	private List<Pair> match(OutboundBatch batch, Map<String, Row> unlinked) {
		if (unlinked.isEmpty()) {
			return List.of();
		}
		List<Pair> pairs = new ArrayList<>();
		// a bulk sync listed HubSpot's records and found none for these rows: they are
		// created without another read (a record made meanwhile with a contact's email
		// makes the create refused, and the row is matched then), but only the row the
		// identity rule picks among the product's rows sharing an email
		Map<String, Row> listed = new LinkedHashMap<>();
		Map<String, Row> toMatch = new LinkedHashMap<>();
		unlinked.forEach((key, row) -> {
			if (!batch.rematched.contains(key) && batch.changes.get(key).stream().allMatch(Outgoing::fromBulk)) {
				listed.put(key, row);
			}
			else {
				toMatch.put(key, row);
			}
		});
		Map<String, RowMatch> matches = new LinkedHashMap<>(
				this.matcher.forRows(batch.client, batch.mapping, listed, false));
		matches.putAll(this.matcher.forRows(batch.client, batch.mapping, toMatch, true));
		for (Map.Entry<String, RowMatch> entry : matches.entrySet()) {
			String key = entry.getKey();
			RowMatch match = entry.getValue();
			List<Outgoing> changes = batch.changes.get(key);
			switch (match.kind()) {
				case FOUND -> pairs.add(new Pair(key, changes, unlinked.get(key), null, match.by(), match.object()));
				case CREATE -> batch.creates.put(key, unlinked.get(key));
				case DUPLICATE -> this.settlements.duplicate(batch, key, changes, match);
			}
		}
		Set<String> conflicted = this.creates.create(batch);
		if (!conflicted.isEmpty()) {
			Map<String, Row> again = new LinkedHashMap<>();
			conflicted.forEach((key) -> again.put(key, batch.current.get(key)));
			batch.lateMatches.addAll(match(batch, again));
		}
		return pairs;
	}

	/**
	 * Merges every pair; pairs with a conflict that needs HubSpot's change time are read
	 * again with history.
	 */
	private void merge(OutboundBatch batch, List<Pair> pairs) {
		List<Pair> withoutHistory = new ArrayList<>();
		for (Pair pair : new ArrayList<>(pairs)) {
			try (LogContext context = LogContext.of(pair.last().correlationId(), pair.last().record().key())) {
				if (!planOrDeadLetter(batch, pairs, pair)) {
					continue;
				}
			}
			if (!pair.plan.needsHistory().isEmpty()) {
				withoutHistory.add(pair);
			}
		}
		if (withoutHistory.isEmpty()) {
			return;
		}
		Map<Long, HubSpotObject> reread = this.records.byIds(batch.client, batch.mapping,
				withoutHistory.stream().map(Pair::hubspotId).toList(), true);
		for (Pair pair : withoutHistory) {
			HubSpotObject object = reread.get(pair.hubspotId());
			if (object != null) {
				pair.object = object;
				planOrDeadLetter(batch, pairs, pair);
			}
		}
	}

	private boolean planOrDeadLetter(OutboundBatch batch, List<Pair> pairs, Pair pair) {
		try {
			List<Outgoing> timed = pair.archiving ? withoutBlindDeletions(batch.mapping, pair.changes) : pair.changes;
			MergePlan plan = RecordMerge.merge(batch.mapping, pair.key, pair.row, pair.object, pair.values(),
					new ChangeTimes(batch.mapping, pair.key, pair.row, timed, pair.values()), this.appId);
			pair.plan = pair.archiving ? plan.withoutHubSpotWrites() : plan;
			return true;
		}
		catch (ValueConversionException ex) {
			if (pair.archiving) {
				// the row is deleted: its record's archive goes on, nothing is set aside
				pairs.remove(pair);
				return false;
			}
			pair.changes.forEach((outgoing) -> batch.deadLetter.accept(outgoing, ex));
			pairs.remove(pair);
			keepTimesOfDeadLettered(batch, pair);
			return false;
		}
	}

	/**
	 * A deleted row's changes without the deletion's own event when it has no old row (no
	 * replica identity FULL): such an event counts as touching every column, and would
	 * lend the deletion's time to each field the row holds unsynced, so the product's
	 * older value would beat a HubSpot change made before the deletion. A field the
	 * deletion did change is then of unknown time, and left undecided.
	 */
	private static List<Outgoing> withoutBlindDeletions(CompiledMapping mapping, List<Outgoing> changes) {
		return changes.stream()
			.filter((outgoing) -> outgoing.change().op() != ChangeOp.UPDATE || outgoing.change().before() != null
					|| outgoing.change().current() == null
					|| !PlatformRows.archived(mapping.config(), outgoing.change().current()))
			.toList();
	}

	/**
	 * Keeps, on the link, the product change times of the fields a dead-lettered pair's
	 * changes touched and that convert: the changes are set aside whole for one field's
	 * value, and a later change of another field moves the link past them, so without
	 * their times a HubSpot edit of those fields would wait for a product event that
	 * already came, and both sides would keep their own value.
	 */
	private void keepTimesOfDeadLettered(OutboundBatch batch, Pair pair) {
		if (pair.link == null) {
			return;
		}
		Map<String, java.time.Instant> kept = keptTimes(batch, pair.key, pair.row, pair.changes, pair.link, false);
		if (!kept.isEmpty()) {
			this.links.updateAll(List.of(new LinkUpdate(batch.mapping.objectTypeId(), pair.hubspotId(), Map.of(),
					Set.of(), kept, Map.of(), null, null, null, null)));
		}
	}

	/**
	 * Returns the product change times to keep on a link for the fields a row's changes
	 * touched and that differ from the last-synced value, for changes not merged. With
	 * {@code eventsOnly}, only a time read from a change event of the field counts.
	 */
	private Map<String, java.time.Instant> keptTimes(OutboundBatch batch, String key, Row row, List<Outgoing> changes,
			Link link, boolean eventsOnly) {
		ChangeTimes times = new ChangeTimes(batch.mapping, key, row, changes, link.values());
		Map<String, java.time.Instant> kept = new LinkedHashMap<>();
		for (CompiledField field : batch.mapping.fields()) {
			if (!row.has(field.column())) {
				continue;
			}
			try {
				String platform = FieldMerge.normalise(field.toHubSpot(key, row.get(field.column())));
				String ancestor = link.values().ancestor(field.property());
				if (ancestor == null || platform.equals(FieldMerge.normalise(ancestor))) {
					continue;
				}
				ProductTime time = times.of(field.property(), platform, ancestor);
				if (time.at() != null && (time.touched() || !eventsOnly)) {
					LinkValues.keep(kept, field.property(), platform, time.at());
				}
			}
			catch (ValueConversionException ex) {
				// the field the changes were set aside for
			}
		}
		return kept;
	}

	/**
	 * Settles the changes of a row deleted (archived) before they were merged, keeping on
	 * its link, if any, the times the changes' events give the fields they changed: when
	 * the pair is restored, a merge would otherwise leave a conflict of those fields to a
	 * product event that already came, and both sides would keep their own value (chaos
	 * seed 42). Only event times: the change-time column of a deleted row is likely the
	 * deletion's own write, later than the change. An archived link stays archived.
	 */
	private void settleDeleted(OutboundBatch batch, String key, List<Outgoing> changes, @Nullable Row row,
			@Nullable Link link, String why) {
		if (row != null && link != null) {
			this.links.keepProductTimes(batch.mapping.objectTypeId(), link.hubspotId(),
					keptTimes(batch, key, row, changes, link, true));
		}
		this.settlements.settle(batch, changes, key, new SyncOutcome.Unchanged(why));
	}

	/**
	 * Sends what the product wins to HubSpot: backwards enum moves cleared first, then
	 * updates.
	 */
	private void send(OutboundBatch batch, List<Pair> pairs) {
		String type = ObjectTypes.pathName(batch.mapping.objectTypeId());
		List<Write> clears = new ArrayList<>();
		List<Write> updates = new ArrayList<>();
		Map<String, Pair> byKey = new LinkedHashMap<>();
		// a deleted row's pair writes the product alone: its record is archived next
		List<Pair> sending = pairs.stream().filter((pair) -> !pair.archiving).toList();
		Set<Long> stampedMeanwhile = stampedMeanwhile(batch, sending);
		for (Pair pair : sending) {
			Map<String, String> values = new LinkedHashMap<>(pair.plan.hubspotWrites());
			if (FirstLinks.stamps(pair) && !stampedMeanwhile.contains(pair.hubspotId())) {
				// stamped whenever the record names another row (or none), so a lost link
				// is rebuilt, and a create by this row's key never lands on another pair
				values.put(RECORD_ID, pair.key);
				values.put(SOURCE_SYSTEM, this.properties.installId());
			}
			if (values.isEmpty()) {
				continue;
			}
			byKey.put(pair.key, pair);
			Map<String, String> clear = new LinkedHashMap<>();
			for (Map.Entry<String, String> value : values.entrySet()) {
				CompiledField field = batch.mapping.byProperty(value.getKey()).orElse(null);
				if (field != null && field.clearBeforeSet(pair.object.property(field.property()), value.getValue())) {
					clear.put(field.property(), "");
				}
			}
			if (!clear.isEmpty()) {
				clears.add(new Write(pair.key, pair.changes, pair.hubspotId(), clear));
			}
			updates.add(new Write(pair.key, pair.changes, pair.hubspotId(), values));
		}
		BiConsumer<Write, RuntimeException> setAside = (write, reason) -> {
			if (reason instanceof HubSpotWriter.RecordGone && batch.goneOnce.add(write.key())) {
				byKey.get(write.key()).gone = true;
				return;
			}
			// gone a second time, though the read after the first found it: set aside
			// with HubSpot's answer rather than read again and again
			byKey.get(write.key()).refused = true;
			write.changes().forEach((outgoing) -> batch.deadLetter.accept(outgoing, reason));
		};
		// HubSpot refusing some values of a write: those are refused alone, and the write
		// goes again without them. Not for a record with a clear before a set (a
		// backwards enum move): a clear refused, or a set refused after its clear went,
		// sets the record aside as before. The writer calls back from its threads.
		Map<String, Write> again = new java.util.concurrent.ConcurrentHashMap<>();
		Set<String> clearing = new HashSet<>();
		clears.forEach((write) -> clearing.add(write.key()));
		BiConsumer<Write, RuntimeException> refused = (write, reason) -> {
			synchronized (again) {
				Pair pair = byKey.get(write.key());
				if (reason instanceof HubSpotWriter.RecordGone) {
					setAside.accept(write, reason);
					return;
				}
				Map<String, MergePlan.Refusal> refusals = clearing.contains(write.key()) ? Map.of()
						: fieldRefusals(batch.mapping, pair.plan.fields(), write, reason);
				if (refusals.isEmpty()) {
					setAside.accept(write, reason);
					return;
				}
				pair.plan = pair.plan.refusing(refusals);
				Map<String, String> rest = new LinkedHashMap<>(write.values());
				rest.keySet().removeAll(refusals.keySet());
				if (!rest.isEmpty()) {
					again.put(write.key(), new Write(write.key(), write.changes(), write.hubspotId(), rest));
				}
			}
		};
		sendUpdates(batch, type, clears, updates, byKey, refused);
		again.keySet().removeIf((key) -> byKey.get(key).gone);
		if (!again.isEmpty()) {
			this.writer
				.send(List.copyOf(again.values()), (chunk) -> batch.client.batch().update(type, updates(chunk)),
						setAside)
				.forEach((key, object) -> byKey.get(key).written = object);
		}
		keepRefusedTimes(batch, byKey.values());
	}

	/**
	 * The fields of a write HubSpot refused for their values, when the write can go again
	 * without them: none is the match key, a field set to set its record aside, or a
	 * property of the sync's own; empty otherwise (the record is set aside).
	 */
	static Map<String, MergePlan.Refusal> fieldRefusals(CompiledMapping mapping, List<MergePlan.FieldResult> fields,
			Write write, RuntimeException reason) {
		Set<String> named = RefusedProperties.of(reason);
		if (named.isEmpty()) {
			return Map.of();
		}
		String matchKey = mapping.emailField().map(CompiledField::property).orElse(null);
		Map<String, MergePlan.Refusal> refusals = new LinkedHashMap<>();
		for (String property : named) {
			CompiledField field = mapping.byProperty(property).orElse(null);
			if (field == null || property.equals(matchKey) || field.setsAsideRecord()
					|| !write.values().containsKey(property)) {
				return Map.of();
			}
			String platform = write.values().get(property);
			String hubspot = null;
			for (MergePlan.FieldResult result : fields) {
				if (result.field().property().equals(property)) {
					hubspot = result.hubspotCurrent();
				}
			}
			refusals.put(property, new MergePlan.Refusal(field.column(), platform, hubspot,
					"HubSpot refused the value: " + reason.getMessage()));
		}
		return refusals;
	}

	/**
	 * Reads again the records whose only write would be the stamp: the inbound direction
	 * stamps the records it links, and a stamp it wrote after this batch's read would
	 * make ours a write that changes nothing.
	 * @return the records that carry this batch's row key by now
	 */
	private Set<Long> stampedMeanwhile(OutboundBatch batch, List<Pair> pairs) {
		List<Pair> stampOnly = pairs.stream()
			.filter((pair) -> pair.plan.hubspotWrites().isEmpty() && FirstLinks.stamps(pair))
			.toList();
		if (stampOnly.isEmpty()) {
			return Set.of();
		}
		Map<Long, HubSpotObject> now = this.records.byIds(batch.client, batch.mapping,
				stampOnly.stream().map(Pair::hubspotId).toList(), false);
		Set<Long> stamped = new HashSet<>();
		for (Pair pair : stampOnly) {
			HubSpotObject object = now.get(pair.hubspotId());
			if (object != null && pair.key.equals(object.property(RECORD_ID))) {
				stamped.add(pair.hubspotId());
			}
		}
		return stamped;
	}

	private void sendUpdates(OutboundBatch batch, String type, List<Write> clears, List<Write> updates,
			Map<String, Pair> byKey, BiConsumer<Write, RuntimeException> refused) {
		this.writer.send(clears, (chunk) -> batch.client.batch().update(type, updates(chunk)), refused);
		List<Write> cleared = updates.stream()
			.filter((w) -> !byKey.get(w.key()).refused && !byKey.get(w.key()).gone)
			.toList();
		this.writer.send(cleared, (chunk) -> batch.client.batch().update(type, updates(chunk)), refused)
			.forEach((key, object) -> byKey.get(key).written = object);
	}

	/**
	 * Keeps the product change times of the values HubSpot refused on their link: the
	 * changes are dead-lettered, and until one is re-driven, a HubSpot edit of those
	 * fields is judged against them rather than left waiting for a product change event
	 * that already came.
	 */
	private void keepRefusedTimes(OutboundBatch batch, Collection<Pair> pairs) {
		List<LinkUpdate> updates = new ArrayList<>();
		for (Pair pair : pairs) {
			if (!pair.refused || pair.link == null || pair.plan == null) {
				continue;
			}
			// the times of values refused alone before the record was set aside, too
			Map<String, java.time.Instant> times = new LinkedHashMap<>(pair.plan.productTimes());
			for (MergePlan.FieldResult result : pair.plan.fields()) {
				if (pair.plan.hubspotWrites().containsKey(result.field().property())
						&& result.platformChangedAt() != null) {
					LinkValues.keep(times, result.field().property(), result.platform(), result.platformChangedAt());
				}
			}
			if (!times.isEmpty()) {
				updates.add(new LinkUpdate(batch.mapping.objectTypeId(), pair.hubspotId(), Map.of(), Set.of(), times,
						Map.of(), null, null, null, null));
			}
		}
		this.links.updateAll(updates);
	}

	private static List<BatchInputs.Update> updates(List<Write> chunk) {
		return chunk.stream()
			.map((w) -> new BatchInputs.Update(String.valueOf(w.hubspotId()), null, w.values(), w.key()))
			.toList();
	}

	/** Turns a recorded round into results and association work. */
	private void finish(OutboundBatch batch, List<Pair> pairs, Set<String> again) {
		String objectTypeId = batch.mapping.objectTypeId();
		for (Pair pair : pairs) {
			if (pair.refused || pair.plan == null || again.contains(pair.key) || pair.archiving) {
				// a deleted row's result is its record's archive
				continue;
			}
			MergePlan plan = pair.plan;
			List<String> fields = new ArrayList<>();
			plan.hubspotWrites().keySet().forEach(fields::add);
			plan.platformWrites()
				.keySet()
				.forEach((column) -> fields.add(batch.mapping.byColumn(column).orElseThrow().property()));
			SyncOutcome outcome;
			if (!fields.isEmpty()) {
				outcome = new SyncOutcome.Applied(fields, false);
			}
			else if (!plan.conflicts().isEmpty()) {
				outcome = new SyncOutcome.Conflict(plan.conflicts());
			}
			else {
				outcome = new SyncOutcome.Unchanged(
						(pair.link == null) ? "linked by " + pair.matchedBy + ", values in sync"
								: plan.deferred().isEmpty() ? "HubSpot holds these values"
										: "left to the product's next change event: " + plan.deferred());
			}
			batch.outcomes.add(batch.result(pair.last(), pair.key, outcome));
			batch.associationWork.add(new OutboundAssociations.Item(pair.key, pair.hubspotId(), pair.row,
					(pair.link != null) ? pair.link.syncedValues() : Map.of(),
					OutboundAssociations.changeTimes(batch.mapping, pair.row, batch.changes.get(pair.key)), false,
					null));
			if (pair.associationsPending) {
				pair.changes.forEach((outgoing) -> batch.afterAssociations.add(outgoing.identity()));
			}
			if (pair.link == null) {
				batch.linkedNow.add(pair.key);
			}
		}
	}

	/**
	 * Writes the associations of the rows whose foreign keys changed, and those that
	 * waited for rows linked now.
	 */
	private void associate(OutboundBatch batch) {
		List<OutboundAssociations.Item> changed = batch.associationWork.stream()
			.filter((item) -> OutboundAssociations.changed(batch.mapping, item.row(), item.synced()))
			.toList();
		if (!changed.isEmpty()) {
			this.associations.write(batch.client, batch.mapping, changed);
		}
		Map<String, Link> linkedNow = this.associations.completePending(batch.client, this.registry,
				batch.mapping.objectTypeId(), batch.linkedNow);
		if (!linkedNow.isEmpty()) {
			// the inbound direction's associations that waited for these records
			Map<String, Long> linked = new LinkedHashMap<>();
			linkedNow.forEach((key, link) -> linked.put(key, link.hubspotId()));
			this.events.publishEvent(new LinksMade(batch.mapping.objectTypeId(), linked, false));
		}
		if (!batch.afterAssociations.isEmpty()) {
			this.settlements.processed(batch.afterAssociations);
		}
	}

	/**
	 * Reads the pairs to merge again: their links, rows and records (with history) as
	 * they are now.
	 */
	private List<Pair> reread(OutboundBatch batch, Collection<String> keys) {
		MappingConfig config = batch.mapping.config();
		// links before rows, as in classify
		Map<String, Link> linked = this.links.byPlatformKeys(batch.mapping.objectTypeId(), keys);
		Map<String, Row> current = this.rows.read(config, keys);
		Map<String, Row> unlinked = new LinkedHashMap<>();
		List<Pair> pairs = new ArrayList<>();
		List<String> moved = new ArrayList<>();
		Map<Long, HubSpotObject> objects = this.records.byIds(batch.client, batch.mapping,
				linked.values().stream().map(Link::hubspotId).toList(), true);
		for (String key : keys) {
			Row row = current.get(key);
			Link link = linked.get(key);
			boolean archiving = batch.archiving.contains(key);
			if (archiving && (row == null || link == null || link.archived())) {
				// left to the record's archive (or gone with it)
				continue;
			}
			if (!archiving && (row == null || PlatformRows.archived(config, row))) {
				settleDeleted(batch, key, batch.changes.get(key), row, link, "deleted meanwhile");
			}
			else if (link == null || link.archived()) {
				batch.current.put(key, row);
				unlinked.put(key, row);
			}
			else {
				HubSpotObject object = objects.get(link.hubspotId());
				if (object == null && archiving) {
					continue;
				}
				if (object == null) {
					// archived or merged away since the batch's first read
					object = followMerge(batch, key, link, moved);
				}
				if (object != null) {
					batch.current.put(key, row);
					Pair pair = new Pair(key, batch.changes.get(key), row, link, null, object);
					pair.archiving = archiving;
					pairs.add(pair);
				}
			}
		}
		if (!moved.isEmpty()) {
			pairs.addAll(reread(batch, moved));
		}
		pairs.addAll(match(batch, unlinked));
		pairs.addAll(batch.lateMatches);
		batch.lateMatches.clear();
		return pairs;
	}

	/**
	 * A record standing for the link's last-synced values (outbound without
	 * read-before-write).
	 */
	private static HubSpotObject asSynced(CompiledMapping mapping, Link link) {
		Map<String, @Nullable String> values = new LinkedHashMap<>();
		for (CompiledField field : mapping.fields()) {
			values.put(field.property(), link.syncedValues().get(field.property()));
		}
		return new HubSpotObject(String.valueOf(link.hubspotId()), values, null, null, link.hubspotModifiedAt(), false,
				null, null);
	}

}
