package dev.hubsync.worker.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.hubsync.events.EventSource;
import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.Row;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.BatchResult;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.HubSpotRefusedCredentials;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.LinksMade;
import dev.hubsync.worker.store.MatchLocks;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.triggers.Triggers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * What an inbound batch does after its records' transactions: associations of the records
 * made, matched, restored or polled; {@code hubsync_record_id} stamps on the records
 * whose rows were made or matched; and the hand-over of rows whose values HubSpot lacks
 * to the outbound direction.
 */
@Component
class InboundFollowUp {

	private static final Logger logger = LoggerFactory.getLogger(InboundFollowUp.class);

	private final MappingRegistry registry;

	private final HubSpotClient hubspot;

	private final LinkStore links;

	private final PlatformRows rows;

	private final AssociationSync associations;

	private final Triggers triggers;

	private final MatchLocks locks;

	private final WorkerProperties properties;

	private final ApplicationEventPublisher events;

	InboundFollowUp(MappingRegistry registry, HubSpotClient hubspot, LinkStore links, PlatformRows rows,
			AssociationSync associations, Triggers triggers, MatchLocks locks, WorkerProperties properties,
			ApplicationEventPublisher events) {
		this.events = events;
		this.registry = registry;
		this.locks = locks;
		this.hubspot = hubspot;
		this.links = links;
		this.rows = rows;
		this.associations = associations;
		this.triggers = triggers;
		this.properties = properties;
	}

	/**
	 * Brings the mapped foreign keys of the batch's records in line with HubSpot.
	 * @param pending the batch's follow-up
	 */
	void associations(Pending pending) {
		for (Map.Entry<String, Set<Long>> entry : pending.associations.entrySet()) {
			List<String> handOver = new ArrayList<>();
			this.registry.get(entry.getKey())
				.ifPresent((mapping) -> handOver.addAll(this.associations.sync(mapping, entry.getValue(),
						pending.associationEvents.getOrDefault(entry.getKey(), Map.of()))));
			handOver.addAll(this.associations.resolvePending(entry.getKey(), entry.getValue()));
			// rows whose foreign key changed later than HubSpot's association: the
			// outbound direction writes them (handOver runs after this)
			handOver
				.forEach((key) -> pending.handOver.computeIfAbsent(entry.getKey(), (t) -> new ArrayList<>()).add(key));
		}
		// the outbound direction's associations that waited for these rows
		pending.linkedNow
			.forEach((objectTypeId, links) -> this.events.publishEvent(new LinksMade(objectTypeId, links, true)));
	}

	/**
	 * Stamps {@code hubsync_record_id} and {@code hubsync_source_system} on the records
	 * whose rows were made or matched now, in batches of 100 (so a lost link table can be
	 * rebuilt from HubSpot); the echoes are dropped by app id.
	 * @param pending the batch's follow-up
	 */
	void stamp(Pending pending) {
		Map<String, List<BatchInputs.Update>> byType = new LinkedHashMap<>();
		for (String entry : pending.stamps) {
			String[] parts = entry.split("/", 3);
			byType.computeIfAbsent(parts[0], (t) -> new ArrayList<>())
				.add(new BatchInputs.Update(parts[1], null,
						Map.of(RECORD_ID, parts[2], SOURCE_SYSTEM, this.properties.installId()), null));
		}
		for (Map.Entry<String, List<BatchInputs.Update>> entry : byType.entrySet()) {
			stamp(entry.getKey(), entry.getValue());
		}
	}

