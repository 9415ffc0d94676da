package dev.hubsync.worker.outbound;

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

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.AssociationMapping;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.associations.AssociationBatches;
import dev.hubsync.hubspot.associations.AssociationSpec;
import dev.hubsync.hubspot.associations.AssociationsClient;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.merge.AssociationMerge;
import dev.hubsync.worker.store.HubSpotRecords;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Mapped foreign keys written to HubSpot as associations: a changed key, merged with
 * HubSpot's current association ({@link #write}), creates the association to the linked
 * target (v4 batch create, the mapping's type) and removes the one HubSpot held. The
 * target key last written is kept in the link's synced values ({@code assoc:<column>}),
 * so an unchanged key costs no call. A target without a link yet (a deal written before
 * its company) is kept in {@code hubsync.pending_outbound_association} and associated as
 * soon as the target is linked ({@link #completePending}).
 */
@Component
class OutboundAssociations {

	static final String PREFIX = AssociationMerge.PREFIX;

	private static final String DIRECTION = "outbound";

	private static final Logger logger = LoggerFactory.getLogger(OutboundAssociations.class);

	private final LinkStore links;

	private final JdbcClient jdbc;

	private final HubSpotRecords records;

	private final PlatformRows rows;

	private final SyncState state;

	private final TransactionTemplate transactions;

	OutboundAssociations(LinkStore links, JdbcClient jdbc, HubSpotRecords records, PlatformRows rows, SyncState state,
			TransactionTemplate transactions) {
		this.links = links;
		this.jdbc = jdbc;
		this.records = records;
		this.rows = rows;
		this.state = state;
		this.transactions = transactions;
	}

	/**
	 * Tells whether a row's mapped foreign keys differ from what HubSpot was last given.
	 * @param mapping the mapping
	 * @param row the row
	 * @param synced the link's synced values
	 * @return whether an association needs writing
	 */
	static boolean changed(CompiledMapping mapping, Row row, Map<String, String> synced) {
		for (AssociationMapping association : mapping.associations()) {
			if (association.direction().toHubSpot()
					&& !Objects.equals(key(row, association), previous(synced, association))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Writes the associations of records whose foreign keys changed, merged with
	 * HubSpot's ({@link AssociationMerge}): HubSpot's current targets are read first
	 * (records created now have none), a target HubSpot already holds is only recorded,
	 * and one HubSpot changed too is decided by the two change times under the record's
	 * link lock: the product's later target is written, HubSpot's later one goes to the
	 * foreign key, and without HubSpot's time (its association event not processed yet)
	 * the product's time is kept on the link for that event to decide.
	 * @param client the client (in the batch's lane)
	 * @param mapping the mapping
	 * @param records the records: platform key, HubSpot id, current row, synced values
	 */
	void write(HubSpotClient client, CompiledMapping mapping, List<Item> records) {
		for (AssociationMapping association : mapping.associations()) {
			if (!association.direction().toHubSpot()) {
				continue;
			}
			List<Item> changed = records.stream()
				.filter((item) -> !Objects.equals(key(item.row(), association), previous(item.synced(), association)))
				.toList();
			if (changed.isEmpty()) {
				continue;
			}
			Map<Long, @Nullable Long> inHubSpot = new LinkedHashMap<>();
			List<Long> toRead = changed.stream().filter((item) -> !item.created()).map(Item::hubspotId).toList();
			if (!toRead.isEmpty()) {
				inHubSpot.putAll(this.records.associationTargets(client, mapping.objectTypeId(), association, toRead));
			}
			Map<Long, Link> hubspotTargets = this.links.byHubSpotIds(association.toObjectTypeId(),
					inHubSpot.values().stream().filter(Objects::nonNull).toList());
			List<Item> writing = new ArrayList<>();
			for (Item item : changed) {
				Long target = inHubSpot.get(item.hubspotId());
				Link targetLink = (target != null) ? hubspotTargets.get(target) : null;
				// HubSpot's target as a platform key; one not linked yet is a value no
				// row
				// holds
				String hubspot = (target == null) ? null
						: (targetLink != null) ? targetLink.platformKey() : AssociationMerge.unlinked(target);
				String now = key(item.row(), association);
				String synced = item.synced().get(PREFIX + association.column());
				AssociationMerge.Outcome outcome = AssociationMerge.decide(now, hubspot, synced, null, null);
				if (outcome == AssociationMerge.Outcome.IN_SYNC) {
					this.links.settleAssociation(mapping.objectTypeId(), item.hubspotId(), association.column(), now);
					clearPending(mapping, association, List.of(item.platformKey()));
				}
				else if (outcome == AssociationMerge.Outcome.TO_HUBSPOT) {
					writing.add(item.against(target)); // only the product changed it
				}
				else if (merge(mapping, association, item, hubspot, target)) {
					// both changed it (or hold different targets on first link)
					writing.add(item.against(target));
				}
			}
			send(client, mapping, association, writing);
		}
	}

	/**
	 * Decides an association both sides changed (or, on first link, both hold), under the
	 * record's link lock: HubSpot's change time is the one the inbound direction kept
	 * from its association event.
	 * @return whether the product's target is to be written
	 */
	private boolean merge(CompiledMapping mapping, AssociationMapping association, Item item, @Nullable String hubspot,
			@Nullable Long target) {
		String column = association.column();
		Boolean write = this.transactions.execute((status) -> {
			Link link = this.links.lockByHubSpotId(mapping.objectTypeId(), item.hubspotId()).orElse(null);
			String name = PREFIX + column;
			if (link == null || link.archived()
					|| !Objects.equals(link.syncedValues().get(name), item.synced().get(name))) {
				return false; // settled meanwhile: the next change decides again
			}
			// locked: a product change committed meanwhile waits, and its own event
			// follows
			Row row = this.rows.lock(mapping.config(), List.of(item.platformKey())).get(item.platformKey());
			String now = (row != null) ? key(row, association) : null;
			if (row == null || !Objects.equals(now, key(item.row(), association))) {
				return false; // changed again: its own change event decides
			}
			String synced = link.syncedValues().get(name);
			Instant kept = link.platformChangedAt().get(AssociationMerge.timeKey(column, now));
			Instant productTime;
			if (item.changedAt().containsKey(column)) {
				productTime = (item.changedAt().get(column) != null) ? item.changedAt().get(column) : kept;
				if (productTime == null) {
					logger.debug("{} {} {}: the product's change of {} is still to come; its event decides",
							mapping.objectTypeId(), item.platformKey(), column, now);
					return false;
				}
			}
			else {
				productTime = (kept != null) ? kept : PlatformRows.changeTime(mapping.config(), row);
			}
			Instant hubspotTime = AssociationMerge.hubspotTime(link.hubspotSeen(), column, hubspot, target);
			AssociationMerge.Outcome outcome = AssociationMerge.decide(now, hubspot, synced, productTime, hubspotTime);
			logger.debug("{} {} {}: product {} (changed {}), HubSpot {} (changed {}), last synced {}: {}",
					mapping.objectTypeId(), item.platformKey(), column, now, productTime, hubspot, hubspotTime, synced,
					outcome);
			switch (outcome) {
				case TO_HUBSPOT -> {
					return true;
				}
				case IN_SYNC -> {
					this.links.settleAssociation(mapping.objectTypeId(), item.hubspotId(), column, now);
					return false;
				}
				case NEEDS_HUBSPOT_TIME -> {
					this.links.keepAssociationTime(mapping.objectTypeId(), item.hubspotId(), column, true, now,
							Objects.requireNonNull(productTime));
					log(mapping, item, column, "deferred", now, hubspot, null,
							"both changed; HubSpot's association event brings its time and decides");
					return false;
				}
				case TO_PRODUCT -> {
					if (hubspot != null && AssociationMerge.isUnlinked(hubspot)) {
						// HubSpot's target has no row yet: the inbound direction keeps it
						// waiting for its link, and applies it then
						return false;
					}
					Map<String, @Nullable Object> values = new LinkedHashMap<>();
					values.put(column, hubspot);
					this.rows.markSyncOrigin("associations-" + UUID.randomUUID());
					this.rows.update(mapping.config(), item.platformKey(), values);
					this.links.settleAssociation(mapping.objectTypeId(), item.hubspotId(), column, hubspot);
					log(mapping, item, column, "applied", now, hubspot, "hubspot",
							(productTime != null && hubspotTime != null)
									? "both changed; HubSpot's association is the later"
									: "HubSpot's association wins: no change time of HubSpot's");
					return false;
				}
				default -> {
					return false; // the outbound direction always knows its own time
				}
			}
		});
		return Boolean.TRUE.equals(write);
	}

	private void log(CompiledMapping mapping, Item item, String column, String outcome, @Nullable String product,
			@Nullable String hubspot, @Nullable String winner, String detail) {
		this.state.log(new LogEntry(DIRECTION, mapping.objectTypeId(), item.platformKey(), item.hubspotId(), null,
				outcome, column, product, hubspot, null, winner, detail));
	}

	private void clearPending(CompiledMapping mapping, AssociationMapping association, List<String> platformKeys) {
		if (!platformKeys.isEmpty()) {
			this.jdbc
				.sql("DELETE FROM hubsync.pending_outbound_association WHERE object_type_id = ? AND column_name = ?"
						+ " AND platform_key = ANY(?)")
				.params(mapping.objectTypeId(), association.column(), platformKeys.toArray(String[]::new))
				.update();
		}
	}

	/**
	 * Writes the product's targets: creates the association to the linked target and
	 * removes the one HubSpot held.
	 */
	private void send(HubSpotClient client, CompiledMapping mapping, AssociationMapping association,
			List<Item> records) {
		if (records.isEmpty()) {
			return;
		}
		Set<String> targetKeys = new LinkedHashSet<>();
		for (Item item : records) {
			String now = key(item.row(), association);
			if (now != null) {
				targetKeys.add(now);
			}
		}
		Map<String, Link> targets = this.links.byPlatformKeys(association.toObjectTypeId(), targetKeys);
		List<AssociationBatches.Input> creates = new ArrayList<>();
		List<AssociationBatches.Removal> removals = new ArrayList<>();
		Map<Long, String> written = new LinkedHashMap<>();
		List<String> resolved = new ArrayList<>();
		for (Item item : records) {
			String now = key(item.row(), association);
			Link target = (now != null) ? targets.get(now) : null;
			if (now != null && target == null) {
				logger.debug("{} {}: association target {} is not in HubSpot yet; pending", mapping.objectTypeId(),
						item.platformKey(), now);
				this.jdbc
					.sql("INSERT INTO hubsync.pending_outbound_association (object_type_id, platform_key,"
							+ " column_name, to_object_type_id, to_platform_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT"
							+ " (object_type_id, platform_key, column_name) DO UPDATE SET to_platform_key ="
							+ " EXCLUDED.to_platform_key, to_object_type_id = EXCLUDED.to_object_type_id")
					.params(mapping.objectTypeId(), item.platformKey(), association.column(),
							association.toObjectTypeId(), now)
					.update();
				continue;
			}
			resolved.add(item.platformKey());
			// the target HubSpot holds (read before the write), not the last synced one
			Long held = item.hubspotTarget();
			if (held != null && (target == null || held != target.hubspotId())) {
				removals
					.add(new AssociationBatches.Removal(new AssociationBatches.Ref(String.valueOf(item.hubspotId())),
							List.of(new AssociationBatches.Ref(String.valueOf(held)))));
			}
			if (target != null) {
				creates.add(AssociationBatches.Input.of(String.valueOf(item.hubspotId()),
						String.valueOf(target.hubspotId()),
						AssociationSpec.hubspotDefined(association.associationTypeId())));
			}
			written.put(item.hubspotId(), (now != null) ? now : "");
		}
		String from = ObjectTypes.pathName(mapping.objectTypeId());
		String to = ObjectTypes.pathName(association.toObjectTypeId());
		// the new association before the old one's removal: HubSpot keeps one primary
		// association, so a read of the record's associations between the two calls
		// (the inbound direction re-reads them for any association change) finds the
		// product's new target, never none, which it would take for HubSpot's removal
		// of the old one and write to the product
		Set<String> createsRefused = sendAll(mapping, association, "creation", creates, (c) -> c.from().id(),
				(chunk) -> client.associations().batchCreate(from, to, chunk));
		// a record whose new association HubSpot refused keeps its old one (and the
		// link records it), so a later read does not take the product's new value for
		// HubSpot's change; the row's next change tries again
		List<AssociationBatches.Removal> removing = removals.stream()
			.filter((removal) -> !createsRefused.contains(removal.from().id()))
			.toList();
		Set<String> removalsRefused = sendAll(mapping, association, "removal", removing, (r) -> r.from().id(),
				(chunk) -> client.associations().batchArchive(from, to, chunk));
		createsRefused.forEach((id) -> written.remove(Long.parseLong(id)));
		removalsRefused.forEach((id) -> written.remove(Long.parseLong(id)));
		written.forEach((hubspotId, key) -> this.links.settleAssociation(mapping.objectTypeId(), hubspotId,
				association.column(), key.isEmpty() ? null : key));
		clearPending(mapping, association, resolved);
	}

	/**
	 * Sends association writes in calls of at most
	 * {@link AssociationsClient#MAX_BATCH_WRITE}. A call HubSpot refuses for good (a 4xx
	 * other than authentication and rate limits: a record archived in HubSpot, an
	 * association type it does not have) goes again one input at a time, so only the
	 * inputs HubSpot refuses alone are left out, each with a warning (writing an
	 * association that exists, or removing one that does not, changes nothing). Thrown, a
	 * refusal would retry the batch for as long as HubSpot refuses, holding up every
	 * record behind it; transient failures are thrown (the batch is retried).
	 * @return the source record ids whose input HubSpot refused
	 */
	private static <T> Set<String> sendAll(CompiledMapping mapping, AssociationMapping association, String what,
			List<T> inputs, java.util.function.Function<T, String> fromId, java.util.function.Consumer<List<T>> call) {
		Set<String> refused = new LinkedHashSet<>();
		for (int i = 0; i < inputs.size(); i += AssociationsClient.MAX_BATCH_WRITE) {
			List<T> chunk = inputs.subList(i, Math.min(inputs.size(), i + AssociationsClient.MAX_BATCH_WRITE));
			try {
				call.accept(chunk);
			}
			catch (HubSpotClientException ex) {
				rethrowUnlessRefusal(ex);
				if (chunk.size() == 1) {
					refused.add(fromId.apply(chunk.get(0)));
					warn(mapping, association, what, fromId.apply(chunk.get(0)), ex);
					continue;
				}
				for (T input : chunk) {
					try {
						call.accept(List.of(input));
					}
					catch (HubSpotClientException single) {
						rethrowUnlessRefusal(single);
						refused.add(fromId.apply(input));
						warn(mapping, association, what, fromId.apply(input), single);
					}
				}
			}
		}
		return refused;
	}

	private static void rethrowUnlessRefusal(HubSpotClientException ex) {
		if (ex.status() < 400 || ex.status() >= 500 || ex.status() == 401 || ex.status() == 403 || ex.status() == 429) {
			throw ex;
		}
	}

	private static void warn(CompiledMapping mapping, AssociationMapping association, String what, String fromId,
			HubSpotClientException ex) {
		logger.warn("HubSpot refused the {} of {} {}'s {} association: {}; left until its row changes again", what,
				ObjectTypes.pathName(mapping.objectTypeId()), fromId, association.column(), ex.getMessage());
	}

	/**
	 * Creates the associations that waited for records just linked.
	 * @param client the client (in the batch's lane)
	 * @param registry the mappings in force
	 * @param objectTypeId the object type of the records just linked
	 * @param platformKeys their platform keys
	 * @return the links of the records, by platform key
	 */
	Map<String, Link> completePending(HubSpotClient client, MappingRegistry registry, String objectTypeId,
			Collection<String> platformKeys) {
		if (platformKeys.isEmpty()) {
			return Map.of();
		}
		List<Pending> pending = this.jdbc
			.sql("SELECT object_type_id, platform_key, column_name, to_platform_key FROM"
					+ " hubsync.pending_outbound_association WHERE to_object_type_id = ? AND to_platform_key = ANY(?)")
			.params(objectTypeId, platformKeys.toArray(String[]::new))
			.query((rs, n) -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
			.list();
		Map<String, List<Pending>> bySource = new LinkedHashMap<>();
		pending.forEach(
				(p) -> bySource.computeIfAbsent(p.objectTypeId() + "/" + p.column(), (k) -> new ArrayList<>()).add(p));
		Map<String, Link> targets = this.links.byPlatformKeys(objectTypeId, platformKeys);
		for (List<Pending> group : bySource.values()) {
			Pending first = group.get(0);
			CompiledMapping mapping = registry.get(first.objectTypeId()).orElse(null);
			AssociationMapping association = (mapping != null) ? mapping.associations()
				.stream()
				.filter((a) -> a.column().equals(first.column()) && a.toObjectTypeId().equals(objectTypeId))
				.findFirst()
				.orElse(null) : null;
			Map<String, Link> sources = this.links.byPlatformKeys(first.objectTypeId(),
					group.stream().map(Pending::platformKey).toList());
			List<AssociationBatches.Input> creates = new ArrayList<>();
			List<Object[]> done = new ArrayList<>();
			for (Pending item : group) {
				Link source = sources.get(item.platformKey());
				Link target = targets.get(item.toPlatformKey());
				if (association != null && source != null && target != null) {
					creates.add(AssociationBatches.Input.of(String.valueOf(source.hubspotId()),
							String.valueOf(target.hubspotId()),
							AssociationSpec.hubspotDefined(association.associationTypeId())));
					done.add(new Object[] { source, item });
				}
			}
			String from = ObjectTypes.pathName(first.objectTypeId());
			String to = ObjectTypes.pathName(objectTypeId);
			for (int i = 0; i < creates.size(); i += AssociationsClient.MAX_BATCH_WRITE) {
				client.associations()
					.batchCreate(from, to,
							creates.subList(i, Math.min(creates.size(), i + AssociationsClient.MAX_BATCH_WRITE)));
			}
			for (Object[] pair : done) {
				Link source = (Link) pair[0];
				Pending item = (Pending) pair[1];
				this.links.settleAssociation(item.objectTypeId(), source.hubspotId(), item.column(),
						item.toPlatformKey());
				this.jdbc
					.sql("DELETE FROM hubsync.pending_outbound_association WHERE object_type_id = ? AND"
							+ " platform_key = ? AND column_name = ? AND to_platform_key = ?")
					.params(item.objectTypeId(), item.platformKey(), item.column(), item.toPlatformKey())
					.update();
			}
			if (!done.isEmpty()) {
				logger.info("{} association(s) {} -> {} created once their targets were linked", done.size(), from, to);
			}
		}
		return targets;
	}

	private record Pending(String objectTypeId, String platformKey, String column, String toPlatformKey) {
	}

	private static @Nullable String key(Row row, AssociationMapping association) {
		Object value = row.get(association.column());
		return (value != null) ? value.toString() : null;
	}

	private static @Nullable String previous(Map<String, String> synced, AssociationMapping association) {
		String value = synced.get(PREFIX + association.column());
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * The product's change time of each mapped foreign key of a row, from the change
	 * events of a batch, as {@link ChangeTimes} finds a field's: the commit time of the
	 * last change that set the value the row holds. A column maps to {@code null} when
	 * its time is on its way: the row holds a value newer than the batch's last change of
	 * it, or the batch has product changes of the row and none of the column (its own
	 * event follows). A column is absent when the batch has no product change of the row
	 * (a snapshot: a hand-over, a reconcile run), where no event will bring it.
	 * @param mapping the mapping
	 * @param row the current row
	 * @param changes the row's change events in the batch
	 * @return the times, by column
	 */
	static Map<String, @Nullable Instant> changeTimes(CompiledMapping mapping, Row row,
			@Nullable List<Outgoing> changes) {
		Map<String, @Nullable Instant> times = new LinkedHashMap<>();
		if (changes == null) {
			return times;
		}
		boolean productChanges = changes.stream()
			.anyMatch((o) -> !o.change().syncOrigin() && o.change().op() != ChangeOp.SNAPSHOT);
		for (AssociationMapping association : mapping.associations()) {
			String column = association.column();
			LocalChange last = null;
			for (Outgoing outgoing : changes) {
				LocalChange change = outgoing.change();
				Row after = change.current();
				if (change.syncOrigin() || change.op() == ChangeOp.SNAPSHOT || change.op() == ChangeOp.DELETE
						|| after == null) {
					continue;
				}
				Row before = change.before();
				if (change.op() == ChangeOp.CREATE || before == null
						|| !Objects.equals(before.get(column), after.get(column))) {
					last = change;
				}
			}
			if (last != null) {
				boolean holds = Objects.equals(key(Objects.requireNonNull(last.current()), association),
						key(row, association));
				times.put(column, holds ? last.commitTime() : null);
			}
			else if (productChanges && newest(changes) != null && !Objects
				.equals(key(Objects.requireNonNull(newest(changes)), association), key(row, association))) {
				// changed after the batch's last change of the row: that change's event
				// follows (a value the batch's changes already hold was set before them,
				// and no event of it is to come)
				times.put(column, null);
			}
		}
		return times;
	}

	/** The row as the batch's newest product change left it, if one left a row. */
	private static @Nullable Row newest(List<Outgoing> changes) {
		Row newest = null;
		for (Outgoing outgoing : changes) {
			LocalChange change = outgoing.change();
			if (!change.syncOrigin() && change.op() != ChangeOp.SNAPSHOT && change.current() != null) {
				newest = change.current();
			}
		}
		return newest;
	}

	/**
	 * A record whose associations may need writing.
	 *
	 * @param platformKey the platform key
	 * @param hubspotId the HubSpot id
	 * @param row the current row
	 * @param synced the link's synced values before this batch
	 * @param changedAt the product's change time of each foreign key, from the batch's
	 * events ({@link #changeTimes}: null when on its way)
	 * @param created whether the record was created now (it has no associations)
	 * @param hubspotTarget the target HubSpot held when read before the write
	 */
	record Item(String platformKey, long hubspotId, Row row, Map<String, String> synced, Map<String, Instant> changedAt,
			boolean created, @Nullable Long hubspotTarget) {

		Item against(@Nullable Long target) {
			return new Item(this.platformKey, this.hubspotId, this.row, this.synced, this.changedAt, this.created,
					target);
		}

	}

}
