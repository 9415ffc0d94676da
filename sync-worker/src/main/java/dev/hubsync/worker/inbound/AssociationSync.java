package dev.hubsync.worker.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import dev.hubsync.events.EventSource;
import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.AssociationMapping;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.merge.AssociationMerge;
import dev.hubsync.worker.store.HubSpotRecords;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.LinksMade;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;
import dev.hubsync.worker.triggers.Triggers;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * HubSpot associations as the mapped foreign keys (contact→company primary, deal→company,
 * deal→contact): read in batches (v4, up to 1,000 records a call) for the records of a
 * batch, and written when the other end is linked. An association whose other end is not
 * linked yet is kept in {@code pending_association} and applied when that record gets its
 * link — parked and retried, not failed. Each association is merged by
 * {@link AssociationMerge}: an association both sides changed is decided by HubSpot's
 * association event time against the product's change time, which the outbound direction
 * keeps on the link when it saw the product's change first.
 */
@Component
class AssociationSync {

	private static final Logger logger = LoggerFactory.getLogger(AssociationSync.class);

	private static final String DIRECTION = "inbound";

	private static final int MAX_ROUNDS = 3;

	private final MappingRegistry mappings;

	private final HubSpotClient hubspot;

	private final LinkStore links;

	private final PlatformRows rows;

	private final SyncState state;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final HubSpotRecords records;

	private final Triggers triggers;

