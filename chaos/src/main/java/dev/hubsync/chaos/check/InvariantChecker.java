package dev.hubsync.chaos.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.hubsync.chaos.workload.Entity;
import dev.hubsync.chaos.workload.FieldWrite;
import dev.hubsync.chaos.workload.Ledger;
import dev.hubsync.chaos.workload.ObjectKind;
import dev.hubsync.chaos.workload.Side;
import org.jspecify.annotations.Nullable;

/**
 * Holds a snapshot of both sides to the workload's ledger, record by record, and the
 * sync's own state to what the faults justify. Pure: the sync-log reads for ordering are
 * given as a function, so the rules are testable without a stack.
 */
public final class InvariantChecker {

	private final Duration ambiguity;

	/**
	 * Creates a checker.
	 * @param ambiguity how close two writes' change times may be for either to count as
	 * the latest
	 */
	public InvariantChecker(Duration ambiguity) {
		this.ambiguity = ambiguity;
	}

	/**
	 * Checks every invariant but ordering (which reads the sync log).
	 * @param ledger what the workload did
	 * @param snapshot both sides
	 * @return the violations
	 */
	public List<Violation> check(Ledger ledger, Snapshot snapshot) {
		Resolution resolution = new Resolution(snapshot);
		List<Violation> violations = new ArrayList<>();
		for (Entity entity : ledger.entities()) {
			resolution.resolve(entity);
		}
		for (Entity entity : ledger.entities()) {
			checkEntity(entity, resolution, snapshot, violations);
		}
		checkSystem(ledger, resolution, snapshot, violations);
		return violations;
	}

	private void checkEntity(Entity entity, Resolution resolution, Snapshot snapshot, List<Violation> violations) {
		String key = resolution.platformKey(entity);
		String id = resolution.hubspotId(entity);
		Snapshot.Row row = (key != null) ? snapshot.rows().get(key) : null;
		Snapshot.HubSpotRecord record = (id != null) ? snapshot.records().get(id) : null;
		List<Snapshot.Row> liveRows = resolution.liveRows(entity);
		List<Snapshot.HubSpotRecord> liveRecords = resolution.liveRecords(entity);
		Reporter report = new Reporter(entity, key, id, violations);
		if (entity.mergedWith() != null) {
			checkMerge(entity, liveRecords, snapshot, report);
			return;
		}
		if (entity.birthUncertain() && liveRows.isEmpty() && liveRecords.isEmpty()) {
			return; // never born: its creation was refused or lost on the way
		}
		Boolean archived = expectedArchived(entity);
		if (Boolean.TRUE.equals(archived)) {
			if (!liveRows.isEmpty() || !liveRecords.isEmpty()) {
				report.add(Invariant.DELETIONS_FOLLOWED,
						"deleted by the workload (" + lastChange(entity) + ") but live: " + liveRows.size()
								+ " platform row(s), " + liveRecords.size() + " HubSpot record(s)");
			}
			return;
		}
		if (archived == null && liveRows.isEmpty() && liveRecords.isEmpty()) {
			return; // an unacknowledged deletion that happened, on both sides
		}
		if (liveRows.size() > 1 || liveRecords.size() > 1) {
			report.add(Invariant.NO_DUPLICATE, liveRows.size() + " live platform row(s) and " + liveRecords.size()
					+ " live HubSpot record(s) for " + entity.identity());
		}
		if (row == null || row.deleted() || record == null || record.archived()
				|| !resolution.linked(entity, key, id)) {
			report.add(Invariant.NO_RECORD_LOST,
					describeLoss(entity, row, record, resolution.linked(entity, key, id), archived == null)
							+ "; live rows with its identity " + liveRows.stream().map(Snapshot.Row::key).toList()
							+ ", live records " + liveRecords.stream().map(Snapshot.HubSpotRecord::id).toList());
			return;
		}
		checkFields(entity, row, record, resolution, report);
		if (!record.emptyWrites().isEmpty()) {
			report.add(Invariant.NO_ECHO, record.emptyWrites().size() + " write(s) by HubSync to HubSpot record "
					+ record.id() + " changed nothing, at " + record.emptyWrites());
		}
	}

	private void checkFields(Entity entity, Snapshot.Row row, Snapshot.HubSpotRecord record, Resolution resolution,
			Reporter report) {
		Map<String, List<FieldWrite>> writes = entity.writes();
		for (String field : entity.kind().columns().keySet()) {
			compare(field, row.values().get(field), record.values().get(field), writes.get(field), report);
		}
		if (entity.kind() == ObjectKind.CONTACT) {
			String onPlatform = resolution.companyEntityByKey(row.companyKey());
			String inHubSpot = resolution.companyEntityById(record.primaryCompanyId());
			compare(ObjectKind.COMPANY_FIELD, onPlatform, inHubSpot, writes.get(ObjectKind.COMPANY_FIELD), report);
		}
	}

	private void compare(String field, @Nullable String onPlatform, @Nullable String inHubSpot,
			@Nullable List<FieldWrite> writes, Reporter report) {
		if (!Objects.equals(onPlatform, inHubSpot)) {
			report.add(Invariant.FIELDS_EQUAL, field + ": platform " + quote(onPlatform) + ", HubSpot "
					+ quote(inHubSpot) + "; written " + history(writes));
			return;
		}
		Set<@Nullable String> expected = ExpectedValues.of(writes, this.ambiguity);
		if (!expected.contains(inHubSpot)) {
			report.add(Invariant.LATEST_CHANGE_WINS,
					field + ": both sides hold " + quote(inHubSpot) + ", the latest change was "
							+ expected.stream().map(InvariantChecker::quote).toList() + "; written " + history(writes));
		}
	}

