package dev.hubsync.chaos.check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.hubsync.chaos.workload.Entity;
import dev.hubsync.chaos.workload.FieldWrite;
import dev.hubsync.chaos.workload.Ledger;
import dev.hubsync.chaos.workload.ObjectKind;
import dev.hubsync.chaos.workload.Side;
import org.jspecify.annotations.Nullable;

/**
 * Finds each entity's platform row and HubSpot record: the keys the workload knows, else
 * the sync's links, else the record's identity (email, company name).
 */
final class Resolution {

	private final Map<String, Snapshot.LinkRow> liveLinkByKey = new HashMap<>();

	private final Map<String, Snapshot.LinkRow> liveLinkById = new HashMap<>();

	private final Map<String, Snapshot.LinkRow> anyLinkById = new HashMap<>();

	private final Map<Integer, String> keys = new HashMap<>();

	private final Map<Integer, String> ids = new HashMap<>();

	private final Map<String, Entity> companyByKey = new HashMap<>();

	private final Map<String, Entity> byKey = new HashMap<>();

	private final Set<String> rowKeys = new java.util.HashSet<>();

	private final Map<String, List<Snapshot.Row>> rowsByIdentity = new HashMap<>();

	private final Map<String, List<Snapshot.HubSpotRecord>> recordsByIdentity = new HashMap<>();

	private final Map<String, Entity> byHubSpotId = new HashMap<>();

	private final List<Snapshot.LinkRow> links;

	Resolution(Snapshot snapshot) {
		this.links = snapshot.links();
		for (Snapshot.LinkRow link : snapshot.links()) {
			this.anyLinkById.put(link.objectTypeId() + "/" + link.hubspotId(), link);
			if (!link.archived()) {
				this.liveLinkByKey.put(link.objectTypeId() + "/" + link.platformKey(), link);
				this.liveLinkById.put(link.objectTypeId() + "/" + link.hubspotId(), link);
			}
		}
		for (Snapshot.Row row : snapshot.rows().values()) {
			this.rowKeys.add(row.key());
			if (!row.deleted()) {
				this.rowsByIdentity.computeIfAbsent(identityKey(row.kind(), row.values()), (k) -> new ArrayList<>())
					.add(row);
			}
		}
		for (Snapshot.HubSpotRecord record : snapshot.records().values()) {
			if (!record.archived()) {
				this.recordsByIdentity
					.computeIfAbsent(identityKey(record.kind(), record.values()), (k) -> new ArrayList<>())
					.add(record);
			}
		}
	}

	private static String identityKey(ObjectKind kind, Map<String, @Nullable String> values) {
		String identity = values.get((kind == ObjectKind.CONTACT) ? "email" : "name");
		return kind + "/" + ((identity != null) ? identity.toLowerCase(Locale.ROOT) : "");
	}

	void resolve(Entity entity) {
		String type = entity.kind().objectTypeId();
		String key = entity.platformKey();
		if (key != null && !this.rowKeys.contains(key)) {
			key = null; // its insert was not acknowledged and did not happen
		}
		if (key == null && entity.hubspotId() != null) {
			Snapshot.LinkRow link = this.anyLinkById.get(type + "/" + entity.hubspotId());
			key = (link != null) ? link.platformKey() : null;
		}
		if (key == null) {
			List<Snapshot.Row> rows = liveRows(entity);
			key = (rows.size() == 1) ? rows.get(0).key() : null;
		}
		String id = null;
		if (key != null) {
			Snapshot.LinkRow link = this.liveLinkByKey.get(type + "/" + key);
			id = (link != null) ? link.hubspotId() : null;
		}
		if (id == null) {
			id = entity.hubspotId();
		}
		if (id == null) {
			List<Snapshot.HubSpotRecord> records = liveRecords(entity);
			id = (records.size() == 1) ? records.get(0).id() : null;
		}
		if (key != null) {
			this.keys.put(entity.id(), key);
			this.byKey.put(key, entity);
			if (entity.kind() == ObjectKind.COMPANY) {
				this.companyByKey.put(key, entity);
			}
		}
		if (id != null) {
			this.ids.put(entity.id(), id);
			this.byHubSpotId.put(type + "/" + id, entity);
		}
		if (entity.hubspotId() != null) {
			this.byHubSpotId.putIfAbsent(type + "/" + entity.hubspotId(), entity);
		}
	}

	/**
	 * Returns when the sync first linked a record's row.
	 * @param entity the record
	 * @param key its platform key
	 * @return the earliest link's creation, or {@code null}
	 */
	java.time.@Nullable Instant firstLinked(Entity entity, String key) {
		return this.links.stream()
			.filter((link) -> link.objectTypeId().equals(entity.kind().objectTypeId())
					&& link.platformKey().equals(key))
			.map(Snapshot.LinkRow::createdAt)
			.min(java.time.Instant::compareTo)
			.orElse(null);
	}

	@Nullable String platformKey(Entity entity) {
		return this.keys.get(entity.id());
	}

	@Nullable String hubspotId(Entity entity) {
		return this.ids.get(entity.id());
	}

	List<Snapshot.Row> liveRows(Entity entity) {
		return this.rowsByIdentity.getOrDefault(entity.kind() + "/" + entity.identity().toLowerCase(Locale.ROOT),
				List.of());
	}

	List<Snapshot.HubSpotRecord> liveRecords(Entity entity) {
		return this.recordsByIdentity.getOrDefault(entity.kind() + "/" + entity.identity().toLowerCase(Locale.ROOT),
				List.of());
	}

