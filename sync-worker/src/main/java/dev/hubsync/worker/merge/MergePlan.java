package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.mapping.CompiledField;
import org.jspecify.annotations.Nullable;

/**
 * A record's merge: each field's decision and what follows from them for both sides and
 * for the link.
 *
 * @param fields each merged field's decision, in mapping order
 * @param platformWrites columns to write on the product (column → platform value; null
 * clears)
 * @param hubspotWrites properties to write in HubSpot (property → value; {@code ""}
 * clears)
 * @param ancestors the new last-synced value of each decided field, once both sides hold
 * it
 * @param hubspotSeen per property, the newest HubSpot history entry now accounted for
 * @param settled properties whose pending product change time the decision consumed
 * @param productTimes product change times to keep on the link for fields left undecided
 * (review, one-way), so the other direction can judge a later conflict
 * @param deferred fields left to a later product change event: a {@code LATEST_WINS}
 * conflict whose product time that event carries
 * @param needsHistory fields decided from a read without history that need it: a
 * {@code LATEST_WINS} conflict (HubSpot's change time), or a linked field whose HubSpot
 * value differs from the last-synced one (a write of ours never recorded looks like
 * HubSpot's change); read the record with history and merge again
 * @param refused fields whose value does not convert to the other side (an unmapped enum
 * option, an unparseable phone, an absurd number), with the reason: left as they are on
 * both sides, for a person to look at, while the record's other fields sync
 */
