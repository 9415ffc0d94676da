package dev.hubsync.worker.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.matching.RecordMatch;
import dev.hubsync.worker.matching.RecordMatcher;
import dev.hubsync.worker.merge.FieldDecision;
import dev.hubsync.worker.merge.FieldMerge;
import dev.hubsync.worker.merge.LinkValues;
import dev.hubsync.worker.merge.MergePlan;
import dev.hubsync.worker.merge.ProductTime;
import dev.hubsync.worker.merge.RecordMerge;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.MatchLocks;
import dev.hubsync.worker.store.LinkUpdate;
import dev.hubsync.worker.store.Pauses;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Applies one HubSpot record to the product, inside the caller's transaction (which
 * starts with the sync-origin marker): the link locked, or a match found (or a row
 * created), the row locked for update, every field merged, the product's side written,
 * the link's per-field values recorded, the decisions logged. Values the product wins are
 * not written to HubSpot here: the row is handed to the outbound direction (a snapshot
 * trigger), which writes HubSpot in batches under the rate budget and records them once
 * HubSpot has them.
 */
@Component
class InboundApplier {

	static final String DIRECTION = "inbound";

	private final LinkStore links;

	private final MatchLocks locks;

	private final PlatformRows rows;

	private final SyncState state;

	private final RecordMatcher matcher;

	private final String appId;

	private final boolean readBeforeWrite;

	private final Pauses pauses;

	InboundApplier(LinkStore links, PlatformRows rows, SyncState state, RecordMatcher matcher, MatchLocks locks,
			HubSpotProperties hubspot, WorkerProperties properties, Pauses pauses) {
		this.readBeforeWrite = properties.outbound().readBeforeWrite();
		this.pauses = pauses;
		this.links = links;
		this.locks = locks;
		this.rows = rows;
		this.state = state;
		this.matcher = matcher;
		this.appId = String.valueOf(hubspot.appId());
	}

