package dev.hubsync.chaos.check;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.hubsync.chaos.workload.Entity;
import dev.hubsync.chaos.workload.FieldWrite;
import dev.hubsync.chaos.workload.Ledger;
import dev.hubsync.chaos.workload.ObjectKind;
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
			checkEntity(ledger, entity, resolution, snapshot, violations);
		}
		checkSystem(ledger, resolution, snapshot, violations);
		return violations;
	}

	private void checkEntity(Ledger ledger, Entity entity, Resolution resolution, Snapshot snapshot,
			List<Violation> violations) {
		String key = resolution.platformKey(entity);
		String id = resolution.hubspotId(entity);
		Snapshot.Row row = (key != null) ? snapshot.rows().get(key) : null;
		Snapshot.HubSpotRecord record = (id != null) ? snapshot.record(entity.kind(), id) : null;
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
		checkFields(ledger, entity, row, record, resolution, report);
		if (!record.emptyWrites().isEmpty()) {
			report.add(Invariant.NO_ECHO, record.emptyWrites().size() + " write(s) by HubSync to HubSpot record "
					+ record.id() + " changed nothing, at " + record.emptyWrites());
		}
	}

	/**
	 * Tells whether a contact's company association involves a company the workload ever
	 * deleted: HubSpot drops an archived record's associations while the platform keeps
	 * its foreign key to the soft-deleted row, so there is no one right value to hold.
	 */
	private static boolean touchesDeletedCompany(Ledger ledger, @Nullable String onPlatform, @Nullable String inHubSpot,
			@Nullable List<FieldWrite> writes) {
		List<String> involved = new ArrayList<>(java.util.Arrays.asList(onPlatform, inHubSpot));
		if (writes != null) {
			writes.forEach((write) -> involved.add(write.value()));
		}
		for (String value : involved) {
			if (value != null && value.chars().allMatch(Character::isDigit)) {
				Entity company = ledger.entity(Integer.parseInt(value));
				if (company != null && !company.archiveChanges().isEmpty()) {
					return true;
				}
			}
		}
		return false;
	}

	private void checkFields(Ledger ledger, Entity entity, Snapshot.Row row, Snapshot.HubSpotRecord record,
			Resolution resolution, Reporter report) {
		Map<String, List<FieldWrite>> writes = entity.writes();
		java.time.Instant linkedAt = entity.bornOnBoth() ? resolution.firstLinked(entity, row.key()) : null;
		if (linkedAt != null) {
			Map<String, List<FieldWrite>> adjusted = new java.util.LinkedHashMap<>();
			writes.forEach((field, list) -> adjusted.put(field, ExpectedValues.atFirstLink(list, linkedAt)));
			writes = adjusted;
		}
		for (String field : entity.kind().columns().keySet()) {
			compare(field, row.values().get(field), record.values().get(field), writes.get(field), report);
		}
		if (entity.kind() == ObjectKind.CONTACT) {
			String onPlatform = resolution.companyEntityByKey(row.companyKey());
			String inHubSpot = resolution.companyEntityById(record.primaryCompanyId());
			List<FieldWrite> companies = writes.get(ObjectKind.COMPANY_FIELD);
			if (!touchesDeletedCompany(ledger, onPlatform, inHubSpot, companies)) {
				compare(ObjectKind.COMPANY_FIELD, onPlatform, inHubSpot, companies, report);
			}
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
		Snapshot.HubSpotRecord record = snapshot.record(entity.kind(), survivor);
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
			boolean merged = "merge".equals(review.kind())
					&& (resolution.mergedEntity(review) != null || mergedInHubSpot(snapshot, review));
			if (!merged && !resolution.refusesLatestPoison(review)) {
				violations.add(Violation.of(Invariant.NOTHING_PARKED, resolution.label(review),
						"open review " + review.kind() + ": " + review.detail(), review.objectTypeId(),
						review.platformKey(), review.hubspotId()));
			}
		}
		for (Snapshot.DeadLetter letter : snapshot.deadLetters()) {
			Entity poisoned = resolution.poisoned(ledger, letter.key());
			if (poisoned == null && resolution.archivedInHubSpot(letter) == null) {
				violations.add(Violation.of(Invariant.DEAD_LETTERS_JUSTIFIED, String.valueOf(letter.key()),
						"dead letter in " + letter.topic() + " that no fault justifies: " + letter.reason(),
						resolution.objectTypeOfKey(letter.key()), resolution.platformKeyOfKey(letter.key()), null));
			}
		}
	}

	/**
	 * Tells whether HubSpot shows the merge a {@code merge} review is about: a live
	 * record lists the review's record among those merged into it. The review is then the
	 * one HubSpot's merge of two linked contacts asks for by design, whether or not the
	 * workload's merge call was acknowledged (its answer may be lost while the merge
	 * happened).
	 */
	private static boolean mergedInHubSpot(Snapshot snapshot, Snapshot.Review review) {
		return review.hubspotId() != null && snapshot.records()
			.values()
			.stream()
			.anyMatch((record) -> !record.archived() && record.kind().objectTypeId().equals(review.objectTypeId())
					&& record.mergedIds().contains(review.hubspotId()));
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

}
