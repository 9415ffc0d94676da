package dev.hubsync.worker.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hubsync.events.local.Row;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.matching.MatchKeys;
import dev.hubsync.worker.store.HubSpotRecords;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.MatchLocks;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;

/**
 * Pairs unlinked records. For product rows, in batches (the outbound direction): one
 * batch read by email for the rows that have one, then one by {@code hubsync_record_id}
 * for the rest, each of up to 100 rows a call; then the {@link IdentityRule} over every
 * live row sharing a found email, so two rows with one email never both take one contact.
 * For a HubSpot record (the inbound direction): the row its {@code hubsync_record_id}
 * names, then the rows with its emails under the same rule, then the fuzzy rule.
 */
@Component
public class RecordMatcher {

	private static final String EMAIL = "email";

	private final HubSpotRecords records;

	private final LinkStore links;

	private final PlatformRows rows;

	private final FuzzyMatch fuzzy;

	private final MatchLocks locks;

	private final SyncState state;

	RecordMatcher(HubSpotRecords records, LinkStore links, PlatformRows rows, FuzzyMatch fuzzy, MatchLocks locks,
			SyncState state) {
		this.state = state;
		this.records = records;
		this.links = links;
		this.rows = rows;
		this.fuzzy = fuzzy;
		this.locks = locks;
	}

	/**
	 * Matches unlinked rows.
	 * @param client the client, in the caller's lane
	 * @param mapping the mapping
	 * @param unlinked the rows, live and without a link, by key
	 * @param readHubSpot false when HubSpot was just listed and holds none of the rows'
	 * keys (a bulk sync's push): only the product's rows that share an email are ranked
	 * @return what each row matched
	 */
	public Map<String, RowMatch> forRows(HubSpotClient client, CompiledMapping mapping, Map<String, Row> unlinked,
			boolean readHubSpot) {
		if (unlinked.isEmpty()) {
			return Map.of();
		}
		String objectTypeId = mapping.objectTypeId();
		CompiledField emailField = mapping.emailField().orElse(null);
		Map<String, String> emails = new LinkedHashMap<>();
		if (emailField != null) {
			unlinked.forEach((key, row) -> {
				Object value = row.get(emailField.column());
				String email = (value != null) ? MatchKeys.normaliseEmail(value.toString()) : null;
				if (email != null) {
					emails.put(key, email);
				}
			});
		}
		Map<String, HubSpotObject> byEmail = new HashMap<>();
		if (readHubSpot && !emails.isEmpty()) {
			for (HubSpotObject object : this.records.byUniqueValues(client, mapping, EMAIL,
					new LinkedHashSet<>(emails.values()), false)) {
				for (String email : MatchKeys.emails(object.properties(), emailField.property())) {
					byEmail.putIfAbsent(email, object);
				}
			}
		}
		List<String> byRecordId = unlinked.keySet()
			.stream()
			.filter((key) -> !emails.containsKey(key) || !byEmail.containsKey(emails.get(key)))
			.toList();
		Map<String, HubSpotObject> byKey = new HashMap<>();
		for (HubSpotObject object : readHubSpot
				? this.records.byUniqueValues(client, mapping, RECORD_ID, byRecordId, false)
				: List.<HubSpotObject>of()) {
			String key = object.property(RECORD_ID);
			if (key != null) {
				byKey.put(key, object);
			}
		}
		Set<Long> found = new LinkedHashSet<>();
		byEmail.values().forEach((object) -> found.add(Long.parseLong(object.id())));
		byKey.values().forEach((object) -> found.add(Long.parseLong(object.id())));
		Map<Long, Link> recordLinks = this.links.byHubSpotIds(objectTypeId, found);
		Map<String, List<PlatformRows.KeyedRow>> candidates = (emailField != null)
				? this.rows.byEmails(mapping.config(), emailField.column(), new LinkedHashSet<>(emails.values()))
				: Map.of();
		Map<String, Link> candidateLinks = this.links.byPlatformKeys(objectTypeId,
				candidates.values().stream().flatMap(List::stream).map(PlatformRows.KeyedRow::key).toList());
		Map<String, RowMatch> matches = new LinkedHashMap<>();
		Map<Long, String> claimed = new HashMap<>();
		for (String key : unlinked.keySet()) {
			String email = emails.get(key);
			HubSpotObject object = (email != null && byEmail.containsKey(email)) ? byEmail.get(email) : byKey.get(key);
			String by = (email != null && byEmail.containsKey(email)) ? EMAIL : RECORD_ID;
			RowMatch match = match(key, email, object, by, recordLinks,
					(email != null) ? candidates.getOrDefault(email, List.of()) : List.of(), candidateLinks,
					emailField);
			if (match.kind() == RowMatch.Kind.FOUND) {
				// one record stands for one row, also within a batch (a row found by
				// email and another by a stale hubsync_record_id)
				String other = claimed.putIfAbsent(match.hubspotId(), key);
				if (other != null) {
					match = RowMatch.duplicate(match.hubspotId(),
							"row " + other + " matched record " + match.hubspotId() + " in the same batch", email,
							null);
				}
			}
			matches.put(key, match);
		}
		return matches;
	}