	/**
	 * Applies a record.
	 * @param mapping the mapping
	 * @param object the record as read (with history)
	 * @param events its events in this batch, oldest first
	 * @param trustRead whether to apply the read even when the link has applied a newer
	 * state (it was read again and again)
	 * @return what happened
	 * @throws StaleRead when the link has applied a newer state of the record than this
	 * read
	 */
	Applied apply(CompiledMapping mapping, HubSpotObject object, List<Incoming> events, boolean trustRead) {
		MappingConfig config = mapping.config();
		String objectTypeId = mapping.objectTypeId();
		long hubspotId = Long.parseLong(object.id());
		Incoming first = events.get(0);
		Optional<Link> existing = this.links.lockByHubSpotId(objectTypeId, hubspotId);
		if (existing.isEmpty()) {
			// another consumer applying the same new record (a rebalance mid-batch) waits
			// here, then finds the link this one made instead of making a second row
			this.locks.lockForTransaction(objectTypeId, "hubspot:" + hubspotId);
			existing = this.links.lockByHubSpotId(objectTypeId, hubspotId);
		}
		if (!trustRead && existing.isPresent() && existing.get().hubspotModifiedAt() != null
				&& object.updatedAt() != null && object.updatedAt().isBefore(existing.get().hubspotModifiedAt())) {
			throw new StaleRead(objectTypeId, hubspotId);
		}
		String platformKey;
		String matchedBy = "link";
		if (existing.isPresent()) {
			platformKey = existing.get().platformKey();
		}
		else {
			RecordMatch match = this.matcher.forRecord(mapping, object);
			reviewDuplicates(mapping, hubspotId, match, first);
			if (match.parked()) {
				return Applied.settled(new SyncOutcome.Parked(match.by()));
			}
			if (match.create()) {
				return create(mapping, object, first, match.by());
			}
			platformKey = match.platformKey();
			matchedBy = match.by();
			Optional<Link> before = this.links.byPlatformKey(objectTypeId, platformKey);
			if (before.isPresent() && before.get().archived() && before.get().hubspotId() != hubspotId) {
				// a row restored in the product whose archived record is not made again:
				// this record takes its place, as a record made again would
				// (OutboundCreates)
				this.links.deleteArchived(objectTypeId, platformKey, before.get().hubspotId());
			}
			if (!this.links
				.insertNew(new Link(objectTypeId, hubspotId, platformKey, 1, null, null, Map.of(), null, false))) {
				// the row or the record was linked by another transaction meanwhile
				throw new org.springframework.dao.DuplicateKeyException(
						objectTypeId + "/" + hubspotId + " or row " + platformKey + " was linked meanwhile");
			}
		}
		Row row = this.rows.lock(config, List.of(platformKey)).get(platformKey);
		if (row == null) {
			throw new IllegalStateException(
					"linked platform row " + config.platformTable() + "/" + platformKey + " is gone");
		}
		boolean restoreEvent = events.stream().anyMatch((e) -> e.change() instanceof HubSpotChange.ObjectRestored);
		boolean archivedRow = PlatformRows.archived(config, row);
		if (archivedRow && existing.isPresent() && existing.get().archived() && !restoreEvent && !trustRead) {
			// an archived pair read live without a restore event: a read from
			// before the archive (which would bring the deleted row back), or a
			// restore whose event is on its way; read until the reads agree
			throw new StaleRead(objectTypeId, hubspotId);
		}
		boolean restored = archivedRow && (existing.map(Link::archived).orElse(false) || restoreEvent);
		if (archivedRow && !restored && (existing.isEmpty() || neverSynced(existing.get()))) {
			// matched to a row deleted before its first link (its twin by email,
			// or the row its hubsync_record_id names), now or by a try that did
			// not finish: nothing merges into a deleted row; the outbound
			// direction, handed the row, archives the record as it would have had
			// the link come first (under the mass-deletion guard). No
			// associations move for a pair on its way out.
			this.state.log(new LogEntry(DIRECTION, objectTypeId, platformKey, hubspotId, first.correlationId(),
					"linked", null, null, null, null, null,
					"the row was deleted before its first link; its deletion follows to the record: " + matchedBy));
			return new Applied(new SyncOutcome.Unchanged("linked to a row deleted before its first link"), platformKey,
					false, true, false, true);
		}
		if (restored && deletedSinceRestore(config, objectTypeId, platformKey, hubspotId, events, object)) {
			// the product deleted the row after HubSpot restored the record: the later
			// change wins, the row stays deleted and its deletion follows to the record.
			// The pair is live again, and the outbound direction, handed the row,
			// archives the record (under the mass-deletion guard)
			this.links.archive(objectTypeId, hubspotId, false);
			this.state.log(new LogEntry(DIRECTION, objectTypeId, platformKey, hubspotId, first.correlationId(),
					"unchanged", null, null, null, null, "platform",
					"restored in HubSpot before the product deleted the row; the deletion follows to the record"));
			return new Applied(new SyncOutcome.Unchanged("restored in HubSpot before the product deleted the row"),
					platformKey, false, true, false, true);
		}
		LinkValues values = existing.map(Link::values).orElse(LinkValues.NONE);
		MergePlan merged = RecordMerge.merge(mapping, platformKey, row, object, values, times(config, row, values),
				this.appId);
		// only an outbound direction that reads HubSpot before it writes, and is not
		// paused, can take such a field over
		Set<String> productLater = (this.readBeforeWrite && !this.pauses.paused("outbound", objectTypeId))
				? changedSince(config, row, object, values, merged) : Set.of();
		MergePlan plan = productLater.isEmpty() ? merged : merged.leavingToOutbound(productLater);
		this.rows.update(config, platformKey, plan.platformWrites());
		if (restored) {
			this.rows.restore(config, platformKey);
		}
		// values HubSpot lacks wait for the outbound direction to give them to HubSpot; a
		// HubSpot value written to the row here and handed over too (an edit our own
		// write had covered) keeps its time, so a later conflict on the field is judged
		// by it rather than waiting for a product change event that will never come
		Map<String, String> ancestors = new LinkedHashMap<>(plan.ancestors());
		Set<String> settled = new LinkedHashSet<>(plan.settled());
		Map<String, Instant> times = new LinkedHashMap<>(plan.productTimes());
		ancestors.keySet().removeAll(plan.hubspotWrites().keySet());
		settled.removeAll(plan.hubspotWrites().keySet());
		for (MergePlan.FieldResult result : plan.fields()) {
			String property = result.field().property();
			if (plan.hubspotWrites().containsKey(property) && plan.platformWrites().containsKey(result.field().column())
					&& result.hubspotChangedAt() != null) {
				LinkValues.keep(times, property, plan.hubspotWrites().get(property), result.hubspotChangedAt());
			}
			else if (plan.hubspotWrites().containsKey(property) && values.ancestor(property) == null
					&& !result.overwritten()) {
				// the field's first link, decided for the product, waits for the outbound
				// direction's write: the value HubSpot held is marked, so a HubSpot
				// change
				// made before that write lands is judged as a change since the decision
				// (the rule, by the change times) instead of as another first link, where
				// a clear would lose to the product's older value (long model run 3, seed
				// -66463172500928768); while HubSpot holds it, the field is decided as a
				// first link again, with the best product time the deciding path has
				LinkValues.markFirstLink(times, property, FieldMerge.normalise(result.hubspotCurrent()),
						(result.hubspotChangedAt() != null) ? result.hubspotChangedAt() : Instant.EPOCH);
			}
		}
		this.links.update(new LinkUpdate(objectTypeId, hubspotId, ancestors, settled, times, plan.hubspotSeen(),
				object.updatedAt(), null, null, null));
		if (existing.isPresent() && existing.get().archived() && !restored) {
			this.links.archive(objectTypeId, hubspotId, true);
		}
		log(mapping, platformKey, hubspotId, first, plan, matchedBy);
		this.state.settleRefusals(objectTypeId, Map.of(platformKey, ancestors.keySet()));
		plan.refused()
			.forEach((property, refusal) -> this.state.refused(DIRECTION, objectTypeId, platformKey, hubspotId,
					first.correlationId(), property, refusal));
		Applied applied = Applied.merged(mapping, platformKey, plan, restored, !matchedBy.equals("link"));
		return productLater.isEmpty() ? applied
				: new Applied(applied.outcome(), platformKey, false, true, applied.linked(), applied.departing());
	}