	AssociationSync(MappingRegistry mappings, HubSpotClient hubspot, LinkStore links, PlatformRows rows,
			SyncState state, JdbcClient jdbc, TransactionTemplate transactions, HubSpotRecords records,
			Triggers triggers) {
		this.records = records;
		this.triggers = triggers;
		this.mappings = mappings;
		this.hubspot = hubspot;
		this.links = links;
		this.rows = rows;
		this.state = state;
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Brings the mapped foreign keys of some records in line with HubSpot's associations.
	 * @param mapping the records' mapping
	 * @param hubspotIds the records (linked ones are handled)
	 * @param changedAt the association events of the batch, by record: HubSpot's change
	 * time of an association is the latest event that set the target read now
	 * @return the platform keys of rows whose later foreign key the outbound direction is
	 * to write (both sides changed it)
	 */
	Set<String> sync(CompiledMapping mapping, Collection<Long> hubspotIds,
			Map<Long, List<HubSpotChange.AssociationChanged>> changedAt) {
		List<AssociationMapping> associations = mapping.associations()
			.stream()
			.filter((association) -> association.direction().toPlatform())
			.toList();
		Set<String> handOver = new LinkedHashSet<>();
		if (associations.isEmpty() || hubspotIds.isEmpty()) {
			return handOver;
		}
		Map<Long, Link> linked = new LinkedHashMap<>(this.links.byHubSpotIds(mapping.objectTypeId(), hubspotIds));
		if (linked.isEmpty()) {
			return handOver;
		}
		for (AssociationMapping association : associations) {
			Collection<Long> ids = linked.keySet();
			// a link whose association the outbound direction recorded between the link's
			// read and its lock here was judged against an older ancestor than HubSpot's
			// answer may reflect: read HubSpot again for it, a few rounds at most
			for (int round = 1; !ids.isEmpty() && round <= MAX_ROUNDS; round++) {
				ids = apply(mapping, association, linked, ids, changedAt, handOver);
				if (!ids.isEmpty()) {
					linked.putAll(this.links.byHubSpotIds(mapping.objectTypeId(), ids));
				}
			}
			if (!ids.isEmpty()) {
				throw new IllegalStateException(ids.size() + " association(s) of " + association.column()
						+ " kept changing while being read; the batch is retried");
			}
		}
		return handOver;
	}

	/**
	 * Applies one association to the records; returns those whose link's recorded
	 * association changed since it was read (HubSpot is read again for them).
	 */
	private Collection<Long> apply(CompiledMapping mapping, AssociationMapping association, Map<Long, Link> linked,
			Collection<Long> ids, Map<Long, List<HubSpotChange.AssociationChanged>> changedAt, Set<String> handOver) {
		Map<Long, @Nullable Long> targets = this.records.associationTargets(this.hubspot, mapping.objectTypeId(),
				association, ids);
		Map<Long, Link> targetLinks = this.links.byHubSpotIds(association.toObjectTypeId(),
				targets.values().stream().filter(Objects::nonNull).toList());
		List<Long> moved = new ArrayList<>();
		this.transactions.executeWithoutResult((status) -> {
			this.rows.markSyncOrigin("associations-" + UUID.randomUUID());
			for (Map.Entry<Long, @Nullable Long> entry : targets.entrySet()) {
				Link read = linked.get(entry.getKey());
				Link from = this.links.lockByHubSpotId(mapping.objectTypeId(), entry.getKey()).orElse(null);
				if (read == null || from == null || from.archived()) {
					continue;
				}
				String name = AssociationMerge.name(association.column());
				if (!Objects.equals(read.syncedValues().get(name), from.syncedValues().get(name))) {
					logger.debug("{}/{} {}: the outbound direction recorded {} meanwhile; read again",
							mapping.objectTypeId(), entry.getKey(), association.column(),
							from.syncedValues().get(name));
					moved.add(entry.getKey());
					continue;
				}
				Long target = entry.getValue();
				boolean targetLinked = target == null || targetLinks.containsKey(target);
				if (targetLinked) {
					clearPending(mapping.objectTypeId(), entry.getKey(), association.column());
				}
				else {
					// applied when the target gets its link; decided now when the product
					// changed the foreign key too (its later change is handed over)
					logger.debug("{}/{} {}: HubSpot's target {} is not linked yet; pending", mapping.objectTypeId(),
							entry.getKey(), association.column(), target);
					pend(mapping.objectTypeId(), entry.getKey(), association, target);
				}
				String key = (target == null) ? null
						: targetLinked ? targetLinks.get(target).platformKey() : AssociationMerge.unlinked(target);
				Instant eventTime = eventTime(association, target, changedAt.getOrDefault(entry.getKey(), List.of()));
				if (setForeignKey(mapping, from, association, key, target, eventTime)) {
					handOver.add(from.platformKey());
				}
			}
		});
		return moved;
	}

	/**
	 * HubSpot's change time of the target it holds now, from the batch's association
	 * events: the latest event of this association (its target type; a primary one's
	 * events about primary associations only) that set that target, or, when HubSpot
	 * holds none, that removed one. An event of an older target (delivered late, after
	 * HubSpot moved on) says nothing of the current one, whose own event brings its time.
	 */
	static @Nullable Instant eventTime(AssociationMapping association, @Nullable Long target,
			List<HubSpotChange.AssociationChanged> events) {
		List<HubSpotChange.AssociationChanged> own = events.stream()
			.filter((event) -> (event.toObjectTypeId() == null
					|| event.toObjectTypeId().equals(association.toObjectTypeId()))
					&& (!association.primary() || event.primary()))
			.toList();
		Instant latest = null;
		for (HubSpotChange.AssociationChanged event : own) {
			// none held now: a removal followed by no addition (a removal at a move is
			// the move's, and HubSpot held the moved-to target after it)
			boolean sets = (target != null) ? !event.removed() && event.toObjectId() == target
					: event.removed() && own.stream()
						.noneMatch((other) -> !other.removed() && !other.occurredAt().isBefore(event.occurredAt()));
			if (sets) {
				latest = AssociationMerge.later(latest, event.occurredAt());
			}
		}
		return latest;
	}

	/**
	 * Applies the pending associations that point at records the outbound direction just
	 * linked (whose creation echoes the inbound direction drops unread).
	 * @param made the pairs
	 */
	@EventListener
	void linked(LinksMade made) {
		if (!made.byInbound()) {
			handOver(made.objectTypeId(), resolvePending(made.objectTypeId(), made.links().values()));
		}
	}

	/**
	 * Hands rows whose foreign key changed later than HubSpot's association to the
	 * outbound direction (as the inbound direction's follow-up does).
	 */
	private void handOver(String objectTypeId, Set<String> keys) {
		if (keys.isEmpty()) {
			return;
		}
		this.mappings.get(objectTypeId).ifPresent((mapping) -> {
			long position = Triggers.snapshotPosition(this.rows.currentLsn());
			List<java.util.concurrent.CompletableFuture<?>> sends = new ArrayList<>();
			this.rows.read(mapping.config(), keys)
				.forEach((key, row) -> sends
					.add(this.triggers.snapshot(mapping.config(), key, row, null, position, EventSource.MERGE, null)));
			Triggers.await(sends);
		});
	}

	/**
	 * Applies the pending associations that point at records which now have a link.
	 * @param objectTypeId the linked records' type
	 * @param hubspotIds the linked records
	 * @return the platform keys of rows whose later foreign key the outbound direction is
	 * to write
	 */
	Set<String> resolvePending(String objectTypeId, Collection<Long> hubspotIds) {
		Set<String> handOver = new LinkedHashSet<>();
		if (hubspotIds.isEmpty()) {
			return handOver;
		}
		List<Object[]> pending = this.jdbc
			.sql("SELECT object_type_id, hubspot_id, column_name, to_hubspot_id FROM hubsync.pending_association"
					+ " WHERE to_object_type_id = ? AND to_hubspot_id = ANY(?)")
			.params(objectTypeId, hubspotIds.toArray(Long[]::new))
			.query((rs, n) -> new Object[] { rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4) })
			.list();
		Map<String, List<Long>> byType = new LinkedHashMap<>();
		for (Object[] entry : pending) {
			byType.computeIfAbsent((String) entry[0], (type) -> new ArrayList<>()).add((Long) entry[1]);
		}
		// no association event brought these: HubSpot's change times are those kept
		byType.forEach((type, ids) -> this.mappings.get(type)
			.ifPresent((mapping) -> handOver.addAll(sync(mapping, ids, Map.of()))));
		return handOver;
	}