	private static void checkMerge(Entity entity, List<Snapshot.HubSpotRecord> liveRecords, Snapshot snapshot,
			Reporter report) {
		String merge = entity.mergedWith();
		int into = merge.lastIndexOf(' ');
		String survivor = merge.substring(into + 1);
		if (merge.contains("not acknowledged") || !merge.startsWith("merged with")) {
			return; // the primary's entry checks the survivor once
		}
		Snapshot.HubSpotRecord record = snapshot.records().get(survivor);
		if (record == null || record.archived()) {
			report.add(Invariant.NO_RECORD_LOST, "the merge's surviving HubSpot record " + survivor + " is gone");
			return;
		}
		long links = snapshot.links()
			.stream()
			.filter((link) -> !link.archived() && link.objectTypeId().equals(entity.kind().objectTypeId())
					&& link.hubspotId().equals(survivor))
			.count();
		if (links != 1) {
			report.add(Invariant.NO_RECORD_LOST,
					"the merge's surviving HubSpot record " + survivor + " has " + links + " live link(s), not 1");
		}
	}

	private static void checkSystem(Ledger ledger, Resolution resolution, Snapshot snapshot,
			List<Violation> violations) {
		if (snapshot.parkedEvents() > 0) {
			violations.add(Violation.of(Invariant.NOTHING_PARKED, "(system)",
					snapshot.parkedEvents() + " event(s) left in hubsync.parked_event", null, null, null));
		}
		for (Snapshot.Review review : snapshot.reviews()) {
			Entity merged = "merge".equals(review.kind()) ? resolution.mergedEntity(review) : null;
			if (merged == null) {
				violations.add(Violation.of(Invariant.NOTHING_PARKED, resolution.label(review),
						"open review " + review.kind() + ": " + review.detail(), review.objectTypeId(),
						review.platformKey(), review.hubspotId()));
			}
		}
		for (Snapshot.DeadLetter letter : snapshot.deadLetters()) {
			Entity poisoned = resolution.poisoned(ledger, letter.key());
			if (poisoned == null) {
				violations.add(Violation.of(Invariant.DEAD_LETTERS_JUSTIFIED, String.valueOf(letter.key()),
						"dead letter in " + letter.topic() + " that no fault justifies: " + letter.reason(),
						resolution.objectTypeOfKey(letter.key()), resolution.platformKeyOfKey(letter.key()), null));
			}
		}
	}

	/**
	 * Tells what the workload's deletions and restores leave.
	 * @return archived, live, or {@code null} when the last one is unacknowledged
	 */
	private static @Nullable Boolean expectedArchived(Entity entity) {
		List<Entity.ArchiveChange> changes = entity.archiveChanges();
		if (changes.isEmpty()) {
			return false;
		}
		Entity.ArchiveChange last = changes.get(changes.size() - 1);
		return last.certain() ? last.archived() : null;
	}

	private static String lastChange(Entity entity) {
		List<Entity.ArchiveChange> changes = entity.archiveChanges();
		Entity.ArchiveChange last = changes.get(changes.size() - 1);
		return "on " + last.side() + " at " + last.at();
	}

	private static String describeLoss(Entity entity, Snapshot.@Nullable Row row,
			Snapshot.@Nullable HubSpotRecord record, boolean linked, boolean uncertain) {
		List<String> problems = new ArrayList<>();
		problems.add((row == null) ? "no platform row" : row.deleted() ? "platform row deleted" : "platform row live");
		problems.add((record == null) ? "no HubSpot record"
				: record.archived() ? "HubSpot record archived" : "HubSpot record live");
		problems.add(linked ? "linked" : "not linked");
		String restored = entity.archiveChanges().isEmpty() ? ""
				: "; last " + lastChange(entity) + (uncertain ? " (unacknowledged)" : "");
		return String.join(", ", problems) + restored;
	}

	static String history(@Nullable List<FieldWrite> writes) {
		if (writes == null || writes.isEmpty()) {
			return "never";
		}
		List<String> parts = new ArrayList<>();
		for (FieldWrite write : writes) {
			parts.add(write.side().name().toLowerCase(Locale.ROOT) + " " + quote(write.value()) + " at " + write.at()
					+ (write.certain() ? "" : " (unacknowledged)") + (write.poison() ? " (poison)" : ""));
		}
		return String.join(", ", parts);
	}

	static String quote(@Nullable String value) {
		return (value != null) ? "'" + value + "'" : "empty";
	}

	/** Adds an entity's violations with what identifies it. */
	private record Reporter(Entity entity, @Nullable String key, @Nullable String id, List<Violation> violations) {

		void add(Invariant invariant, String detail) {
			this.violations.add(Violation.of(invariant, this.entity.label(), detail, this.entity.kind().objectTypeId(),
					this.key, this.id));
		}

	}

	/**
	 * Finds each entity's platform row and HubSpot record: the keys the workload knows,
	 * else the sync's links, else the record's identity (email, company name).
	 */
	private static final class Resolution {

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

		Resolution(Snapshot snapshot) {
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

}