	/**
	 * The fields whose HubSpot change the product's row may have overtaken: HubSpot
	 * changed them alone as far as the row tells (it holds the last-synced value), but
	 * the row changed after HubSpot's change. The product may have set such a field and
	 * set it back (its later change, which HubSpot's must not undo), and only its change
	 * events tell: the record is handed to the outbound direction, whose merge reads them
	 * (in order, ahead of the hand-over when they were captured first) and applies
	 * HubSpot's value when the product did not touch the field. Without a change-time
	 * column nothing is known, and HubSpot's value is applied as before; so it is to a
	 * deleted row.
	 */
	private static Set<String> changedSince(MappingConfig config, Row row, HubSpotObject object, LinkValues values,
			MergePlan plan) {
		Instant rowChanged = PlatformRows.changeTime(config, row);
		Set<String> fields = new LinkedHashSet<>();
		if (rowChanged == null || PlatformRows.archived(config, row)) {
			// a row the product deleted takes HubSpot's values as before: the outbound
			// direction archives the record rather than merging, and a restore makes it
			// again from the row (chaos seed 42)
			return fields;
		}
		for (MergePlan.FieldResult result : plan.fields()) {
			String property = result.field().property();
			String ancestor = values.ancestor(property);
			// only LATEST_WINS decides a set-back by the product's change time
			if (result.field().rule() != ConflictRule.LATEST_WINS
					|| !plan.platformWrites().containsKey(result.field().column()) || result.decision().conflict()
					|| result.overwritten() || ancestor == null
					|| !result.platform().equals(FieldMerge.normalise(ancestor))) {
				continue;
			}
			Instant hubspotAt = (result.hubspotChangedAt() != null) ? result.hubspotChangedAt() : object.updatedAt();
			if (hubspotAt != null && rowChanged.isAfter(hubspotAt)) {
				fields.add(property);
			}
		}
		return fields;
	}

	/**
	 * A link made to a deleted row that has merged nothing yet: the twin of a row deleted
	 * before its first link, whose hand-over a retry is to finish.
	 */
	private static boolean neverSynced(Link link) {
		return !link.archived() && link.syncedValues().isEmpty() && link.hubspotModifiedAt() == null;
	}

