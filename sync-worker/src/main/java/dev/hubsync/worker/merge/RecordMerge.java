package dev.hubsync.worker.merge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.ConflictRule;
import dev.hubsync.events.mapping.FieldDirection;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.PropertyHistory;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.ValueConversionException;
import org.jspecify.annotations.Nullable;

/**
 * Merges every mapped field of one record: a product row and its HubSpot record (read
 * with the history of the properties whose conflicts need HubSpot's change time), with
 * what the link remembers. The fields merged are those the row has a column for and the
 * record was read with.
 */
public final class RecordMerge {

	/** The change source of writes made by an app through the API. */
	public static final String INTEGRATION = "INTEGRATION";

	private RecordMerge() {
	}

	/**
	 * Merges a record.
	 * @param mapping the mapping
	 * @param platformKey the row's key
	 * @param row the row
	 * @param object the HubSpot record
	 * @param link what the link remembers ({@link LinkValues#NONE} for a new link)
	 * @param productTimes the product's change time of each field
	 * @param appId the sync's own app id (its writes in the history are its own)
	 * @return the plan
	 * @throws ValueConversionException when a value cannot convert
	 */
	public static MergePlan merge(CompiledMapping mapping, String platformKey, Row row, HubSpotObject object,
			LinkValues link, ProductTime.Source productTimes, String appId) {
		List<MergePlan.FieldResult> fields = new ArrayList<>();
		Map<String, @Nullable Object> platformWrites = new LinkedHashMap<>();
		Map<String, String> hubspotWrites = new LinkedHashMap<>();
		Map<String, String> ancestors = new LinkedHashMap<>();
		Map<String, Instant> seen = new LinkedHashMap<>();
		Set<String> settled = new LinkedHashSet<>();
		Map<String, Instant> keep = new LinkedHashMap<>();
		Set<String> deferred = new LinkedHashSet<>();
		Set<String> needsHistory = new LinkedHashSet<>();
		Map<String, MergePlan.Refusal> refused = new LinkedHashMap<>();
		CompiledField matchKey = mapping.emailField().orElse(null);
		for (CompiledField field : mapping.fields()) {
			String property = field.property();
			if (!row.has(field.column()) || !object.properties().containsKey(property)) {
				continue;
			}
			String last = link.ancestor(property);
			String platform;
			String current;
			List<HubSpotSide.Entry> history;
			ProductTime time;
			try {
				platform = FieldMerge.normalise(field.toHubSpot(platformKey, row.get(field.column())));
				current = field.canonical(object.id(), object.property(property));
				history = history(field, object, appId);
				time = productTimes.of(property, platform, last);
			}
			catch (ValueConversionException ex) {
				if (field == matchKey || field.setsAsideRecord()) {
					throw ex; // the record's identity: it is set aside whole
				}
				refused.put(property, refusal(field, row, object, ex));
				continue;
			}
			Instant writtenChangeAt = writtenChangeAt(mapping, row, link, property, platform, history);
			HubSpotSide side = HubSpotSide.of(current, history, link.hubspotSeen().get(property), last,
					writtenChangeAt);
			Ancestor ancestor = side.overwritten() ? Ancestor.diverged()
					: link.ancestorOf(property, FieldMerge.normalise(side.current()));
			FieldDecision decision = FieldMerge.decide(new FieldInput(field.rule(), field.direction(), platform,
					time.at(), side.value(), side.changedAt(), ancestor, time.touched(), side.touched()));
			@Nullable Object toProduct = null;
			boolean writesProduct = decision.decided() && !Objects.requireNonNull(decision.value()).equals(platform)
					&& field.direction().toPlatform();
			if (writesProduct) {
				try {
					toProduct = field.toPlatform(object.id(), decision.value());
				}
				catch (ValueConversionException ex) {
					if (field == matchKey || field.setsAsideRecord()) {
						throw ex;
					}
					refused.put(property, refusal(field, row, object, ex));
					continue;
				}
			}
			fields.add(new MergePlan.FieldResult(field, platform, side.value(), side.current(), side.overwritten(),
					time.at(), side.changedAt(), decision));
			if (!decision.conflict() && !time.known() && time.touched() && field.rule() == ConflictRule.LATEST_WINS
					&& decision.outcome() == FieldDecision.Outcome.TO_PLATFORM) {
				// the product holds the last-synced value, but a change of the field in
				// this
				// batch was followed by a newer one still on its way (a field set and set
				// back, its two events in different batches): that event decides, since
				// HubSpot's value may be the older (chaos seed 42)
				deferred.add(property);
				continue;
			}
			if (decision.conflict() && field.rule() == ConflictRule.LATEST_WINS) {
				if (!time.known()) {
					deferred.add(property);
					continue;
				}
				if (history == null) {
					needsHistory.add(property);
				}
			}
			if (history == null && last != null && field.rule() != ConflictRule.PLATFORM_WINS
					&& !side.current().equals(FieldMerge.normalise(last))) {
				// HubSpot's value differs from the last-synced one: a write of ours that
				// was
				// never recorded (the sync failed between the write and its record) looks
				// just like HubSpot's change, and only the history tells them apart
				needsHistory.add(property);
			}
			if (history == null && last != null && field.rule() == ConflictRule.LATEST_WINS
					&& field.direction() == FieldDirection.BOTH && !platform.equals(FieldMerge.normalise(last))
					&& side.current().equals(FieldMerge.normalise(last))
					&& mayBeSetBack(object, link.hubspotSeen().get(property), time.at())) {
				// HubSpot holds the last-synced value, but a user may have set it
				// away and back after the product's change, which only the history
				// tells (chaos seed 42)
				needsHistory.add(property);
			}
			Instant accounted = accounted(side, object, history != null, last);
			if (accounted != null) {
				seen.put(property, accounted);
			}
			if (decision.decided()) {
				String value = Objects.requireNonNull(decision.value());
				ancestors.put(property, value);
				settled.add(property);
				if (writesProduct) {
					platformWrites.put(field.column(), toProduct);
				}
				if (!value.equals(side.current()) && field.direction().toHubSpot()) {
					hubspotWrites.put(property, value);
				}
			}
			else if (time.at() != null && !platform.equals(FieldMerge.normalise(last))) {
				LinkValues.keep(keep, property, platform, time.at());
			}
		}
		return new MergePlan(fields, platformWrites, hubspotWrites, ancestors, seen, settled, keep, deferred,
				needsHistory, refused);
	}

