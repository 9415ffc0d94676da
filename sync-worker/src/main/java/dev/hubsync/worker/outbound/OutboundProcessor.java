package dev.hubsync.worker.outbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.result.SyncDirection;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.error.HubSpotError;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.BatchResult;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.properties.PropertyCreate;
import dev.hubsync.hubspot.properties.PropertyGroup;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.mapping.matching.MatchKeys;
import dev.hubsync.worker.DaemonThreads;
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

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * Platform to HubSpot, one batch at a time (ARCHITECTURE §4, §5): skips the sync's own
 * transactions and changes that touch no mapped column, reads the current rows of the
 * batch in one query per table (the event is a trigger, the row is the truth) and drops
 * what is older than the link's high-water mark; then writes linked records by batch
 * update — only the fields the platform changed since the last sync — and unlinked ones
 * by batch upsert on a unique property ({@code email} when the contact has one, else
 * {@code hubsync_record_id}) carrying {@code hubsync_record_id} and
 * {@code hubsync_source_system}, so a retried or concurrent create never makes a second
 * record. At most 100 inputs a call. A record HubSpot refuses is dead-lettered with
 * HubSpot's message while the others are written; a batch refused whole is bisected to
 * find it.
 */
@Component
public class OutboundProcessor implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(OutboundProcessor.class);

	private static final String DIRECTION = "outbound";

	private final MappingRegistry registry;

	private final HubSpotClient hubspot;

	private final LinkStore links;

	private final SyncState state;

	private final PlatformRows rows;

	private final Pauses pauses;

	private final TransactionTemplate transactions;

	private final ResultPublisher results;

	private final WorkerMetrics metrics;

	private final WorkerProperties properties;

	private final OutboundAssociations associations;

	private final Clock clock;

	private final Set<String> propertiesChecked = ConcurrentHashMap.newKeySet();

	private final ExecutorService calls;

	OutboundProcessor(MappingRegistry registry, HubSpotClient hubspot, LinkStore links, SyncState state,
			PlatformRows rows, Pauses pauses, TransactionTemplate transactions, ResultPublisher results,
			WorkerMetrics metrics, WorkerProperties properties, OutboundAssociations associations, Clock clock) {
		this.registry = registry;
		this.hubspot = hubspot;
		this.links = links;
		this.state = state;
		this.rows = rows;
		this.pauses = pauses;
		this.transactions = transactions;
		this.results = results;
		this.metrics = metrics;
		this.properties = properties;
		this.associations = associations;
		this.clock = clock;
		this.calls = Executors.newFixedThreadPool(properties.outbound().callsInFlight(),
				DaemonThreads.numbered("hubsync-outbound-call-"));
	}

	@Override
	public void destroy() {
		this.calls.shutdownNow();
	}

	/**
	 * Processes a batch.
	 * @param batch the changes, in offset order
	 * @param deadLetter receives changes that cannot be written, with the reason
	 */
	public void process(List<Outgoing> batch, BiConsumer<Outgoing, Exception> deadLetter) {
		Map<String, Outgoing> unique = new LinkedHashMap<>();
		for (Outgoing outgoing : batch) {
			unique.putIfAbsent(outgoing.identity(), outgoing);
		}
		Set<String> applied = this.state.processed(unique.keySet());
		List<SyncResult> outcomes = new ArrayList<>();
		List<String> settled = new ArrayList<>();
		Map<String, Map<String, List<Outgoing>>> byTypeAndKey = new LinkedHashMap<>();
		for (Outgoing outgoing : unique.values()) {
			if (applied.contains(outgoing.identity())) {
				continue;
			}
			var change = outgoing.change();
			CompiledMapping mapping = this.registry.forTable(change.table()).orElse(null);
			if (mapping == null) {
				settled.add(outgoing.identity());
				continue;
			}
			if (change.syncOrigin()) {
				settled.add(outgoing.identity());
				outcomes.add(result(outgoing, mapping.objectTypeId(), null,
						new SyncOutcome.Echo("sync-origin transaction")));
				continue;
			}
			if (change.op() == ChangeOp.UPDATE && !mapping.touchesHubSpot(change.before(), change.current())) {
				settled.add(outgoing.identity());
				continue;
			}
			if (this.pauses.paused(DIRECTION, mapping.objectTypeId())) {
				this.pauses.park(DIRECTION, mapping.objectTypeId(), outgoing.record());
				outcomes.add(result(outgoing, mapping.objectTypeId(), null,
						new SyncOutcome.Parked("outbound paused for this object type")));
				continue;
			}
			byTypeAndKey.computeIfAbsent(mapping.objectTypeId(), (t) -> new LinkedHashMap<>())
				.computeIfAbsent(change.primaryKey(), (k) -> new ArrayList<>())
				.add(outgoing);
		}
		if (!settled.isEmpty()) {
			this.transactions.executeWithoutResult((status) -> this.state.markProcessed(settled));
		}
		for (Map.Entry<String, Map<String, List<Outgoing>>> entry : byTypeAndKey.entrySet()) {
			CompiledMapping mapping = this.registry.get(entry.getKey()).orElseThrow();
			ensureProperties(mapping.objectTypeId());
			outcomes.addAll(write(mapping, entry.getValue(), deadLetter));
		}
		if (!outcomes.isEmpty()) {
			this.results.publish(outcomes);
			Instant now = this.clock.instant();
			for (SyncResult outcome : outcomes) {
				this.metrics.outcome(DIRECTION, outcome.objectTypeId(), outcome.outcome().getClass().getSimpleName());
			}
			for (Outgoing outgoing : unique.values()) {
				if (!applied.contains(outgoing.identity())) {
					this.metrics.latency(DIRECTION, outgoing.change().commitTime(), now);
				}
			}
		}
	}

	private List<SyncResult> write(CompiledMapping mapping, Map<String, List<Outgoing>> byKey,
			BiConsumer<Outgoing, Exception> deadLetter) {
		MappingConfig config = mapping.config();
		String objectTypeId = mapping.objectTypeId();
		String type = ObjectTypes.pathName(objectTypeId);
		Map<String, Row> current = this.rows.read(config, byKey.keySet());
		Map<String, Link> linked = this.links.byPlatformKeys(objectTypeId, byKey.keySet());
		Map<String, Long> lsns = this.links.platformLsns(objectTypeId, byKey.keySet());
		List<SyncResult> outcomes = new ArrayList<>();
		List<Write> updates = new ArrayList<>();
		List<Write> upserts = new ArrayList<>();
		List<Write> archives = new ArrayList<>();
		List<OutboundAssociations.Item> associationOnly = new ArrayList<>();
		boolean background = true;
		for (Map.Entry<String, List<Outgoing>> entry : byKey.entrySet()) {
			String key = entry.getKey();
			List<Outgoing> changes = entry.getValue();
			Outgoing last = changes.get(changes.size() - 1);
			long lsn = changes.stream().mapToLong((o) -> o.change().lsn()).max().orElse(0);
			background &= changes.stream().allMatch((o) -> o.change().op() == ChangeOp.SNAPSHOT);
			Long highWater = lsns.get(key);
			if (highWater != null && highWater >= lsn) {
				outcomes.add(settle(changes, result(last, objectTypeId, key,
						new SyncOutcome.Unchanged("older than the link's high-water mark"))));
				continue;
			}
			Row row = current.get(key);
			Link link = linked.get(key);
			if (row == null && link != null && !link.archived() && !this.properties.outbound().archiveOnDelete()) {
				Link kept = link;
				outcomes.add(this.transactions.execute((status) -> {
					this.links.delete(objectTypeId, kept.hubspotId());
					this.state.log(new LogEntry(DIRECTION, objectTypeId, key, kept.hubspotId(), last.correlationId(),
							"unlinked", null, null, null, null, null,
							"row deleted; HubSpot record kept (hubsync.worker.outbound.archive-on-delete=false)"));
					return settleInTransaction(changes,
							result(last, objectTypeId, key, new SyncOutcome.Unchanged("row deleted, record kept")));
				}));
				continue;
			}
			if (row == null || PlatformRows.archived(config, row)) {
				if (link != null && !link.archived()) {
					archives.add(new Write(key, changes, link, Map.of(), lsn));
				}
				else {
					outcomes.add(settle(changes,
							result(last, objectTypeId, key, new SyncOutcome.Unchanged("not in HubSpot"))));
				}
				continue;
			}
			Map<String, String> values;
			try {
				values = mapping.toHubSpot(key, row);
			}
			catch (ValueConversionException ex) {
				changes.forEach((outgoing) -> deadLetter.accept(outgoing, ex));
				continue;
			}
			if (link != null && !link.archived()) {
				Map<String, String> changed = new LinkedHashMap<>();
				for (CompiledField field : mapping.fields()) {
					String value = values.get(field.property());
					String synced = link.syncedValues().get(field.property());
					if (value == null || value.equals((synced != null) ? synced : "")) {
						continue;
					}
					changed.put(field.property(), value);
				}
				if (changed.isEmpty()) {
					if (OutboundAssociations.changed(mapping, row, link.syncedValues())) {
						associationOnly
							.add(new OutboundAssociations.Item(key, link.hubspotId(), row, link.syncedValues()));
						outcomes.add(settle(changes, result(last, objectTypeId, key,
								new SyncOutcome.Applied(List.of("associations"), false))));
					}
					else {
						outcomes.add(settle(changes, result(last, objectTypeId, key,
								new SyncOutcome.Unchanged("HubSpot holds these values"))));
					}
					advance(objectTypeId, key, lsn);
					continue;
				}
				updates.add(new Write(key, changes, link, changed, lsn));
			}
			else {
				Map<String, String> all = new LinkedHashMap<>(values);
				all.put(RECORD_ID, key);
				all.put(SOURCE_SYSTEM, this.properties.installId());
				upserts.add(new Write(key, changes, link, all, lsn));
			}
		}
		HubSpotClient client = this.hubspot.withLane(background ? Lane.BACKGROUND : Lane.LIVE);
		updates = resolveConflicts(mapping, client, updates, current, outcomes);
		List<Write> clears = new ArrayList<>();
		for (Write write : updates) {
			Map<String, String> clear = new LinkedHashMap<>();
			for (Map.Entry<String, String> value : write.values().entrySet()) {
				CompiledField field = mapping.byProperty(value.getKey()).orElseThrow();
				if (field.clearBeforeSet(write.link().syncedValues().get(field.property()), value.getValue())) {
					clear.put(field.property(), "");
				}
			}
			if (!clear.isEmpty()) {
				clears.add(new Write(write.key(), write.changes(), write.link(), clear, write.lsn()));
			}
		}
		// clear-then-set first: HubSpot refuses a lifecycle stage moving backwards
		send(clears, (chunk) -> client.batch()
			.update(type, chunk.stream()
				.map((w) -> new BatchInputs.Update(String.valueOf(w.link().hubspotId()), null, w.values(), w.key()))
				.toList()), deadLetter);
		Map<String, HubSpotObject> updated = send(updates, (chunk) -> client.batch()
			.update(type, chunk.stream()
				.map((w) -> new BatchInputs.Update(String.valueOf(w.link().hubspotId()), null, w.values(), w.key()))
				.toList()), deadLetter);
		outcomes.addAll(recordWrites(mapping, updates, updated, current));
		Map<String, HubSpotObject> upserted = send(upserts,
				(chunk) -> client.batch().upsert(type, chunk.stream().map((w) -> upsert(mapping, w)).toList()),
				deadLetter);
		outcomes.addAll(recordWrites(mapping, upserts, upserted, current));
		List<OutboundAssociations.Item> associationWork = new ArrayList<>(associationOnly);
		for (Write write : updates) {
			HubSpotObject object = updated.get(write.key());
			if (object != null && current.get(write.key()) != null) {
				associationWork.add(new OutboundAssociations.Item(write.key(), Long.parseLong(object.id()),
						current.get(write.key()), write.link().syncedValues()));
			}
		}
		for (Write write : upserts) {
			HubSpotObject object = upserted.get(write.key());
			if (object != null && current.get(write.key()) != null) {
				associationWork.add(new OutboundAssociations.Item(write.key(), Long.parseLong(object.id()),
						current.get(write.key()), (write.link() != null) ? write.link().syncedValues() : Map.of()));
			}
		}
		if (!associationWork.isEmpty()) {
			this.associations.write(client, mapping, associationWork);
		}
		// rows written earlier whose foreign key pointed at one of these before it was
		// linked
		this.associations.completePending(client, this.registry, objectTypeId, upserted.keySet());
		if (!archives.isEmpty()) {
			client.batch().archive(type, archives.stream().map((w) -> String.valueOf(w.link().hubspotId())).toList());
			for (Write write : archives) {
				outcomes.add(this.transactions.execute((status) -> {
					this.links.archive(objectTypeId, write.link().hubspotId(), true);
					this.links.advancePlatform(objectTypeId, write.key(), write.lsn());
					this.state.log(new LogEntry(DIRECTION, objectTypeId, write.key(), write.link().hubspotId(),
							write.last().correlationId(), "archived", null, null, null, null, null, null));
					return settleInTransaction(write.changes(), result(write.last(), objectTypeId, write.key(),
							new SyncOutcome.Applied(List.of("archived"), false)));
				}));
			}
		}
		return outcomes;
	}

	private BatchInputs.Upsert upsert(CompiledMapping mapping, Write write) {
		String email = mapping.emailField()
			.map((field) -> MatchKeys.normaliseEmail(write.values().get(field.property())))
			.orElse(null);
		if (email != null && ObjectTypes.CONTACTS.equals(mapping.objectTypeId())) {
			return new BatchInputs.Upsert(email, "email", write.values(), write.key());
		}
		return new BatchInputs.Upsert(write.key(), RECORD_ID, write.values(), write.key());
	}

	/**
	 * Records what HubSpot accepted — links with the synced values and hashes, high-water
	 * marks, the sync log, the identities — in one transaction of JDBC batches.
	 */
	private List<SyncResult> recordWrites(CompiledMapping mapping, List<Write> writes,
			Map<String, HubSpotObject> written, Map<String, Row> current) {
		String objectTypeId = mapping.objectTypeId();
		List<Map.Entry<Link, Long>> saved = new ArrayList<>();
		List<LogEntry> log = new ArrayList<>();
		List<String> identities = new ArrayList<>();
		List<Long> replaced = new ArrayList<>();
		List<SyncResult> outcomes = new ArrayList<>();
		for (Write write : writes) {
			HubSpotObject object = written.get(write.key());
			if (object == null) {
				continue;
			}
			long hubspotId = Long.parseLong(object.id());
			boolean created = write.values().containsKey(RECORD_ID) && !Boolean.FALSE.equals(object.isNew());
			Row row = current.get(write.key());
			Map<String, String> synced = new HashMap<>((write.link() != null && write.link().hubspotId() == hubspotId)
					? write.link().syncedValues() : Map.of());
			for (CompiledField field : mapping.fields()) {
				String value = write.values().get(field.property());
				if (value != null) {
					synced.put(field.property(), value);
				}
			}
			if (write.link() != null && write.link().hubspotId() != hubspotId) {
				replaced.add(write.link().hubspotId());
			}
			saved.add(Map.entry(new Link(objectTypeId, hubspotId, write.key(), 0,
					(row != null) ? mapping.hashOfRow(write.key(), row) : null,
					mapping.hashOfHubSpot(object.id(), new HashMap<>(synced)), synced, object.updatedAt(), false),
					write.lsn()));
			List<String> fields = new ArrayList<>(write.values().keySet());
			fields.remove(RECORD_ID);
			fields.remove(SOURCE_SYSTEM);
			log.add(new LogEntry(DIRECTION, objectTypeId, write.key(), hubspotId, write.last().correlationId(),
					(write.link() != null && write.link().archived()) ? "re-created" : created ? "created" : "applied",
					String.join(",", fields), null, null, null, "platform",
					(write.link() != null && write.link().archived())
							? "restored on the platform; HubSpot has no public restore, so a new record was made"
							: null));
			write.changes().forEach((outgoing) -> identities.add(outgoing.identity()));
			outcomes.add(result(write.last(), objectTypeId, write.key(), new SyncOutcome.Applied(fields, created)));
		}
		if (!saved.isEmpty()) {
			this.transactions.executeWithoutResult((status) -> {
				replaced.forEach((id) -> this.links.delete(objectTypeId, id));
				this.links.saveAll(saved);
				this.state.logAll(log);
				this.state.markProcessed(identities);
			});
		}
		return outcomes;
	}

	/**
	 * Reads the HubSpot values of the fields about to be written, where the mapping's
	 * rule may keep HubSpot's: a field HubSpot changed too since the last sync goes to
	 * the later change under {@code LATEST_WINS} (HubSpot's property time from its
	 * history against the row's change-time column), stays HubSpot's under
	 * {@code HUBSPOT_WINS} and {@code MANUAL}; either way the conflict is logged. Without
	 * this read, a platform change would overwrite a HubSpot change whose webhook has not
	 * been processed yet. One read per 100 records;
	 * {@code hubsync.worker.outbound.read-before-write=false} saves it where the platform
	 * always wins.
	 */
	private List<Write> resolveConflicts(CompiledMapping mapping, HubSpotClient client, List<Write> updates,
			Map<String, Row> current, List<SyncResult> outcomes) {
		if (!this.properties.outbound().readBeforeWrite() || updates.isEmpty()) {
			return updates;
		}
		Set<String> contested = new java.util.LinkedHashSet<>();
		List<String> history = new ArrayList<>();
		for (Write write : updates) {
			for (String property : write.values().keySet()) {
				CompiledField field = mapping.byProperty(property).orElseThrow();
				if (field.rule() != ConflictRule.PLATFORM_WINS && contested.add(property)
						&& field.rule() == ConflictRule.LATEST_WINS) {
					history.add(property);
				}
			}
		}
		if (contested.isEmpty()) {
			return updates;
		}
		String objectTypeId = mapping.objectTypeId();
		Map<Long, HubSpotObject> objects = new HashMap<>();
		int chunk = this.properties.inbound().readChunk();
		for (int from = 0; from < updates.size(); from += chunk) {
			List<Write> slice = updates.subList(from, Math.min(updates.size(), from + chunk));
			BatchResult result = client.batch()
				.read(ObjectTypes.pathName(objectTypeId), new BatchInputs.Read(
						slice.stream().map((w) -> new BatchInputs.Id(String.valueOf(w.link().hubspotId()))).toList(),
						List.copyOf(contested), history, null), false);
			this.metrics.hubspotRead(objectTypeId, slice.size());
			result.results().forEach((object) -> objects.put(Long.parseLong(object.id()), object));
		}
		List<Write> kept = new ArrayList<>();
		List<LogEntry> log = new ArrayList<>();
		for (Write write : updates) {
			HubSpotObject object = objects.get(write.link().hubspotId());
			if (object == null) {
				kept.add(write); // gone from HubSpot: the update reports it
				continue;
			}
			Row row = current.get(write.key());
			Instant platformChangedAt = (row != null) ? PlatformRows.changeTime(mapping.config(), row) : null;
			Map<String, String> values = new LinkedHashMap<>();
			List<SyncOutcome.FieldConflict> conflicts = new ArrayList<>();
			for (Map.Entry<String, String> entry : write.values().entrySet()) {
				CompiledField field = mapping.byProperty(entry.getKey()).orElseThrow();
				String value = entry.getValue();
				if (field.rule() == ConflictRule.PLATFORM_WINS) {
					values.put(field.property(), value);
					continue;
				}
				String hub = field.canonical(object.id(), object.property(field.property()));
				String last = write.link().syncedValues().getOrDefault(field.property(), "");
				if (hub.equals(last)) {
					values.put(field.property(), value); // only the platform changed it
					continue;
				}
				if (hub.equals(value)) {
					continue; // both made the same change
				}
				Instant hubspotChangedAt = object.propertyChangedAt(field.property());
				boolean platformWins = field.rule() == ConflictRule.LATEST_WINS && platformChangedAt != null
						&& (hubspotChangedAt == null || platformChangedAt.isAfter(hubspotChangedAt));
				String winner = (field.rule() == ConflictRule.MANUAL) ? "none" : platformWins ? "platform" : "hubspot";
				conflicts.add(new SyncOutcome.FieldConflict(field.property(), value, hub, field.rule(), winner));
				log.add(new LogEntry(DIRECTION, objectTypeId, write.key(), write.link().hubspotId(),
						write.last().correlationId(), "conflict", field.property(), value, hub, field.rule().name(),
						winner, (hubspotChangedAt != null) ? "HubSpot changed it at " + hubspotChangedAt : null));
				if (platformWins) {
					values.put(field.property(), value);
				}
			}
			if (!values.isEmpty()) {
				kept.add(new Write(write.key(), write.changes(), write.link(), values, write.lsn()));
			}
			else {
				outcomes.add(settle(write.changes(),
						result(write.last(), objectTypeId, write.key(),
								conflicts.isEmpty() ? new SyncOutcome.Unchanged("HubSpot holds these values")
										: new SyncOutcome.Conflict(conflicts))));
			}
		}
		if (!log.isEmpty()) {
			this.state.logAll(log);
		}
		return kept;
	}

	/**
	 * Sends writes in chunks of 100; a record HubSpot refuses (an error naming its trace
	 * id, or the only input of a refused call) is dead-lettered; a call refused whole is
	 * split in two until the refused record is alone.
	 */
	private Map<String, HubSpotObject> send(List<Write> writes,
			java.util.function.Function<List<Write>, BatchResult> call, BiConsumer<Outgoing, Exception> deadLetter) {
		Map<String, HubSpotObject> written = new ConcurrentHashMap<>();
		List<List<Write>> chunks = new ArrayList<>();
		for (int from = 0; from < writes.size(); from += BatchInputs.MAX) {
			chunks.add(writes.subList(from, Math.min(writes.size(), from + BatchInputs.MAX)));
		}
		if (chunks.size() <= 1) {
			chunks.forEach((chunk) -> bisect(chunk, call, deadLetter, written));
			return written;
		}
		// the records of one batch are distinct (a record's changes were coalesced), so
		// its chunks can be written in any order; up to calls-in-flight wait for HubSpot
		// at once
		List<Future<?>> sent = new ArrayList<>(chunks.size());
		for (List<Write> chunk : chunks) {
			sent.add(this.calls.submit(() -> bisect(chunk, call, deadLetter, written)));
		}
		awaitAll(sent);
		return written;
	}

	/**
	 * Waits for every call, even after one failed, so none is still running when the
	 * batch is retried; then throws the first failure as it was thrown.
	 */
	private static void awaitAll(List<Future<?>> sent) {
		RuntimeException failure = null;
		for (Future<?> call : sent) {
			try {
				call.get();
			}
			catch (InterruptedException ex) {
				sent.forEach((other) -> other.cancel(true));
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while writing to HubSpot", ex);
			}
			catch (ExecutionException ex) {
				if (failure == null) {
					failure = (ex.getCause() instanceof RuntimeException runtime) ? runtime
							: new IllegalStateException(ex.getCause());
				}
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private void bisect(List<Write> chunk, java.util.function.Function<List<Write>, BatchResult> call,
			BiConsumer<Outgoing, Exception> deadLetter, Map<String, HubSpotObject> written) {
		if (chunk.isEmpty()) {
			return;
		}
		BatchResult result;
		try {
			result = call.apply(chunk);
		}
		catch (HubSpotClientException ex) {
			if (chunk.size() == 1) {
				chunk.get(0).changes().forEach((outgoing) -> deadLetter.accept(outgoing, ex));
				return;
			}
			int half = chunk.size() / 2;
			bisect(chunk.subList(0, half), call, deadLetter, written);
			bisect(chunk.subList(half, chunk.size()), call, deadLetter, written);
			return;
		}
		Map<String, Write> byKey = new HashMap<>();
		chunk.forEach((write) -> byKey.put(write.key(), write));
		Set<String> failed = new HashSet<>();
		for (HubSpotError error : result.errors()) {
			for (String key : error.contextValues("objectWriteTraceId")) {
				Write write = byKey.get(key);
				if (write != null && failed.add(key)) {
					IllegalArgumentException refused = new IllegalArgumentException(
							"HubSpot refused " + key + ": " + error.message());
					write.changes().forEach((outgoing) -> deadLetter.accept(outgoing, refused));
				}
			}
		}
		// results are not in input order: pair them by HubSpot id (updates) or by the
		// hubsync_record_id they carry (upserts)
		Map<String, Write> byHubSpotId = new HashMap<>();
		for (Write write : chunk) {
			if (write.link() != null) {
				byHubSpotId.put(String.valueOf(write.link().hubspotId()), write);
			}
		}
		for (HubSpotObject object : result.results()) {
			Write write = byKey.get(String.valueOf(object.property(RECORD_ID)));
			if (write == null || !write.values().containsKey(RECORD_ID)) {
				write = byHubSpotId.get(object.id());
			}
			if (write != null && !failed.contains(write.key())) {
				written.put(write.key(), object);
			}
		}
	}

	private void ensureProperties(String objectTypeId) {
		if (this.propertiesChecked.contains(objectTypeId)) {
			return;
		}
		String type = ObjectTypes.pathName(objectTypeId);
		if (this.properties.outbound().createProperties()) {
			this.hubspot.properties().ensureGroup(type, new PropertyGroup("hubsync", "HubSync", null));
			this.hubspot.properties()
				.ensure(type, PropertyCreate.text(RECORD_ID, "HubSync record id", "hubsync", true));
			this.hubspot.properties()
				.ensure(type, PropertyCreate.text(SOURCE_SYSTEM, "HubSync source system", "hubsync", false));
		}
		else {
			for (String name : List.of(RECORD_ID, SOURCE_SYSTEM)) {
				if (this.hubspot.properties().get(type, name).isEmpty()) {
					throw new IllegalStateException("HubSpot has no property " + name + " on " + type
							+ " and hubsync.worker.outbound.create-properties is false: create it (mapping service:"
							+ " POST /api/hubspot/properties) or allow the worker to");
				}
			}
		}
		this.propertiesChecked.add(objectTypeId);
		logger.info("HubSpot properties {} and {} exist on {}", RECORD_ID, SOURCE_SYSTEM, type);
	}

	private void advance(String objectTypeId, String key, long lsn) {
		this.links.advancePlatform(objectTypeId, key, lsn);
	}

	private SyncResult settle(Collection<Outgoing> changes, SyncResult result) {
		return this.transactions.execute((status) -> settleInTransaction(changes, result));
	}

	private SyncResult settleInTransaction(Collection<Outgoing> changes, SyncResult result) {
		this.state.markProcessed(changes.stream().map(Outgoing::identity).toList());
		return result;
	}

	private SyncResult result(Outgoing outgoing, String objectTypeId, @Nullable String platformKey,
			SyncOutcome outcome) {
		return new SyncResult(outgoing.change().key().toString(), SyncDirection.OUTBOUND, objectTypeId,
				(platformKey != null) ? platformKey : outgoing.change().primaryKey(), null, outcome,
				outgoing.correlationId(), this.clock.instant());
	}

	/**
	 * One record's write: its key, changes, link, the properties to send, its newest LSN.
	 */
	private record Write(String key, List<Outgoing> changes, @Nullable Link link, Map<String, String> values,
			long lsn) {

		Outgoing last() {
			return this.changes.get(this.changes.size() - 1);
		}

	}

}