	private RowMatch match(String key, @Nullable String email, @Nullable HubSpotObject object, String by,
			Map<Long, Link> recordLinks, List<PlatformRows.KeyedRow> sharing, Map<String, Link> candidateLinks,
			@Nullable CompiledField emailField) {
		String theirs = (object != null && emailField != null) ? object.property(emailField.property()) : null;
		if (object != null) {
			Link taken = recordLinks.get(Long.parseLong(object.id()));
			if (taken != null && !taken.platformKey().equals(key)) {
				return RowMatch.duplicate(taken.hubspotId(), "row " + taken.platformKey() + " is linked to record "
						+ taken.hubspotId() + ", which has the same " + by, email, theirs);
			}
		}
		if (email == null || sharing.size() <= 1) {
			return (object != null) ? RowMatch.found(object, by) : RowMatch.create();
		}
		// the record names the row it was made for: that row stands for it
		String named = (object != null) ? object.property(RECORD_ID) : null;
		List<IdentityRule.Candidate> candidates = new ArrayList<>();
		for (PlatformRows.KeyedRow row : sharing) {
			Link link = candidateLinks.get(row.key());
			candidates.add(new IdentityRule.Candidate(row.key(), row.createdAt(),
					(link != null && !free(link)) ? link.hubspotId() : null));
		}
		Long recordId = (object != null) ? Long.parseLong(object.id()) : null;
		IdentityRule.Choice choice;
		if (named != null && candidates.stream().anyMatch((c) -> c.key().equals(named) && c.linkedTo() == null)) {
			choice = new IdentityRule.Choice(named,
					candidates.stream()
						.filter((c) -> !c.key().equals(named) && c.linkedTo() == null)
						.map(IdentityRule.Candidate::key)
						.toList(),
					"record " + recordId + " was made for row " + named);
		}
		else {
			choice = IdentityRule.choose(candidates, recordId);
		}
		if (key.equals(choice.keeper())) {
			return (object != null) ? RowMatch.found(object, by) : RowMatch.create();
		}
		return RowMatch.duplicate(recordId, choice.why(), email, (theirs != null) ? theirs : email);
	}

