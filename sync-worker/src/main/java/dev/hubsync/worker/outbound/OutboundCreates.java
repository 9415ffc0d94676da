package dev.hubsync.worker.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.hubspot.error.HubSpotConflictException;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.merge.FieldMerge;
import dev.hubsync.worker.merge.MergePlan;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * Creates the HubSpot records of rows that matched nothing: an upsert on
 * {@code hubsync_record_id} carrying every non-empty value, so a retry after a crash
 * finds the record it made instead of making another; then the link, with the values sent
 * as last synced and the record's history as the sync's own up to its creation. A row
 * restored after its record was archived gets a new record (HubSpot has no public
 * restore).
 */
@Component
class OutboundCreates {

	private static final String DIRECTION = OutboundRecorder.DIRECTION;

	private final LinkStore links;

	private final SyncState state;

	private final TransactionTemplate transactions;

	private final HubSpotWriter writer;

	private final WorkerProperties properties;

	OutboundCreates(LinkStore links, SyncState state, TransactionTemplate transactions, HubSpotWriter writer,
			WorkerProperties properties) {
		this.links = links;
		this.state = state;
		this.transactions = transactions;
		this.writer = writer;
		this.properties = properties;
	}

	/**
	 * Creates the records of a batch's rows that matched nothing, and links them.
	 * @param batch the batch
	 * @return the rows whose create HubSpot refused because a record with their email
	 * exists by now: to be matched again
	 */
	Set<String> create(OutboundBatch batch) {
		if (batch.creates.isEmpty()) {
			return Set.of();
		}
		CompiledMapping mapping = batch.mapping;
		String objectTypeId = mapping.objectTypeId();
		List<Write> writes = new ArrayList<>();
		Map<String, Map<String, String>> synced = new LinkedHashMap<>();
		Map<String, Map<String, MergePlan.Refusal>> refusals = new LinkedHashMap<>();
		CompiledField matchKey = mapping.emailField().orElse(null);
		rows: for (Map.Entry<String, Row> entry : batch.creates.entrySet()) {
			String key = entry.getKey();
			Map<String, String> values = new LinkedHashMap<>();
			Map<String, String> agreed = new LinkedHashMap<>();
			for (CompiledField field : mapping.fields()) {
				if (!field.direction().toHubSpot() || !entry.getValue().has(field.column())) {
					continue;
				}
				Object platform = entry.getValue().get(field.column());
				String value;
				try {
					value = FieldMerge.normalise(field.toHubSpot(key, platform));
				}
				catch (ValueConversionException ex) {
					if (field == matchKey || field.setsAsideRecord()) {
						// the record's identity: it is set aside whole
						batch.changes.get(key).forEach((outgoing) -> batch.deadLetter.accept(outgoing, ex));
						continue rows;
					}
					// refused alone: the record is made with its other fields, and the
					// field syncs once its value converts (it has no last-synced value)
					refusals.computeIfAbsent(key, (k) -> new LinkedHashMap<>())
						.put(field.property(), new MergePlan.Refusal(field.column(),
								(platform != null) ? platform.toString() : null, null, ex.getMessage()));
					continue;
				}
				agreed.put(field.property(), value);
				if (!value.isEmpty()) {
					values.put(field.property(), value);
				}
			}
			// a constant on a mapped property fills only a field the row leaves empty
			mapping.config().constants().forEach(values::putIfAbsent);
			values.put(RECORD_ID, key);
			values.put(SOURCE_SYSTEM, this.properties.installId());
			writes.add(new Write(key, batch.changes.get(key), null, values));
			synced.put(key, agreed);
		}
		Set<String> conflicted = new LinkedHashSet<>();
		java.util.function.Function<List<Write>, dev.hubsync.hubspot.objects.BatchResult> upsert = (
				chunk) -> batch.client.batch()
					.upsert(ObjectTypes.pathName(objectTypeId),
							chunk.stream()
								.map((w) -> new BatchInputs.Upsert(w.key(), RECORD_ID, w.values(), w.key()))
								.toList());
		java.util.function.BiConsumer<Write, RuntimeException> setAside = (write, reason) -> {
			synchronized (conflicted) {
				if (reason instanceof HubSpotConflictException && batch.rematched.add(write.key())) {
					conflicted.add(write.key());
				}
				else {
					write.changes().forEach((outgoing) -> batch.deadLetter.accept(outgoing, reason));
				}
			}
		};
		// HubSpot refusing some values of a create: those are refused alone, and the
		// record is created without them
		// (the writer calls back from its threads)
		Map<String, Write> again = new java.util.concurrent.ConcurrentHashMap<>();
		Map<String, HubSpotObject> created = new LinkedHashMap<>(this.writer.send(writes, upsert, (write, reason) -> {
			synchronized (again) {
				Map<String, MergePlan.Refusal> refused = OutboundMerge.fieldRefusals(mapping, List.of(), write, reason);
				if (refused.isEmpty()) {
					setAside.accept(write, reason);
					return;
				}
				refusals.computeIfAbsent(write.key(), (k) -> new LinkedHashMap<>()).putAll(refused);
				synced.get(write.key()).keySet().removeAll(refused.keySet());
				Map<String, String> rest = new LinkedHashMap<>(write.values());
				rest.keySet().removeAll(refused.keySet());
				again.put(write.key(), new Write(write.key(), write.changes(), null, rest));
			}
		}));
		if (!again.isEmpty()) {
			created.putAll(this.writer.send(List.copyOf(again.values()), upsert, setAside));
		}
		recordCreated(batch, created, synced, refusals);
		batch.creates.clear();
		return conflicted;
	}