	private Applied create(CompiledMapping mapping, HubSpotObject object, Incoming first, String why) {
		String objectTypeId = mapping.objectTypeId();
		long hubspotId = Long.parseLong(object.id());
		// field by field: a value that does not convert is left out (and reviewed), the
		// others make the row; the match key's refusal sets the record aside whole
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		Map<String, MergePlan.Refusal> refused = new LinkedHashMap<>();
		CompiledField matchKey = mapping.emailField().orElse(null);
		for (CompiledField field : mapping.fields()) {
			if (field.direction().toPlatform() && object.properties().containsKey(field.property())) {
				try {
					values.put(field.column(), field.toPlatform(object.id(), object.property(field.property())));
				}
				catch (ValueConversionException ex) {
					if (field == matchKey || field.setsAsideRecord()) {
						throw ex;
					}
					refused.put(field.property(), new MergePlan.Refusal(field.column(), null,
							object.property(field.property()), ex.getMessage()));
				}
			}
		}
		String platformKey = this.rows.insert(mapping.config(), values);
		Map<String, String> agreed = new LinkedHashMap<>();
		Map<String, Instant> seen = new LinkedHashMap<>();
		for (CompiledField field : mapping.fields()) {
			if (field.direction().toPlatform() && object.properties().containsKey(field.property())
					&& !refused.containsKey(field.property())) {
				agreed.put(field.property(),
						FieldMerge.normalise(field.canonical(object.id(), object.property(field.property()))));
				Instant newest = (object.updatedAt() != null) ? object.updatedAt()
						: object.propertyChangedAt(field.property());
				if (newest != null) {
					seen.put(field.property(), newest);
				}
			}
		}
		this.links.save(new Link(objectTypeId, hubspotId, platformKey, 0, null, null, agreed, object.updatedAt(), false,
				Map.of(), seen));
		this.state.log(new LogEntry(DIRECTION, objectTypeId, platformKey, hubspotId, first.correlationId(), "created",
				null, null, null, null, null, why));
		refused.forEach((property, refusal) -> this.state.refused(DIRECTION, objectTypeId, platformKey, hubspotId,
				first.correlationId(), property, refusal));
		return new Applied(new SyncOutcome.Applied(List.copyOf(values.keySet()), true), platformKey, true, false,
				false);
	}

	/**
	 * The product's change time of a field as the inbound direction knows it: the time
	 * the link kept; on first link, the mapping's change-time column; for a value that is
	 * still the last-synced one, older than any HubSpot change; otherwise unknown — the
	 * product's change event is on its way, and the outbound direction decides with its
	 * exact time.
	 */
	private static ProductTime.Source times(MappingConfig config, Row row, LinkValues values) {
		return (property, platform, ancestor) -> {
			Instant kept = values.keptTime(property, platform);
			if (kept != null) {
				return ProductTime.at(kept);
			}
			if (ancestor == null) {
				return ProductTime.at(PlatformRows.changeTime(config, row));
			}
			return platform.equals(FieldMerge.normalise(ancestor)) ? ProductTime.at(null) : ProductTime.unknown();
		};
	}

	private void reviewDuplicates(CompiledMapping mapping, long hubspotId, RecordMatch match, Incoming first) {
		for (String duplicate : match.duplicates()) {
			if (this.state.keptApart(mapping.objectTypeId(), duplicate, hubspotId)) {
				continue;
			}
			if (this.state.openReview(SyncState.DUPLICATE_EMAIL, mapping.objectTypeId(), duplicate, hubspotId, "email",
					null, null, "shares its match key with another row: " + match.by()
							+ "; link this one instead, or keep them apart")) {
				this.state.log(new LogEntry(DIRECTION, mapping.objectTypeId(), duplicate, hubspotId,
						first.correlationId(), "parked", "email", null, null, null, null, "duplicate: " + match.by()));
			}
		}
	}

	private void log(CompiledMapping mapping, String platformKey, long hubspotId, Incoming first, MergePlan plan,
			String matchedBy) {
		List<LogEntry> log = new ArrayList<>();
		String objectTypeId = mapping.objectTypeId();
		if (!matchedBy.equals("link")) {
			log.add(new LogEntry(DIRECTION, objectTypeId, platformKey, hubspotId, first.correlationId(), "linked", null,
					null, null, null, null, "matched by " + matchedBy));
		}
		for (MergePlan.FieldResult result : plan.fields()) {
			FieldDecision decision = result.decision();
			String property = result.field().property();
			if (decision.outcome() == FieldDecision.Outcome.IN_SYNC) {
				continue;
			}
			String outcome;
			String detail = decision.reason().text();
			if (plan.deferred().contains(property)) {
				outcome = "deferred";
				detail = decision.conflict() ? "both changed; the product's change event brings its time and decides"
						: "the row changed after HubSpot's change; handed to the outbound direction, whose merge"
								+ " reads the product's change events";
			}
			else if (decision.conflict()) {
				outcome = "conflict";
			}
			else if (decision.outcome() == FieldDecision.Outcome.KEEP) {
				outcome = "kept";
			}
			else if (decision.outcome() == FieldDecision.Outcome.TO_HUBSPOT) {
				outcome = "handed over";
				detail = detail + "; written to HubSpot by the outbound direction";
			}
			else {
				outcome = "applied";
			}
			if (result.overwritten()) {
				detail = detail + "; HubSpot's edit, overwritten by the sync's own write, recovered";
			}
			log.add(new LogEntry(DIRECTION, objectTypeId, platformKey, hubspotId, first.correlationId(), outcome,
					property, result.platform(), result.hubspot(), result.field().rule().name(), decision.winner(),
					detail));
		}
		for (MergePlan.FieldResult result : plan.reviews()) {
			this.state.openReview("manual", objectTypeId, platformKey, hubspotId, property(result), result.platform(),
					result.hubspot(), "both sides changed " + result.field().column() + " <-> "
							+ result.field().property() + "; choose a value");
		}
		this.state.logAll(log);
	}

