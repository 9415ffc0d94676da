package dev.hubsync.worker.inbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.hubsync.events.LogContext;
import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.worker.observability.WorkerMetrics;
import dev.hubsync.worker.results.ResultPublisher;
import dev.hubsync.worker.store.HubSpotRecords;
import dev.hubsync.worker.store.Pauses;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.RecordRefused;
import dev.hubsync.worker.store.SyncState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HubSpot to platform, one batch at a time (ARCHITECTURE §3, §5–§8), as a pipeline of
 * steps: drop our own echoes without a read and identities already applied; park what
 * arrives for a paused object type; coalesce the rest per record; hand deletions, merges
 * and privacy deletions to {@link InboundLifecycle}; read the other records' current
 * state with history in batches; apply each in one transaction that starts with the
 * sync-origin marker ({@link InboundApplier}: match, merge, write, link, log,
 * identities); then associations, {@code hubsync_record_id} stamps, and the hand-over of
 * rows whose values HubSpot lacks to the outbound direction. Events are triggers: what is
 * applied is the record's current state.
 * <p>
 * Over 300 lines on purpose: the batch's steps in the order they run, sharing the batch's
 * follow-up; each record's own work is {@link InboundApplier}'s, lifecycle events
 * {@link InboundLifecycle}'s and the follow-up {@link InboundFollowUp}'s.
 */
@Component
public class InboundProcessor {

	private static final Logger logger = LoggerFactory.getLogger(InboundProcessor.class);

	private static final String DIRECTION = "inbound";

	/**
	 * Reads of a record older than the link's mark before the freshest is applied anyway.
	 */
	private static final int STALE_READS = 3;

	private final MappingRegistry registry;

	private final HubSpotClient hubspot;

	private final SyncState state;

	private final PlatformRows rows;

	private final TransactionTemplate transactions;

	private final ResultPublisher results;

	private final WorkerMetrics metrics;

	private final String appId;

	private final Pauses pauses;

	private final HubSpotRecords records;

	private final InboundApplier applier;

	private final InboundLifecycle lifecycle;

	private final InboundFollowUp followUp;

	private final Clock clock;