	private static MergePlan.Refusal refusal(CompiledField field, Row row, HubSpotObject object,
			ValueConversionException ex) {
		Object platform = row.get(field.column());
		return new MergePlan.Refusal(field.column(), (platform != null) ? platform.toString() : null,
				object.property(field.property()), ex.getMessage());
	}

	/**
	 * Returns the properties a record is read with history of, when it is: every field
	 * whose rule may need HubSpot's change time or its overwritten edits (all but
	 * {@code PLATFORM_WINS}).
	 * @param mapping the mapping
	 * @return the properties
	 */
	public static List<String> historyProperties(CompiledMapping mapping) {
		return mapping.fields()
			.stream()
			.filter((field) -> field.rule() != ConflictRule.PLATFORM_WINS)
			.map(CompiledField::property)
			.toList();
	}

	/**
	 * The product's change time of the value the newest write of ours carried, when the
	 * link kept it: the later of that and the row's change time while the row still holds
	 * the value (a batch's event may be an earlier change to the same value, the row set
	 * away and back since), so HubSpot's edits are taken for a change after the product's
	 * only when they are after both.
	 */
	private static @Nullable Instant writtenChangeAt(CompiledMapping mapping, Row row, LinkValues link, String property,
			String platform, @Nullable List<HubSpotSide.Entry> history) {
		if (history == null || history.isEmpty() || !history.get(0).own()) {
			return null;
		}
		String written = FieldMerge.normalise(history.get(0).value());
		Instant kept = link.keptTime(property, written);
		Instant rowChanged = ProductTime.ofRow(mapping.config(), row);
		if (kept == null || rowChanged == null || !platform.equals(written)) {
			return kept;
		}
		return rowChanged.isAfter(kept) ? rowChanged : kept;
	}

	/**
	 * Tells whether a field HubSpot holds at its last-synced value may have been set away
	 * and back since its history was accounted for, not before the product's change: the
	 * record changed after both (a set-back moves the record's modification time past
	 * it). The product's changes usually reach the sync before HubSpot changes the record
	 * again, so this reads the history only in the window where a set-back can be the
	 * later change; an unknown product time reads it whenever the record changed.
	 */
	private static boolean mayBeSetBack(HubSpotObject object, @Nullable Instant seen, @Nullable Instant productTime) {
		Instant modified = object.updatedAt();
		if (seen == null || modified == null || !modified.isAfter(seen)) {
			return false;
		}
		return productTime == null || !modified.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
			.isBefore(productTime.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
	}

	/**
	 * Returns up to when HubSpot's history of a field is accounted for by a merge: with
	 * the history read, the record's modification time as read (no property has an entry
	 * after it) or the newest entry. Without it, a current value that differs from the
	 * last-synced one is a change the merge now accounts for; one that equals it may be a
	 * write of ours covering an edit nobody has examined, so nothing is accounted.
	 */
	private static @Nullable Instant accounted(HubSpotSide side, HubSpotObject object, boolean withHistory,
			@Nullable String ancestor) {
		if (!withHistory && ancestor != null && side.current().equals(FieldMerge.normalise(ancestor))) {
			return null;
		}
		Instant modified = object.updatedAt();
		if (modified == null) {
			return side.newestEntry();
		}
		return (side.newestEntry() != null && side.newestEntry().isAfter(modified)) ? side.newestEntry() : modified;
	}

	/**
	 * Tells whether an entry of a property's history is the sync's own write.
	 * @param entry the entry
	 * @param appId the sync's app id
	 * @return whether it is
	 */
	public static boolean own(PropertyHistory entry, String appId) {
		return INTEGRATION.equals(entry.sourceType()) && appId.equals(entry.sourceId());
	}

	private static @Nullable List<HubSpotSide.Entry> history(CompiledField field, HubSpotObject object, String appId) {
		if (object.propertiesWithHistory() == null) {
			return null;
		}
		// a record read with history was read with the history of every field that may
		// need it (historyProperties): a property HubSpot returns no entries for has none
		List<PropertyHistory> entries = object.propertiesWithHistory().getOrDefault(field.property(), List.of());
		List<HubSpotSide.Entry> converted = new ArrayList<>(entries.size());
		for (PropertyHistory entry : entries) {
			converted.add(new HubSpotSide.Entry(canonical(field, object.id(), entry.value()), entry.timestamp(),
					own(entry, appId)));
		}
		return converted;
	}

	/**
	 * A past value in canonical form; one that no longer converts (an option since
	 * removed) is compared as it is.
	 */
	private static @Nullable String canonical(CompiledField field, String id, @Nullable String value) {
		try {
			return field.canonical(id, value);
		}
		catch (ValueConversionException ex) {
			return value;
		}
	}

}