	boolean linked(Entity entity, @Nullable String key, @Nullable String id) {
		if (key == null || id == null) {
			return false;
		}
		Snapshot.LinkRow link = this.liveLinkByKey.get(entity.kind().objectTypeId() + "/" + key);
		return link != null && link.hubspotId().equals(id);
	}

	@Nullable String companyEntityByKey(@Nullable String key) {
		if (key == null) {
			return null;
		}
		Entity company = this.companyByKey.get(key);
		return (company != null) ? String.valueOf(company.id()) : "unknown row " + key;
	}

	@Nullable String companyEntityById(@Nullable String id) {
		if (id == null) {
			return null;
		}
		Snapshot.LinkRow link = this.liveLinkById.get(ObjectKind.COMPANY.objectTypeId() + "/" + id);
		if (link != null && this.companyByKey.containsKey(link.platformKey())) {
			return String.valueOf(this.companyByKey.get(link.platformKey()).id());
		}
		Entity company = this.byHubSpotId.get(ObjectKind.COMPANY.objectTypeId() + "/" + id);
		return (company != null) ? String.valueOf(company.id()) : "unknown record " + id;
	}

	@Nullable Entity mergedEntity(Snapshot.Review review) {
		Entity entity = (review.hubspotId() != null)
				? this.byHubSpotId.get(review.objectTypeId() + "/" + review.hubspotId()) : null;
		if (entity == null && review.platformKey() != null) {
			entity = this.byKey.get(review.platformKey());
		}
		return (entity != null && entity.mergedWith() != null) ? entity : null;
	}

	/**
	 * Tells whether an open {@code field_refused} review stands for the workload's poison
	 * value still being the field's latest change in the product (nothing a person fixed
	 * yet): the review is where such a value belongs until someone does.
	 * @param review the review
	 * @return whether the poison value is still the field's latest change
	 */
	boolean refusesLatestPoison(Snapshot.Review review) {
		if (!"field_refused".equals(review.kind()) || review.field() == null) {
			return false;
		}
		Entity entity = entityOf(review);
		if (entity == null) {
			return false;
		}
		List<FieldWrite> writes = entity.writes().getOrDefault(review.field(), List.of());
		int poison = -1;
		for (int i = 0; i < writes.size(); i++) {
			if (writes.get(i).poison()) {
				poison = i;
			}
		}
		if (poison < 0) {
			return false;
		}
		// the fix may have been written without the workload knowing (unacknowledged)
		return writes.subList(poison + 1, writes.size()).stream().noneMatch(FieldWrite::certain);
	}

	private @Nullable Entity entityOf(Snapshot.Review review) {
		Entity entity = (review.hubspotId() != null)
				? this.byHubSpotId.get(review.objectTypeId() + "/" + review.hubspotId()) : null;
		if (entity == null && review.platformKey() != null) {
			entity = this.byKey.get(review.platformKey());
		}
		return entity;
	}

	/**
	 * Tells whether a dead letter is a product change to a record the workload archived
	 * in HubSpot meanwhile: the worker sets it aside with the reason rather than write to
	 * a record that is gone (its deletion, once applied, archives the row).
	 * @param letter the dead letter
	 * @return the entity, or {@code null}
	 */
	@Nullable Entity archivedInHubSpot(Snapshot.DeadLetter letter) {
		String key = letter.key();
		if (key == null || key.indexOf(':') < 0 || !letter.reason().contains("archived in HubSpot")) {
			return null;
		}
		Entity entity = this.byKey.get(key.substring(key.indexOf(':') + 1));
		if (entity == null) {
			return null;
		}
		boolean archived = entity.archiveChanges()
			.stream()
			.anyMatch((change) -> change.side() == Side.HUBSPOT && change.archived());
		return archived ? entity : null;
	}

	@Nullable Entity poisoned(Ledger ledger, @Nullable String deadLetterKey) {
		String key = platformKeyOfKey(deadLetterKey);
		if (key == null) {
			return null;
		}
		Entity company = this.companyByKey.get(key);
		if (company == null) {
			return null;
		}
		boolean poisoned = company.writes()
			.getOrDefault("industry", List.of())
			.stream()
			.anyMatch((write) -> write.poison() && write.side() == Side.PLATFORM);
		return poisoned ? company : null;
	}

	@Nullable String platformKeyOfKey(@Nullable String deadLetterKey) {
		if (deadLetterKey == null || !deadLetterKey.startsWith(ObjectKind.COMPANY.table() + ":")) {
			return null;
		}
		return deadLetterKey.substring(deadLetterKey.indexOf(':') + 1);
	}

	@Nullable String objectTypeOfKey(@Nullable String deadLetterKey) {
		if (deadLetterKey == null) {
			return null;
		}
		for (ObjectKind kind : ObjectKind.values()) {
			if (deadLetterKey.startsWith(kind.table() + ":")
					|| deadLetterKey.contains(":" + kind.objectTypeId() + ":")) {
				return kind.objectTypeId();
			}
		}
		return null;
	}

	String label(Snapshot.Review review) {
		Entity entity = (review.hubspotId() != null)
				? this.byHubSpotId.get(review.objectTypeId() + "/" + review.hubspotId()) : null;
		if (entity == null && review.platformKey() != null) {
			entity = this.byKey.get(review.platformKey());
		}
		return (entity != null) ? entity.label() : review.objectTypeId() + " " + review.platformKey();
	}

}