	InboundProcessor(MappingRegistry registry, HubSpotClient hubspot, SyncState state, PlatformRows rows,
			TransactionTemplate transactions, ResultPublisher results, WorkerMetrics metrics,
			HubSpotProperties hubspotProperties, Pauses pauses, HubSpotRecords records, InboundApplier applier,
			InboundLifecycle lifecycle, InboundFollowUp followUp, Clock clock) {
		this.registry = registry;
		this.hubspot = hubspot;
		this.state = state;
		this.rows = rows;
		this.transactions = transactions;
		this.results = results;
		this.metrics = metrics;
		this.appId = String.valueOf(hubspotProperties.appId());
		this.pauses = pauses;
		this.records = records;
		this.applier = applier;
		this.lifecycle = lifecycle;
		this.followUp = followUp;
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
			outcomes.add(this.lifecycle.result(events.get(0), null, new SyncOutcome.Echo(reason)));
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
				outcomes.add(this.lifecycle.result(incoming, null,
						new SyncOutcome.Unchanged("no mapping for this object type")));
				continue;
			}
			if (this.pauses.paused(DIRECTION, incoming.objectTypeId())
					&& this.pauses.park(DIRECTION, incoming.objectTypeId(), incoming.record())) {
				outcomes.add(this.lifecycle.result(incoming, null,
						new SyncOutcome.Parked("inbound paused for this object type")));
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
		InboundFollowUp.Pending pending = new InboundFollowUp.Pending();
		Map<String, Map<RecordRef, List<Incoming>>> deletions = new LinkedHashMap<>();
		for (Map.Entry<RecordRef, List<Incoming>> entry : byRecord.entrySet()) {
			RecordRef ref = entry.getKey();
			List<Incoming> events = entry.getValue();
			events.sort(Comparator.comparing((Incoming incoming) -> incoming.event().event().occurredAt()));
			Incoming last = lastLifecycle(events);
			try {
				if (events.stream().anyMatch((e) -> e.change() instanceof HubSpotChange.PrivacyDeletionRequested)) {
					outcomes.add(this.lifecycle.erase(ref, events));
				}
				else if (events.stream().anyMatch((e) -> e.change() instanceof HubSpotChange.ObjectsMerged)) {
					outcomes.addAll(this.lifecycle.merge(ref, events));
					// a merge of records none of which was linked: the survivor, which no
					// creation event announces, is read and applied as a new record would
					// be
					for (Incoming incoming : events) {
						if (incoming.change() instanceof HubSpotChange.ObjectsMerged merge) {
							RecordRef survivor = new RecordRef(ref.objectTypeId(), merge.newObjectId());
							if (!refresh.containsKey(survivor)
									&& !this.lifecycle.linked(ref.objectTypeId(), merge.newObjectId())) {
								toRead.computeIfAbsent(ref.objectTypeId(), (t) -> new ArrayList<>())
									.add(merge.newObjectId());
								refresh.put(survivor, List.of(incoming));
							}
						}
					}
				}
				else if (last != null && last.change() instanceof HubSpotChange.ObjectDeleted) {
					boolean partOfMerge = mergedAway.contains(ref.objectId())
							|| "MERGE".equals(last.event().event().changeSource());
					if (partOfMerge) {
						outcomes.add(this.lifecycle.mergedAway(ref, events));
					}
					else {
						deletions.computeIfAbsent(ref.objectTypeId(), (t) -> new LinkedHashMap<>()).put(ref, events);
					}
				}
				else if (events.stream().allMatch((e) -> e.change() instanceof HubSpotChange.AssociationChanged)) {
					// processed once the associations are read and applied (follow-up)
					pending.readAssociations(ref.objectTypeId(), ref.objectId(), events);
					events.forEach((incoming) -> pending.followedUp.add(incoming.identity()));
					outcomes.add(this.lifecycle.result(events.get(events.size() - 1), null,
							new SyncOutcome.Unchanged("associations re-read")));
				}
				else if (refresh.containsKey(ref)) {
					// a merge's survivor this batch reads already
					List<Incoming> both = new ArrayList<>(refresh.get(ref));
					both.addAll(events);
					refresh.put(ref, both);
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
		// a deletion is confirmed before it is applied: a record live again (restored
		// after the deletion was sent) is applied as it is now instead
		for (Map.Entry<String, Map<RecordRef, List<Incoming>>> entry : deletions.entrySet()) {
			CompiledMapping mapping = this.registry.get(entry.getKey()).orElseThrow();
			Set<Long> live = this.records
				.byIds(this.hubspot, mapping, entry.getValue().keySet().stream().map(RecordRef::objectId).toList(),
						false)
				.keySet();
			entry.getValue().forEach((ref, events) -> {
				if (live.contains(ref.objectId())) {
					toRead.computeIfAbsent(ref.objectTypeId(), (t) -> new ArrayList<>()).add(ref.objectId());
					refresh.put(ref, events);
				}
				else {
					outcomes.add(this.lifecycle.archive(ref, events));
				}
			});
		}
		for (Map.Entry<String, List<Long>> entry : toRead.entrySet()) {
			String objectTypeId = entry.getKey();
			CompiledMapping mapping = this.registry.get(objectTypeId).orElseThrow();
			// read with history: conflicts need HubSpot's change times, and an edit our
			// own write overwrote is found in it
			Map<Long, HubSpotObject> current = this.records.byIds(this.hubspot, mapping, entry.getValue(), true);
			for (Long objectId : entry.getValue()) {
				RecordRef ref = new RecordRef(objectTypeId, objectId);
				List<Incoming> events = refresh.get(ref);
				HubSpotObject object = current.get(objectId);
				if (object == null) {
					outcomes.add(this.lifecycle.settle(ref, events,
							new SyncOutcome.Unchanged("the record no longer exists in HubSpot")));
					continue;
				}
				Incoming last = events.get(events.size() - 1);
				try (LogContext context = LogContext.of(last.correlationId(), last.record().key())) {
					outcomes.add(apply(mapping, object, events, pending));
				}
				catch (ValueConversionException | RecordRefused ex) {
					// the record's own fault: set aside with the reason, the batch goes
					// on
					events.forEach((incoming) -> deadLetter.accept(incoming, ex));
				}
			}
		}
		this.followUp.associations(pending);
		this.followUp.handOver(pending);
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
		this.followUp.stamp(pending);
		if (!pending.followedUp.isEmpty()) {
			this.transactions.executeWithoutResult((status) -> this.state.markProcessed(pending.followedUp));
		}
	}

	private SyncResult apply(CompiledMapping mapping, HubSpotObject read, List<Incoming> events,
			InboundFollowUp.Pending pending) {
		HubSpotObject object = read;
		Incoming last = events.get(events.size() - 1);
		for (int attempt = 1;; attempt++) {
			HubSpotObject current = object;
			// a record read again and again older than the link's mark: the mark is ahead
			// of HubSpot (its clocks), and the freshest read is the truth
			boolean trustRead = attempt >= STALE_READS;
			try {
				InboundApplier.Applied applied = this.transactions.execute((status) -> {
					this.rows.markSyncOrigin(events.get(0).correlationId());
					InboundApplier.Applied done = this.applier.apply(mapping, current, events, trustRead);
					// a record with work left after its transaction (associations, stamp,
					// hand-over) counts as processed once that is done too: a crash
					// before applies it again
					if (!InboundFollowUp.Pending.needed(mapping, current, events, done)) {
						this.state.markProcessed(events.stream().map(Incoming::identity).toList());
					}
					return done;
				});
				pending.note(mapping, current, events, applied);
				return this.lifecycle.result(last, applied.platformKey(), applied.outcome());
			}
			catch (DuplicateKeyException | InboundApplier.StaleRead ex) {
				// another worker linked the same identity, or wrote the record,
				// meanwhile: read it again and look again
				if (attempt > STALE_READS) {
					if (ex instanceof DuplicateKeyException duplicate) {
						// a unique value of the product's table taken, every time
						throw RecordRefused.of(mapping.config().platformTable(), null, duplicate);
					}
					throw ex;
				}
				logger.debug("Applying {} {} again: {}", mapping.objectTypeId(), current.id(), ex.getMessage());
				Map<Long, HubSpotObject> again = this.records.byIds(this.hubspot, mapping,
						List.of(Long.parseLong(current.id())), true);
				object = again.get(Long.parseLong(current.id()));
				if (object == null) {
					return this.lifecycle.settle(new RecordRef(mapping.objectTypeId(), Long.parseLong(current.id())),
							events, new SyncOutcome.Unchanged("the record no longer exists in HubSpot"));
				}
			}
			catch (DataIntegrityViolationException ex) {
				// a constraint or data the product's column cannot hold (NOT NULL,
				// numeric
				// range, length): this record's fault, never the batch's
				throw RecordRefused.of(mapping.config().platformTable(), null, ex);
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

}
