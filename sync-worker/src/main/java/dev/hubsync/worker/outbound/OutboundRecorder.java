package dev.hubsync.worker.outbound;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.hubsync.events.LogContext;
import dev.hubsync.events.local.Row;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.worker.merge.FieldDecision;
import dev.hubsync.worker.merge.FieldMerge;
import dev.hubsync.worker.merge.LinkValues;
import dev.hubsync.worker.merge.MergePlan;
import dev.hubsync.worker.merge.RecordMerge;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.LinkUpdate;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.RecordRefused;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what one round of the outbound merge did, in one transaction marked as the
 * sync's own: per pair, under its link's row lock, the product writes (each column
 * re-checked against the row locked for update: a value the product changed since the
 * read is left to that change's own event), the link's per-field values, the sync log,
 * reviews and the processed identities. A pair whose link changed since it was read (the
 * other direction or another replica got there first) is not recorded: it is merged again
 * from fresh reads.
 */
@Component
class OutboundRecorder {

	static final String DIRECTION = "outbound";

	private final LinkStore links;

	private final PlatformRows rows;

	private final SyncState state;

	private final TransactionTemplate transactions;

	OutboundRecorder(LinkStore links, PlatformRows rows, SyncState state, TransactionTemplate transactions) {
		this.links = links;
		this.rows = rows;
		this.state = state;
		this.transactions = transactions;
	}

	/**
	 * Records a round. A pair whose values the product's database refuses (HubSpot won a
	 * value the column cannot hold: an empty NOT NULL column, a number out of range) is
	 * rolled back to its savepoint and set aside with the reason; the others are
	 * recorded.
	 * @param mapping the mapping
	 * @param pairs the merged pairs (refused ones, and those whose record was gone at the
	 * write, are skipped)
	 * @param refused receives a pair's changes the database refused, with the reason
	 * @return the keys of the pairs to merge again
	 */
	Set<String> record(CompiledMapping mapping, List<Pair> pairs, BiConsumer<Outgoing, Exception> refused) {
		List<Pair> recordable = pairs.stream()
			.filter((pair) -> !pair.refused && !pair.gone && pair.plan != null)
			.sorted(java.util.Comparator.comparing((Pair pair) -> pair.key))
			.toList();
		if (recordable.isEmpty()) {
			return Set.of();
		}
		Set<String> again = new LinkedHashSet<>();
		this.transactions.executeWithoutResult((status) -> {
			this.rows.markSyncOrigin(recordable.get(0).last().correlationId());
			List<LinkUpdate> updates = new ArrayList<>();
			List<LogEntry> log = new ArrayList<>();
			List<String> identities = new ArrayList<>();
			for (Pair pair : recordable) {
				try (LogContext context = LogContext.of(pair.last().correlationId(), pair.last().record().key())) {
					// a savepoint only where the product is written: the refusal can come
					// from nowhere else, and most rounds write HubSpot alone
					Object savepoint = pair.plan.platformWrites().isEmpty() ? null : status.createSavepoint();
					if (!lockLink(mapping, pair)) {
						again.add(pair.key);
						continue;
					}
					Set<String> moved;
					try {
						moved = writeProduct(mapping, pair);
					}
					catch (DataIntegrityViolationException ex) {
						status.rollbackToSavepoint(Objects.requireNonNull(savepoint));
						pair.refused = true;
						if (pair.archiving) {
							// the row is deleted: its record's archive goes on, and its
							// changes with it; nothing is set aside
							continue;
						}
						RecordRefused reason = RecordRefused.of(mapping.config().platformTable(), pair.key, ex);
						pair.changes.forEach((outgoing) -> refused.accept(outgoing, reason));
						continue;
					}
					if (savepoint != null) {
						status.releaseSavepoint(savepoint);
					}
					updates.add(update(mapping, pair, moved));
					log.addAll(log(mapping, pair, moved));
					if (!pair.archiving) {
						// a deleted row leaves nothing for a person to decide
						review(mapping, pair);
					}
					if (!pair.associationsPending && !pair.archiving) {
						pair.changes.forEach((outgoing) -> identities.add(outgoing.identity()));
					}
				}
			}
			this.links.updateAll(updates);
			this.state.logAll(log);
			this.state.settleRefusals(mapping.objectTypeId(), synced(updates, recordable));
			this.state.markProcessed(identities);
		});
		return again;
	}

	/**
	 * Locks the pair's link, or creates it for a pair matched in this batch; false when
	 * it changed since the pair was read.
	 */
	private boolean lockLink(CompiledMapping mapping, Pair pair) {
		String objectTypeId = mapping.objectTypeId();
		if (pair.link == null) {
			// an archived pair (a row restored, a record archived) gives way
			this.links.deleteArchived(objectTypeId, pair.key, pair.hubspotId());
			return this.links
				.insertNew(new Link(objectTypeId, pair.hubspotId(), pair.key, 1, null, null, Map.of(), null, false));
		}
		Optional<Link> now = this.links.lockByPlatformKey(objectTypeId, pair.key);
		return now.isPresent() && now.get().version() == pair.link.version()
				&& now.get().hubspotId() == pair.link.hubspotId() && !now.get().archived();
	}

	/**
	 * Writes the product's side; returns the properties not written because the row
	 * changed them since it was read.
	 */
	private Set<String> writeProduct(CompiledMapping mapping, Pair pair) {
		MergePlan plan = pair.plan;
		if (plan.platformWrites().isEmpty()) {
			return Set.of();
		}
		Row locked = this.rows.lock(mapping.config(), List.of(pair.key)).get(pair.key);
		Set<String> moved = new HashSet<>();
		Map<String, @Nullable Object> writes = new LinkedHashMap<>();
		for (Map.Entry<String, @Nullable Object> write : plan.platformWrites().entrySet()) {
			CompiledField field = mapping.byColumn(write.getKey()).orElseThrow();
			String read = FieldMerge.normalise(field.toHubSpot(pair.key, pair.row.get(field.column())));
			if (locked != null
					&& read.equals(FieldMerge.normalise(field.toHubSpot(pair.key, locked.get(field.column()))))) {
				writes.put(write.getKey(), write.getValue());
			}
			else {
				moved.add(field.property());
			}
		}
		this.rows.update(mapping.config(), pair.key, writes);
		return moved;
	}

	/** The fields each recorded pair holds synced now, by row. */
	private static Map<String, Set<String>> synced(List<LinkUpdate> updates, List<Pair> pairs) {
		Map<Long, String> keys = new LinkedHashMap<>();
		pairs.forEach((pair) -> keys.put(pair.hubspotId(), pair.key));
		Map<String, Set<String>> synced = new LinkedHashMap<>();
		for (LinkUpdate update : updates) {
			String key = keys.get(update.hubspotId());
			if (key != null && !update.ancestors().isEmpty()) {
				synced.computeIfAbsent(key, (k) -> new LinkedHashSet<>()).addAll(update.ancestors().keySet());
			}
		}
		return synced;
	}

	private LinkUpdate update(CompiledMapping mapping, Pair pair, Set<String> moved) {
		MergePlan plan = pair.plan;
		Map<String, String> ancestors = new LinkedHashMap<>(plan.ancestors());
		Set<String> settled = new LinkedHashSet<>(plan.settled());
		ancestors.keySet().removeAll(moved);
		settled.removeAll(moved);
		java.time.Instant modified = (pair.written != null) ? pair.written.updatedAt() : pair.object.updatedAt();
		// a deleted row's position is recorded with its record's archive: a retry after a
		// failed archive finds its changes still to do
		return new LinkUpdate(mapping.objectTypeId(), pair.hubspotId(), ancestors, settled, productTimes(pair, moved),
				seenAfterWrite(mapping, pair), modified, pair.archiving ? null : pair.lsn(), null, null);
	}

	/**
	 * The product times the link keeps: the plan's for fields left undecided, and the
	 * change time of each product value written to HubSpot now. That value becomes the
	 * last-synced one, and a later read of the history may find a HubSpot edit our write
	 * covered: whether the edit came before or after the product's change is known only
	 * with the change's time (without it, the product's value would count as older than
	 * any edit, and an older HubSpot clear would undo the product's later value).
	 */
	private static Map<String, java.time.Instant> productTimes(Pair pair, Set<String> moved) {
		Map<String, java.time.Instant> times = new LinkedHashMap<>(pair.plan.productTimes());
		if (pair.written == null) {
			return times;
		}
		for (MergePlan.FieldResult result : pair.plan.fields()) {
			String property = result.field().property();
			String value = pair.plan.hubspotWrites().get(property);
			if (value != null && !moved.contains(property) && result.platformChangedAt() != null
					&& value.equals(result.platform())) {
				LinkValues.keep(times, property, value, result.platformChangedAt());
			}
		}
		return times;
	}

	/**
	 * The HubSpot history accounted for once the pair is written: what the merge read,
	 * never the write's modification time. HubSpot has no conditional write: an edit made
	 * between this batch's read and its write is overwritten when it is of a field
	 * written, and when that edit's webhook is lost, only a read of the history after the
	 * write finds it; so the fields written keep what was accounted for before (from the
	 * read when nothing was), older than the write's modification time, and the poller
	 * reads those records again with history ({@code ReconciliationPoller}). A field not
	 * written is no more accounted for by the write: a HubSpot user may have set it away
	 * and back meanwhile, after a product change whose event is still on its way, and
	 * that merge must find the set-back in the history (chaos seed 42); only a field the
	 * merge left out (a refused value) is accounted for up to the write, as the poller
	 * would read such a record again and again otherwise.
	 */
	private static Map<String, java.time.Instant> seenAfterWrite(CompiledMapping mapping, Pair pair) {
		Map<String, java.time.Instant> seen = new LinkedHashMap<>(pair.plan.hubspotSeen());
		if (pair.written == null || pair.written.updatedAt() == null || pair.object.updatedAt() == null) {
			return seen;
		}
		Map<String, java.time.Instant> before = pair.values().hubspotSeen();
		Set<String> merged = new HashSet<>();
		pair.plan.fields().forEach((result) -> merged.add(result.field().property()));
		for (String property : RecordMerge.historyProperties(mapping)) {
			if (!pair.object.properties().containsKey(property)) {
				continue;
			}
			if (pair.plan.hubspotWrites().containsKey(property)) {
				if (!seen.containsKey(property) && !before.containsKey(property)) {
					seen.put(property, pair.object.updatedAt());
				}
			}
			else if (!merged.contains(property)) {
				// a field the merge left out (its value refused): no set-back of it is
				// decided, and the write covered no edit of it
				seen.merge(property, pair.written.updatedAt(), (a, b) -> a.isAfter(b) ? a : b);
			}
		}
		return seen;
	}

	private List<LogEntry> log(CompiledMapping mapping, Pair pair, Set<String> moved) {
		List<LogEntry> log = new ArrayList<>();
		String correlation = pair.last().correlationId();
		if (pair.link == null) {
			log.add(new LogEntry(DIRECTION, mapping.objectTypeId(), pair.key, pair.hubspotId(), correlation, "linked",
					null, null, null, null, null, "matched by " + pair.matchedBy));
		}
		for (MergePlan.FieldResult result : pair.plan.fields()) {
			FieldDecision decision = result.decision();
			String property = result.field().property();
			if (decision.outcome() == FieldDecision.Outcome.IN_SYNC || pair.plan.deferred().contains(property)
					|| pair.plan.refused().containsKey(property)
					|| (pair.archiving && !pair.plan.platformWrites().containsKey(result.field().column()))) {
				// a value HubSpot refused is logged as refused (review), not as applied,
				// and a deleted row's pair logs only what reached the row (HubSpot is
				// not written: its record is archived next)
				continue;
			}
			String outcome = decision.conflict() ? "conflict"
					: (decision.outcome() == FieldDecision.Outcome.KEEP) ? "kept" : "applied";
			String detail = decision.reason().text() + (result.overwritten()
					? "; HubSpot's edit, overwritten by" + " the sync's own write, recovered" : "")
					+ (moved.contains(property) ? "; not written: the product changed it meanwhile" : "");
			log.add(new LogEntry(DIRECTION, mapping.objectTypeId(), pair.key, pair.hubspotId(), correlation, outcome,
					property, result.platform(), result.hubspot(), result.field().rule().name(), decision.winner(),
					detail));
		}
		return log;
	}

	private void review(CompiledMapping mapping, Pair pair) {
		pair.plan.refused()
			.forEach((property, refusal) -> this.state.refused(DIRECTION, mapping.objectTypeId(), pair.key,
					pair.hubspotId(), pair.last().correlationId(), property, refusal));
		for (MergePlan.FieldResult result : pair.plan.reviews()) {
			this.state.openReview("manual", mapping.objectTypeId(), pair.key, pair.hubspotId(),
					result.field().property(), result.platform(), result.hubspot(), "both sides changed "
							+ result.field().column() + " <-> " + result.field().property() + "; choose a value");
		}
	}

	/**
	 * Returns the properties whose values both sides now hold, of a pair just recorded.
	 * @param pair the pair
	 * @return the synced values after the pair's merge, over the link's earlier ones
	 */
	static Map<String, String> syncedAfter(Pair pair) {
		Map<String, String> synced = new HashMap<>((pair.link != null) ? pair.link.syncedValues() : Map.of());
		if (pair.plan != null) {
			synced.putAll(pair.plan.ancestors());
		}
		return synced;
	}

}