	/**
	 * Decides one record's association by {@link AssociationMerge} and applies HubSpot's
	 * target when it wins. HubSpot's change time is the latest association event of the
	 * record in this batch, or the one kept on the link for HubSpot's target; the
	 * product's is the one the outbound direction kept while it waited for HubSpot's.
	 * @return whether the product's later target is handed to the outbound direction
	 */
	private boolean setForeignKey(CompiledMapping mapping, Link from, AssociationMapping association,
			@Nullable String key, @Nullable Long target, @Nullable Instant eventTime) {
		// locked: a product change committed meanwhile waits, and its own event follows
		Row row = this.rows.lock(mapping.config(), List.of(from.platformKey())).get(from.platformKey());
		if (row == null) {
			return false;
		}
		Object current = row.get(association.column());
		String currentKey = (current != null) ? current.toString() : null;
		String column = association.column();
		String synced = from.syncedValues().get(AssociationMerge.name(column));
		Instant productTime = from.platformChangedAt().get(AssociationMerge.timeKey(column, currentKey));
		Instant hubspotTime = AssociationMerge.later(eventTime,
				AssociationMerge.hubspotTime(from.hubspotSeen(), column, key, target));
		AssociationMerge.Outcome outcome = AssociationMerge.decide(currentKey, key, synced, productTime, hubspotTime);
		logger.debug("{}/{} {}: product {} (changed {}), HubSpot {} (changed {}), last synced {}: {}",
				mapping.objectTypeId(), from.hubspotId(), column, currentKey, productTime, key, hubspotTime, synced,
				outcome);
		String objectTypeId = mapping.objectTypeId();
		switch (outcome) {
			case IN_SYNC -> {
				if (!Objects.equals(synced, (key != null) ? key : "")) {
					this.links.settleAssociation(objectTypeId, from.hubspotId(), column, key);
				}
				return false;
			}
			case TO_HUBSPOT -> {
				// the product's change: the outbound direction's to write. When HubSpot
				// changed too (the product's change is the later), the outbound direction
				// waited for HubSpot's time: it is kept, and the row handed over
				if (productTime == null || hubspotTime == null) {
					return false;
				}
				this.links.keepAssociationTime(objectTypeId, from.hubspotId(), column, false, key, hubspotTime);
				log(mapping, from, association, "handed over", currentKey, key, "platform",
						"both changed; the product's change is the later; written to HubSpot by the outbound direction");
				return true;
			}
			case NEEDS_PRODUCT_TIME -> {
				this.links.keepAssociationTime(objectTypeId, from.hubspotId(), column, false, key,
						Objects.requireNonNull(hubspotTime));
				log(mapping, from, association, "deferred", currentKey, key, null,
						"both changed; the product's change event brings its time and decides");
				return false;
			}
			case NEEDS_HUBSPOT_TIME -> {
				log(mapping, from, association, "deferred", currentKey, key, null,
						"both changed; HubSpot's association event brings its time and decides");
				return false;
			}
			case TO_PRODUCT -> {
				if (key != null && AssociationMerge.isUnlinked(key)) {
					// pending until the target is linked, with HubSpot's time for then
					if (eventTime != null) {
						this.links.keepAssociationTime(objectTypeId, from.hubspotId(), column, false, key, eventTime);
					}
					return false;
				}
				Map<String, @Nullable Object> values = new LinkedHashMap<>();
				values.put(column, key);
				this.rows.update(mapping.config(), from.platformKey(), values);
				// what HubSpot holds now, so the outbound direction does not write it
				// back
				this.links.settleAssociation(objectTypeId, from.hubspotId(), column, key);
				log(mapping, from, association, "applied", currentKey, key, "hubspot",
						"association " + association.associationTypeId() + " to "
								+ ObjectTypes.pathName(association.toObjectTypeId()));
				return false;
			}
		}
		return false;
	}

	private void log(CompiledMapping mapping, Link from, AssociationMapping association, String outcome,
			@Nullable String product, @Nullable String hubspot, @Nullable String winner, String detail) {
		this.state.log(new LogEntry(DIRECTION, mapping.objectTypeId(), from.platformKey(), from.hubspotId(), null,
				outcome, association.column(), product, hubspot, null, winner, detail));
	}

	private void pend(String objectTypeId, long hubspotId, AssociationMapping association, long target) {
		this.jdbc
			.sql("INSERT INTO hubsync.pending_association (object_type_id, hubspot_id, column_name, to_object_type_id,"
					+ " to_hubspot_id) VALUES (?, ?, ?, ?, ?) ON CONFLICT (object_type_id, hubspot_id, column_name)"
					+ " DO UPDATE SET to_object_type_id = excluded.to_object_type_id,"
					+ " to_hubspot_id = excluded.to_hubspot_id, created_at = now()")
			.params(objectTypeId, hubspotId, association.column(), association.toObjectTypeId(), target)
			.update();
	}

	private void clearPending(String objectTypeId, long hubspotId, String column) {
		this.jdbc.sql(
				"DELETE FROM hubsync.pending_association WHERE object_type_id = ? AND hubspot_id = ? AND column_name = ?")
			.params(objectTypeId, hubspotId, column)
			.update();
	}

}