	/**
	 * Stamps one type's records under the {@code record:<key>} locks the outbound
	 * direction takes before it stamps or first-links a record, and only those whose
	 * stamp, read again inside the locks, still lacks the row's key: the two directions
	 * never stamp one record twice. This holds for rows made now too: a product edit of
	 * such a row, made between this batch's transaction and its stamp, reaches the
	 * outbound direction as a change of the product's own, and that write stamps the
	 * record (found by the model test, seed {@code -7673593690556616798 6 24}).
	 */
	private void stamp(String objectTypeId, List<BatchInputs.Update> planned) {
		List<Long> keys = planned.stream()
			.map((update) -> MatchLocks.recordKey(objectTypeId, update.properties().get(RECORD_ID)))
			.toList();
		MatchLocks.Held held = this.locks.lock(keys, this.properties.inbound().stampLockTimeout());
		if (held == null) {
			// the batch's records are applied and its identities not yet recorded: the
			// retry applies them again (changing nothing) and stamps what still lacks it
			throw new IllegalStateException("the outbound direction held " + ObjectTypes.pathName(objectTypeId)
					+ " records to stamp for longer than hubsync.worker.inbound.stamp-lock-timeout ("
					+ this.properties.inbound().stampLockTimeout() + "); the batch is retried");
		}
		try (held) {
			Map<String, Instant> read = new LinkedHashMap<>();
			List<BatchInputs.Update> updates = notStampedYet(objectTypeId, planned, read);
			for (int from = 0; from < updates.size(); from += BatchInputs.MAX) {
				try {
					BatchResult stamped = this.hubspot.batch()
						.update(ObjectTypes.pathName(objectTypeId),
								updates.subList(from, Math.min(updates.size(), from + BatchInputs.MAX)));
					for (HubSpotObject object : stamped.results()) {
						Instant before = read.get(object.id());
						if (object.updatedAt() != null && before != null) {
							this.links.advanceUnmapped(objectTypeId, Long.parseLong(object.id()), before,
									object.updatedAt());
						}
					}
				}
				catch (HubSpotClientException ex) {
					HubSpotRefusedCredentials.rethrow(ex);
					logger.warn(
							"Could not stamp {} on {} new {} records (create the properties with the mapping"
									+ " service): {}",
							RECORD_ID, updates.size(), ObjectTypes.pathName(objectTypeId), ex.getMessage());
				}
			}
		}
	}

	/**
	 * Reads the records' stamps again just before writing them: the outbound direction
	 * stamps the records it writes, and a stamp it wrote after this batch's read would
	 * make ours a write that changes nothing. Fills {@code read} with each record's
	 * modification time as read.
	 */
	private List<BatchInputs.Update> notStampedYet(String objectTypeId, List<BatchInputs.Update> updates,
			Map<String, Instant> read) {
		Map<String, String> stamps = new LinkedHashMap<>();
		try {
			for (int from = 0; from < updates.size(); from += BatchInputs.MAX) {
				List<BatchInputs.Id> ids = updates.subList(from, Math.min(updates.size(), from + BatchInputs.MAX))
					.stream()
					.map((update) -> new BatchInputs.Id(update.id()))
					.toList();
				for (HubSpotObject object : this.hubspot.batch()
					.read(ObjectTypes.pathName(objectTypeId),
							new BatchInputs.Read(ids, List.of(RECORD_ID), List.of(), null), false)
					.results()) {
					stamps.put(object.id(), object.property(RECORD_ID));
					if (object.updatedAt() != null) {
						read.put(object.id(), object.updatedAt());
					}
				}
			}
		}
		catch (HubSpotClientException ex) {
			HubSpotRefusedCredentials.rethrow(ex);
			// the stamps are written as planned: one that changes nothing is the worst
			// case
			return updates;
		}
		return updates.stream()
			.filter((update) -> !Objects.equals(stamps.get(update.id()), update.properties().get(RECORD_ID)))
			.toList();
	}

	/**
	 * Hands rows whose values HubSpot lacks to the outbound direction: a snapshot of
	 * each, read after this batch's transactions, at the log's position now.
	 */
	void handOver(Pending pending) {
		List<CompletableFuture<?>> sends = new ArrayList<>();
		for (Map.Entry<String, List<String>> entry : pending.handOver.entrySet()) {
			CompiledMapping mapping = this.registry.get(entry.getKey()).orElseThrow();
			Map<String, Row> rows = this.rows.read(mapping.config(), entry.getValue());
			long position = Triggers.snapshotPosition(this.rows.currentLsn());
			rows.forEach((key, row) -> sends
				.add(this.triggers.snapshot(mapping.config(), key, row, null, position, EventSource.MERGE, null)));
		}
		Triggers.await(sends);
	}

	/**
	 * What the applied records of a batch leave to do after their transactions: their
	 * associations, the stamps of rows made or linked now, and the rows whose values
	 * HubSpot lacks, handed to the outbound direction.
	 */
	static final class Pending {

		final Map<String, Set<Long>> associations = new LinkedHashMap<>();

		/**
		 * The association events of the records in {@link #associations}, by object type
		 * and record: they bring HubSpot's change times.
		 */
		final Map<String, Map<Long, List<HubSpotChange.AssociationChanged>>> associationEvents = new LinkedHashMap<>();