	/**
	 * Tells whether a soft-deleted row was deleted by the product after HubSpot restored
	 * its record. A row the inbound direction soft-deleted itself, following HubSpot's
	 * deletion, still carries the time it wrote (kept on the link): HubSpot restored the
	 * record since, and the restore goes ahead, however late its event. A row deleted at
	 * another time was deleted by the product: later than the restore (its event's time,
	 * or the record's last modification if later; the last modification alone for a
	 * record read live with no restore event) it stays deleted. A flag column (no time)
	 * restores as before.
	 */
	private boolean deletedSinceRestore(MappingConfig config, String objectTypeId, String platformKey, long hubspotId,
			List<Incoming> events, HubSpotObject object) {
		Instant restoredAt = events.stream()
			.filter((e) -> e.change() instanceof HubSpotChange.ObjectRestored)
			.map((e) -> e.event().event().occurredAt())
			.max(Instant::compareTo)
			.orElse(object.updatedAt());
		if (restoredAt == null) {
			return false;
		}
		if (object.updatedAt() != null && object.updatedAt().isAfter(restoredAt)) {
			restoredAt = object.updatedAt();
		}
		Instant deletedAt = this.rows.deleted(config, platformKey).map(PlatformRows.DeletedRow::deletedAt).orElse(null);
		if (deletedAt == null || deletedAt.equals(this.links.rowDeletedAt(objectTypeId, hubspotId).orElse(null))) {
			return false;
		}
		return deletedAt.isAfter(restoredAt);
	}

	private static String property(MergePlan.FieldResult result) {
		return result.field().property();
	}

	/**
	 * A record applied.
	 *
	 * @param outcome the result's outcome
	 * @param platformKey the row, if any
	 * @param created whether the row was created
	 * @param handOver whether the product wins values HubSpot lacks: the row goes to the
	 * outbound direction
	 * @param linked whether the link was made now (matched)
	 * @param departing whether the pair is on its way out (linked to a row deleted before
	 * its first link): only the hand-over is left to do
	 */
	record Applied(SyncOutcome outcome, @Nullable String platformKey, boolean created, boolean handOver, boolean linked,
			boolean departing) {

		Applied(SyncOutcome outcome, @Nullable String platformKey, boolean created, boolean handOver, boolean linked) {
			this(outcome, platformKey, created, handOver, linked, false);
		}

		static Applied settled(SyncOutcome outcome) {
			return new Applied(outcome, null, false, false, false);
		}

		static Applied merged(CompiledMapping mapping, String platformKey, MergePlan plan, boolean restored,
				boolean linked) {
			List<String> written = new ArrayList<>();
			plan.platformWrites()
				.keySet()
				.forEach((column) -> written.add(mapping.byColumn(column).orElseThrow().property()));
			if (restored) {
				written.add("restored");
			}
			SyncOutcome outcome;
			if (!written.isEmpty()) {
				outcome = new SyncOutcome.Applied(written, false);
			}
			else if (!plan.conflicts().isEmpty()) {
				outcome = new SyncOutcome.Conflict(plan.conflicts());
			}
			else {
				outcome = new SyncOutcome.Unchanged(linked ? "linked, values in sync" : "in sync");
			}
			return new Applied(outcome, platformKey, false, !plan.hubspotWrites().isEmpty(), linked);
		}

	}

	/** The record as read is older than what the link has applied: read it again. */
	static final class StaleRead extends RuntimeException {

		StaleRead(String objectTypeId, long hubspotId) {
			super(objectTypeId + "/" + hubspotId + " was read before a newer state the sync has applied");
		}

	}

}