	private void recordCreated(OutboundBatch batch, Map<String, HubSpotObject> created,
			Map<String, Map<String, String>> synced, Map<String, Map<String, MergePlan.Refusal>> refusals) {
		if (created.isEmpty()) {
			return;
		}
		String objectTypeId = batch.mapping.objectTypeId();
		this.transactions.executeWithoutResult((status) -> {
			List<String> identities = new ArrayList<>();
			List<LogEntry> log = new ArrayList<>();
			Map<String, java.util.Set<String>> settled = new LinkedHashMap<>();
			for (Map.Entry<String, HubSpotObject> entry : created.entrySet()) {
				String key = entry.getKey();
				HubSpotObject object = entry.getValue();
				long hubspotId = Long.parseLong(object.id());
				Link holder = this.links.lockByHubSpotId(objectTypeId, hubspotId).orElse(null);
				if (holder != null && !holder.archived() && !holder.platformKey().equals(key)) {
					// the record named by this row's key is another row's: left as it is
					this.state.openReview(SyncState.DUPLICATE_EMAIL, objectTypeId, key, hubspotId, RECORD_ID, key,
							holder.platformKey(),
							"record " + hubspotId + " carries this row's " + RECORD_ID + " and is linked to row "
									+ holder.platformKey() + "; link this one instead," + " or keep them apart");
					log.add(new LogEntry(DIRECTION, objectTypeId, key, hubspotId, batch.lastOf.get(key).correlationId(),
							"parked", RECORD_ID, key, holder.platformKey(), null, null,
							"record linked to another row"));
					batch.changes.get(key).forEach((outgoing) -> identities.add(outgoing.identity()));
					batch.outcomes.add(batch.result(batch.lastOf.get(key), key,
							new SyncOutcome.Parked("record " + hubspotId + " is linked to another row")));
					continue;
				}
				Link restored = batch.restored.get(key);
				if (restored != null && restored.hubspotId() != hubspotId) {
					this.links.delete(objectTypeId, restored.hubspotId());
				}
				Row row = batch.current.get(key);
				// the record's history is the sync's own up to its creation
				Map<String, Instant> seen = new LinkedHashMap<>();
				if (object.updatedAt() != null) {
					synced.get(key).keySet().forEach((property) -> seen.put(property, object.updatedAt()));
				}
				boolean isNew = !Boolean.FALSE.equals(object.isNew());
				Map<String, String> values = new LinkedHashMap<>(synced.get(key));
				if (isNew) {
					// a new record has no associations: none is the last-synced target (a
					// missing one would be a first link, where HubSpot's target wins)
					batch.mapping.associations()
						.stream()
						.filter((association) -> association.direction().toHubSpot())
						.forEach((association) -> values.put(OutboundAssociations.PREFIX + association.column(), ""));
				}
				this.links.save(new Link(objectTypeId, hubspotId, key, 0, null, null, values, object.updatedAt(), false,
						Map.of(), seen));
				Long lsn = OutboundBatch.lsn(batch.changes.get(key));
				if (lsn != null) {
					this.links.advancePlatform(objectTypeId, key, lsn);
				}
				log.add(new LogEntry(DIRECTION, objectTypeId, key, hubspotId, batch.lastOf.get(key).correlationId(),
						(restored != null) ? "re-created" : isNew ? "created" : "applied", null, null, null, null,
						"platform",
						(restored != null)
								? "restored on the platform; HubSpot has no public restore, so a new record was made"
								: isNew ? "no record matched" : "the record made for this row earlier"));
				// a new record (also one made again for a restored row) has no
				// associations yet
				OutboundAssociations.Item associations = new OutboundAssociations.Item(key, hubspotId, row, Map.of(),
						OutboundAssociations.changeTimes(batch.mapping, row, batch.changes.get(key)), isNew, null);
				(OutboundAssociations.changed(batch.mapping, row, associations.synced()) ? batch.afterAssociations
						: identities)
					.addAll(batch.changes.get(key).stream().map(Outgoing::identity).toList());
				refusals.getOrDefault(key, Map.of())
					.forEach((property, refusal) -> this.state.refused(DIRECTION, objectTypeId, key, hubspotId,
							batch.lastOf.get(key).correlationId(), property, refusal));
				batch.outcomes.add(batch.result(batch.lastOf.get(key), key,
						new SyncOutcome.Applied(List.copyOf(synced.get(key).keySet()), isNew)));
				batch.associationWork.add(associations);
				batch.linkedNow.add(key);
				// fields refused before (a record archived and made again for a restored
				// row, a retried create) that HubSpot holds now are no longer set aside
				settled.put(key, synced.get(key).keySet());
			}
			this.state.settleRefusals(objectTypeId, settled);
			this.state.logAll(log);
			this.state.markProcessed(identities);
		});
	}

}