		final List<String> stamps = new ArrayList<>();

		final Map<String, List<String>> handOver = new LinkedHashMap<>();

		/** The pairs made or matched now, by object type. */
		final Map<String, Map<String, Long>> linkedNow = new LinkedHashMap<>();

		/**
		 * Identities of the events of records with follow-up work, processed once it is
		 * done: an event counts as processed only when all of its effects are durable.
		 */
		final List<String> followedUp = new ArrayList<>();

		/**
		 * Reads a record's associations after the batch's transactions, with the change
		 * times its association events bring.
		 * @param objectTypeId the record's type
		 * @param id the record
		 * @param events its events in the batch
		 */
		void readAssociations(String objectTypeId, long id, List<Incoming> events) {
			this.associations.computeIfAbsent(objectTypeId, (t) -> new LinkedHashSet<>()).add(id);
			for (Incoming incoming : events) {
				if (incoming.change() instanceof HubSpotChange.AssociationChanged changed) {
					this.associationEvents.computeIfAbsent(objectTypeId, (t) -> new LinkedHashMap<>())
						.computeIfAbsent(id, (t) -> new ArrayList<>())
						.add(changed);
				}
			}
		}

		void note(CompiledMapping mapping, HubSpotObject object, List<Incoming> events,
				InboundApplier.Applied applied) {
			String objectTypeId = mapping.objectTypeId();
			long id = Long.parseLong(object.id());
			if (applied.platformKey() == null) {
				return;
			}
			if (needsAssociations(mapping, events, applied)) {
				readAssociations(objectTypeId, id, events);
			}
			if ((applied.created() || applied.linked()) && !applied.departing()) {
				this.linkedNow.computeIfAbsent(objectTypeId, (t) -> new LinkedHashMap<>())
					.put(applied.platformKey(), id);
			}
			if (needsStamp(object, applied)) {
				this.stamps.add(objectTypeId + "/" + id + "/" + applied.platformKey());
			}
			if (applied.handOver()) {
				this.handOver.computeIfAbsent(objectTypeId, (t) -> new ArrayList<>()).add(applied.platformKey());
			}
			if (needed(mapping, object, events, applied)) {
				events.forEach((incoming) -> this.followedUp.add(incoming.identity()));
			}
		}

		/**
		 * Tells whether a record applied has work left after its transaction (its events
		 * are then processed once the work is done).
		 * @param mapping the mapping
		 * @param object the record
		 * @param events its events
		 * @param applied what its transaction did
		 * @return whether it has
		 */
		static boolean needed(CompiledMapping mapping, HubSpotObject object, List<Incoming> events,
				InboundApplier.Applied applied) {
			return applied.platformKey() != null && (applied.handOver() || needsAssociations(mapping, events, applied)
					|| needsStamp(object, applied));
		}

		/**
		 * Associations move with creations, restores, links and polls, and with
		 * association changes that arrive beside other events of the record (a retried
		 * delivery, a batch after an outage: read alone they are re-read without a record
		 * read), not with property changes: those cost no association read. A record made
		 * or linked now also completes the associations that waited for it.
		 */
		private static boolean needsAssociations(CompiledMapping mapping, List<Incoming> events,
				InboundApplier.Applied applied) {
			if (applied.departing()) {
				return false;
			}
			if (applied.created() || applied.linked()) {
				return true;
			}
			return mapping.associations().stream().anyMatch((association) -> association.direction().toPlatform())
					&& events.stream()
						.anyMatch((e) -> e.change() instanceof HubSpotChange.ObjectCreated
								|| e.change() instanceof HubSpotChange.AssociationChanged
								|| e.change() instanceof HubSpotChange.ObjectRestored
								|| e.change() instanceof HubSpotChange.ObjectPolled);
		}

		/**
		 * A record handed over is stamped by the outbound direction's write, in the same
		 * call (a stamp of our own besides it would be a write that changes nothing).
		 */
		private static boolean needsStamp(HubSpotObject object, InboundApplier.Applied applied) {
			// whenever the record does not name its row (made or matched now, or a stamp
			// that failed before a retry): a lost link table is rebuilt from it
			return !applied.handOver() && !applied.departing() && object.properties().containsKey(RECORD_ID)
					&& !applied.platformKey().equals(object.property(RECORD_ID));
		}

	}

}