	/**
	 * Matches an unlinked HubSpot record to a product row, inside the transaction that
	 * applies it (the inbound direction): by the row its {@code hubsync_record_id} names,
	 * then by email under the {@link IdentityRule}, then by the fuzzy rule. Matching for
	 * one identity runs under a transaction-scoped advisory lock on its key, so the same
	 * person seen from both sides at once ends as one pair.
	 * @param mapping the mapping
	 * @param object the record
	 * @return what it matched
	 */
	public RecordMatch forRecord(CompiledMapping mapping, HubSpotObject object) {
		String objectTypeId = mapping.objectTypeId();
		long id = Long.parseLong(object.id());
		String recordId = object.property(RECORD_ID);
		if (recordId != null && !recordId.isBlank()) {
			lock(objectTypeId, "record:" + recordId);
			if (this.rows.exists(mapping.config(), recordId)
					&& this.links.byPlatformKey(objectTypeId, recordId).isEmpty()) {
				// a deleted row takes along only a record older than its
				// deletion (one made later with its key, a re-import, is
				// someone new: the email decides)
				Optional<PlatformRows.DeletedRow> deleted = this.rows.deleted(mapping.config(), recordId);
				if (deleted.isEmpty() || olderThanDeletion(object, deleted.get())) {
					return RecordMatch.row(recordId, RECORD_ID);
				}
			}
		}
		CompiledField email = mapping.emailField().orElse(null);
		if (email != null) {
			List<String> emails = MatchKeys.emails(object.properties(), email.property());
			if (!emails.isEmpty()) {
				lock(objectTypeId, emails.get(0));
				Map<String, List<PlatformRows.KeyedRow>> sharing = this.rows.byEmails(mapping.config(), email.column(),
						emails);
				List<PlatformRows.KeyedRow> rowsWithKey = sharing.values().stream().flatMap(List::stream).toList();
				if (!rowsWithKey.isEmpty()) {
					Map<String, Link> linked = this.links.byPlatformKeys(objectTypeId,
							rowsWithKey.stream().map(PlatformRows.KeyedRow::key).toList());
					List<IdentityRule.Candidate> candidates = new ArrayList<>();
					for (PlatformRows.KeyedRow row : rowsWithKey) {
						Link link = linked.get(row.key());
						// a live row whose link is archived was restored in the product,
						// its record not made again yet: it stands for the person, and is
						// free to be linked to this record (chaos seed 42: a contact made
						// with its email meanwhile became a second row); one a HubSpot
						// merge parked waits for its review
						if (link == null || free(link)) {
							candidates.add(new IdentityRule.Candidate(row.key(), row.createdAt(), null));
						}
						else if (!link.archived()) {
							candidates.add(new IdentityRule.Candidate(row.key(), row.createdAt(), link.hubspotId()));
						}
					}
					IdentityRule.Choice choice = IdentityRule.choose(candidates, id);
					if (choice.keeper() != null) {
						return RecordMatch.row(choice.keeper(), "email", choice.duplicates(), choice.why());
					}
					if (!candidates.isEmpty()) {
						return RecordMatch.parked(choice.duplicates(), choice.why());
					}
				}
				else {
					RecordMatch twin = deletedTwin(mapping, object, email, emails);
					if (twin != null) {
						return twin;
					}
				}
			}
		}
		return this.fuzzy.match(mapping, object);
	}

	/**
	 * A record no row has the email of but deleted ones may be the twin of a row deleted
	 * before its first link: the same person, on both sides before HubSync linked them,
	 * whose product row was deleted first. Had the link come first, the deletion would
	 * have archived the record; it follows the deletion now, rather than bringing the
	 * person back as a new row. A record created after the deletion is someone new (a
	 * person who came back) and gets a row of their own; so does one whose deletion time
	 * the table does not keep (a flag), or whose deleted row is linked already or was
	 * kept apart from it by a person. A row deleted before HubSync was installed never
	 * had a link to come first: archiving its twin would be HubSync's own decision, so
	 * the pair waits for a person instead (link them, or keep them apart).
	 */
	private @Nullable RecordMatch deletedTwin(CompiledMapping mapping, HubSpotObject object, CompiledField email,
			List<String> emails) {
		if (object.createdAt() == null) {
			return null;
		}
		List<PlatformRows.DeletedRow> deleted = this.rows.deletedByEmails(mapping.config(), email.column(), emails);
		if (deleted.isEmpty()) {
			return null;
		}
		String objectTypeId = mapping.objectTypeId();
		long id = Long.parseLong(object.id());
		Map<String, Link> linked = this.links.byPlatformKeys(objectTypeId,
				deleted.stream().map(PlatformRows.DeletedRow::key).toList());
		for (PlatformRows.DeletedRow row : deleted) {
			if (!olderThanDeletion(object, row) || linked.containsKey(row.key())
					|| this.state.keptApart(objectTypeId, row.key(), id)) {
				continue;
			}
			if (row.deletedAt().isBefore(this.state.installedAt())) {
				return RecordMatch.parked(List.of(row.key()), "row " + row.key() + " with its email was deleted at "
						+ row.deletedAt() + ", before HubSync was installed: linking them archives the record");
			}
			return RecordMatch.row(row.key(), "email (row " + row.key() + " was deleted at " + row.deletedAt()
					+ ", before its first link, and this record is older: it follows the deletion)");
		}
		return null;
	}

	private static boolean olderThanDeletion(HubSpotObject object, PlatformRows.DeletedRow row) {
		return row.deletedAt() != null && object.createdAt() != null && !object.createdAt().isAfter(row.deletedAt());
	}

	/**
	 * Tells whether a row's link leaves it free for another record: archived (the row was
	 * restored in the product, its record not made again yet), and not by a HubSpot merge
	 * whose review is open.
	 */
	private boolean free(Link link) {
		return link.archived() && !this.state.hasOpenReview("merge", link.objectTypeId(), link.platformKey());
	}

	private void lock(String objectTypeId, String matchKey) {
		this.locks.lockForTransaction(objectTypeId, matchKey);
	}

}
