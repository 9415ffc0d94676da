package dev.hubsync.worker.inbound;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.AssociationMapping;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociatedObject;
import dev.hubsync.hubspot.associations.AssociationBatches;
import dev.hubsync.hubspot.associations.AssociationsClient;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.LinksMade;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;
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
 * link — parked and retried, not failed.
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

	AssociationSync(MappingRegistry mappings, HubSpotClient hubspot, LinkStore links, PlatformRows rows,
			SyncState state, JdbcClient jdbc, TransactionTemplate transactions) {
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
	 */
	void sync(CompiledMapping mapping, Collection<Long> hubspotIds) {
		List<AssociationMapping> associations = mapping.associations()
			.stream()
			.filter((association) -> association.direction().toPlatform())
			.toList();
		if (associations.isEmpty() || hubspotIds.isEmpty()) {
			return;
		}
		Map<Long, Link> linked = new LinkedHashMap<>(this.links.byHubSpotIds(mapping.objectTypeId(), hubspotIds));
		if (linked.isEmpty()) {
			return;
		}
		for (AssociationMapping association : associations) {
			Collection<Long> ids = linked.keySet();
			// a link whose association the outbound direction recorded between the link's
			// read and its lock here was judged against an older ancestor than HubSpot's
			// answer may reflect: read HubSpot again for it, a few rounds at most
			for (int round = 1; !ids.isEmpty() && round <= MAX_ROUNDS; round++) {
				ids = apply(mapping, association, linked, ids);
				if (!ids.isEmpty()) {
					linked.putAll(this.links.byHubSpotIds(mapping.objectTypeId(), ids));
				}
			}
			if (!ids.isEmpty()) {
				throw new IllegalStateException(ids.size() + " association(s) of " + association.column()
						+ " kept changing while being read; the batch is retried");
			}
		}
	}

	/**
	 * Applies one association to the records; returns those whose link's recorded
	 * association changed since it was read (HubSpot is read again for them).
	 */
	private Collection<Long> apply(CompiledMapping mapping, AssociationMapping association, Map<Long, Link> linked,
			Collection<Long> ids) {
		Map<Long, @Nullable Long> targets = targets(mapping.objectTypeId(), association, ids);
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
				String name = "assoc:" + association.column();
				if (!Objects.equals(read.syncedValues().get(name), from.syncedValues().get(name))) {
					logger.debug("{}/{} {}: the outbound direction recorded {} meanwhile; read again",
							mapping.objectTypeId(), entry.getKey(), association.column(),
							from.syncedValues().get(name));
					moved.add(entry.getKey());
					continue;
				}
				Long target = entry.getValue();
				if (target != null && !targetLinks.containsKey(target)) {
					logger.debug("{}/{} {}: HubSpot's target {} is not linked yet; pending", mapping.objectTypeId(),
							entry.getKey(), association.column(), target);
					pend(mapping.objectTypeId(), entry.getKey(), association, target);
					continue;
				}
				clearPending(mapping.objectTypeId(), entry.getKey(), association.column());
				String key = (target != null) ? targetLinks.get(target).platformKey() : null;
				setForeignKey(mapping, from, association, key);
			}
		});
		return moved;
	}

	/**
	 * Applies the pending associations that point at records the outbound direction just
	 * linked (whose creation echoes the inbound direction drops unread).
	 * @param made the pairs
	 */
	@EventListener
	void linked(LinksMade made) {
		if (!made.byInbound()) {
			resolvePending(made.objectTypeId(), made.links().values());
		}
	}

	/**
	 * Applies the pending associations that point at records which now have a link.
	 * @param objectTypeId the linked records' type
	 * @param hubspotIds the linked records
	 */
	void resolvePending(String objectTypeId, Collection<Long> hubspotIds) {
		if (hubspotIds.isEmpty()) {
			return;
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
		byType.forEach((type, ids) -> this.mappings.get(type).ifPresent((mapping) -> sync(mapping, ids)));
	}

	private Map<Long, @Nullable Long> targets(String objectTypeId, AssociationMapping association,
			Collection<Long> ids) {
		Map<Long, @Nullable Long> targets = new LinkedHashMap<>();
		List<Long> all = new ArrayList<>(ids);
		for (int from = 0; from < all.size(); from += AssociationsClient.MAX_BATCH_READ) {
			List<Long> slice = all.subList(from, Math.min(all.size(), from + AssociationsClient.MAX_BATCH_READ));
			slice.forEach((id) -> targets.put(id, null));
			AssociationBatches.ReadResult result = this.hubspot.associations()
				.batchRead(ObjectTypes.pathName(objectTypeId), ObjectTypes.pathName(association.toObjectTypeId()),
						slice.stream().map(String::valueOf).toList());
			for (AssociationBatches.Item item : result.results()) {
				Long target = null;
				for (AssociatedObject to : item.to()) {
					if (to.hasType(association.associationTypeId())) {
						long id = Long.parseLong(to.toObjectId());
						target = (target == null) ? id : Math.min(target, id);
					}
				}
				targets.put(Long.parseLong(item.from().id()), target);
			}
		}
		return targets;
	}

	private void setForeignKey(CompiledMapping mapping, Link from, AssociationMapping association,
			@Nullable String key) {
		Row row = this.rows.find(mapping.config(), from.platformKey()).orElse(null);
		if (row == null) {
			return;
		}
		Object current = row.get(association.column());
		String currentKey = (current != null) ? current.toString() : null;
		if (Objects.equals(currentKey, key)) {
			return;
		}
		// three-way, as fields are: the target last synced is the ancestor. A foreign key
		// only the product changed (or only the product has, on first link) is the
		// outbound direction's to write; HubSpot's association wins when only HubSpot
		// changed it, or both did (associations carry no change time)
		String synced = from.syncedValues().get("assoc:" + association.column());
		String last = (synced == null || synced.isEmpty()) ? null : synced;
		boolean productChanged = (synced != null) ? !Objects.equals(currentKey, last) : currentKey != null;
		boolean hubspotChanged = (synced != null) ? !Objects.equals(key, last) : key != null;
		logger.debug("{}/{} {}: product {}, HubSpot {}, last synced {}: {}", mapping.objectTypeId(), from.hubspotId(),
				association.column(), currentKey, key, synced, (productChanged && !hubspotChanged)
						? "the product's change, the outbound direction's to write" : "HubSpot's applied");
		if (productChanged && !hubspotChanged) {
			return;
		}
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		values.put(association.column(), key);
		this.rows.update(mapping.config(), from.platformKey(), values);
		// what HubSpot holds now, so the outbound direction does not write it back
		this.links.putSynced(mapping.objectTypeId(), from.hubspotId(), "assoc:" + association.column(),
				(key != null) ? key : "");
		this.state.log(new LogEntry(DIRECTION, mapping.objectTypeId(), from.platformKey(), from.hubspotId(), null,
				"applied", association.column(), currentKey, key, null, "hubspot",
				"association " + association.associationTypeId() + " to "
						+ ObjectTypes.pathName(association.toObjectTypeId())));
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