public record MergePlan(List<FieldResult> fields, Map<String, @Nullable Object> platformWrites,
		Map<String, String> hubspotWrites, Map<String, String> ancestors, Map<String, Instant> hubspotSeen,
		Set<String> settled, Map<String, Instant> productTimes, Set<String> deferred, Set<String> needsHistory,
		Map<String, Refusal> refused) {

	/**
	 * Freezes the collections.
	 * @param fields the fields
	 * @param platformWrites the product writes
	 * @param hubspotWrites the HubSpot writes
	 * @param ancestors the ancestors
	 * @param hubspotSeen the history positions
	 * @param settled the settled product times
	 * @param productTimes the product times to keep
	 * @param deferred the deferred fields
	 * @param needsHistory the fields that need HubSpot's history
	 * @param refused the fields whose values do not convert
	 */
	public MergePlan {
		refused = Collections.unmodifiableMap(refused);
		fields = List.copyOf(fields);
		platformWrites = Collections.unmodifiableMap(platformWrites);
		hubspotWrites = Collections.unmodifiableMap(hubspotWrites);
		ancestors = Collections.unmodifiableMap(ancestors);
		hubspotSeen = Collections.unmodifiableMap(hubspotSeen);
		settled = Collections.unmodifiableSet(settled);
		productTimes = Collections.unmodifiableMap(productTimes);
		deferred = Collections.unmodifiableSet(deferred);
		needsHistory = Collections.unmodifiableSet(needsHistory);
	}

	/**
	 * Returns this plan with some of its HubSpot writes refused by HubSpot: they are not
	 * written, not recorded as synced, and refused alone (their product change times
	 * kept, so a later HubSpot edit of them is judged against them).
	 * @param refusals the refused fields, by property
	 * @return the plan
	 */
	public MergePlan refusing(Map<String, Refusal> refusals) {
		return withoutHubSpotWrites(refusals.keySet(), refusals);
	}

	/**
	 * Returns this plan without its HubSpot writes, for a record about to be archived
	 * (its row deleted): what the product wins is not written, not recorded as synced,
	 * and its product change times are kept; what HubSpot wins still reaches the row.
	 * @return the plan
	 */
	public MergePlan withoutHubSpotWrites() {
		return withoutHubSpotWrites(this.hubspotWrites.keySet(), Map.of());
	}

	private MergePlan withoutHubSpotWrites(Set<String> properties, Map<String, Refusal> refusals) {
		Map<String, String> writes = new java.util.LinkedHashMap<>(this.hubspotWrites);
		Map<String, String> kept = new java.util.LinkedHashMap<>(this.ancestors);
		Set<String> settledNow = new java.util.LinkedHashSet<>(this.settled);
		Map<String, Instant> times = new java.util.LinkedHashMap<>(this.productTimes);
		Map<String, Refusal> all = new java.util.LinkedHashMap<>(this.refused);
		all.putAll(refusals);
		for (String property : Set.copyOf(properties)) {
			writes.remove(property);
			kept.remove(property);
			settledNow.remove(property);
			for (FieldResult result : this.fields) {
				if (result.field().property().equals(property) && result.platformChangedAt() != null) {
					LinkValues.keep(times, property, result.platform(), result.platformChangedAt());
				}
			}
		}
		return new MergePlan(this.fields, this.platformWrites, writes, kept, this.hubspotSeen, settledNow, times,
				this.deferred, this.needsHistory, all);
	}

	/**
	 * Returns this plan with some of HubSpot's values not written to the product, left to
	 * the outbound direction (which merges them with the product's change events): not
	 * written, not recorded as synced, their HubSpot history not accounted for.
	 * @param properties the fields
	 * @return the plan
	 */
	public MergePlan leavingToOutbound(Set<String> properties) {
		Map<String, @Nullable Object> writes = new java.util.LinkedHashMap<>(this.platformWrites);
		Map<String, String> kept = new java.util.LinkedHashMap<>(this.ancestors);
		Map<String, Instant> seen = new java.util.LinkedHashMap<>(this.hubspotSeen);
		Set<String> settledNow = new java.util.LinkedHashSet<>(this.settled);
		Set<String> deferredNow = new java.util.LinkedHashSet<>(this.deferred);
		for (FieldResult result : this.fields) {
			String property = result.field().property();
			if (properties.contains(property)) {
				writes.remove(result.field().column());
				kept.remove(property);
				seen.remove(property);
				settledNow.remove(property);
				deferredNow.add(property);
			}
		}
		return new MergePlan(this.fields, writes, this.hubspotWrites, kept, seen, settledNow, this.productTimes,
				deferredNow, this.needsHistory, this.refused);
	}

	/**
	 * A field whose value does not convert to the other side.
	 *
	 * @param column the product's column
	 * @param platform the product's value as read, if any
	 * @param hubspot HubSpot's value as read, if any
	 * @param reason why it does not convert
	 */
	public record Refusal(String column, @Nullable String platform, @Nullable String hubspot, String reason) {
	}

	/**
	 * Returns the conflicts (fields both sides changed differently), as results report
	 * them.
	 * @return the conflicts
	 */
	public List<SyncOutcome.FieldConflict> conflicts() {
		return this.fields.stream()
			.filter((result) -> result.decision().conflict() && !this.deferred.contains(result.field().property()))
			.map((result) -> new SyncOutcome.FieldConflict(result.field().property(), result.platform(),
					result.hubspot(), result.field().rule(), result.decision().winner()))
			.toList();
	}

	/**
	 * Returns the fields a person must decide ({@code MANUAL} conflicts).
	 * @return the fields
	 */
	public List<FieldResult> reviews() {
		return this.fields.stream()
			.filter((result) -> result.decision().outcome() == FieldDecision.Outcome.REVIEW)
			.toList();
	}

	/**
	 * Tells whether the record needs no write on either side.
	 * @return whether nothing is written
	 */
	public boolean writesNothing() {
		return this.platformWrites.isEmpty() && this.hubspotWrites.isEmpty();
	}

	/**
	 * One field's merge.
	 *
	 * @param field the field
	 * @param platform the product's value (canonical)
	 * @param hubspot the value HubSpot's side stood for (canonical; an overwritten edit
	 * when {@code overwritten})
	 * @param hubspotCurrent HubSpot's current value (canonical)
	 * @param overwritten whether HubSpot's side was an edit our own write had covered
	 * @param platformChangedAt when the product last changed it, if known
	 * @param hubspotChangedAt when HubSpot's side last changed, if known
	 * @param decision the decision
	 */
	public record FieldResult(CompiledField field, String platform, String hubspot, String hubspotCurrent,
			boolean overwritten, @Nullable Instant platformChangedAt, @Nullable Instant hubspotChangedAt,
			FieldDecision decision) {
	}

}
