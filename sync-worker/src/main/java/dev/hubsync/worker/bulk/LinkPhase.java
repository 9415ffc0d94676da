package dev.hubsync.worker.bulk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.Row;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.objects.SearchClient;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.matching.MatchKeys;
import dev.hubsync.worker.matching.IdentityRule;
import dev.hubsync.worker.poller.ReconciliationPoller;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import org.jspecify.annotations.Nullable;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * A bulk sync's first step for one object type: match both sides before anything is
 * written. HubSpot's records are listed once (their match keys only, 100 a call); every
 * unlinked product row is then paired with the record its key names
 * ({@code hubsync_record_id}, this installation's) or the record with its email, under
 * the {@link IdentityRule} (one row per record; the others go to review as
 * {@code duplicate_email}). A pair is linked with no last-synced values, so its merge
 * takes the first-link rule field by field. What stays unlinked on either side is pushed
 * or pulled afterwards.
 */
final class LinkPhase {

	private final CompiledMapping mapping;

	private final LinkStore links;

	private final PlatformRows rows;

	private final SyncState state;

	private final String installId;

	private final @Nullable CompiledField email;

	private final Map<String, Long> byRecordId = new HashMap<>();

	/** Record ids named by records linked already (to the row named, or to another). */
	private final Map<String, Long> linkedRecordIds = new HashMap<>();

	private final Map<String, Long> byEmail = new HashMap<>();

	private final Map<Long, String> emailOf = new HashMap<>();

	/** HubSpot records without a link, with their last-modified time. */
	private final Map<Long, Instant> unlinked = new LinkedHashMap<>();

	private long listed;

	LinkPhase(CompiledMapping mapping, LinkStore links, PlatformRows rows, SyncState state, String installId) {
		this.mapping = mapping;
		this.links = links;
		this.rows = rows;
		this.state = state;
		this.installId = installId;
		this.email = mapping.emailField().orElse(null);
	}

	/**
	 * Lists HubSpot's records of the object type and keeps the unlinked ones' match keys.
	 * @param client the client (background lane)
	 * @param fallback the time a record without a modification time counts as modified
	 */
	void list(HubSpotClient client, Instant fallback) {
		String modifiedProperty = SearchClient.lastModifiedProperty(this.mapping.objectTypeId());
		List<String> properties = new ArrayList<>(List.of(RECORD_ID, SOURCE_SYSTEM, modifiedProperty));
		if (this.email != null) {
			properties.add(this.email.property());
			properties.add(MatchKeys.ADDITIONAL_EMAILS);
		}
		List<HubSpotObject> page = new ArrayList<>(100);
		try (Stream<HubSpotObject> all = client.objects()
			.listAll(ObjectTypes.pathName(this.mapping.objectTypeId()), ReadOptions.properties(properties))) {
			for (HubSpotObject object : (Iterable<HubSpotObject>) all::iterator) {
				page.add(object);
				if (page.size() == 100) {
					keep(page, modifiedProperty, fallback);
				}
			}
		}
		keep(page, modifiedProperty, fallback);
	}

	private void keep(List<HubSpotObject> page, String modifiedProperty, Instant fallback) {
		if (page.isEmpty()) {
			return;
		}
		this.listed += page.size();
		Set<Long> linked = this.links
			.byHubSpotIds(this.mapping.objectTypeId(), page.stream().map((o) -> Long.parseLong(o.id())).toList())
			.keySet();
		for (HubSpotObject object : page) {
			long id = Long.parseLong(object.id());
			if (linked.contains(id)) {
				String recordId = object.property(RECORD_ID);
				if (recordId != null && !recordId.isBlank()) {
					this.linkedRecordIds.putIfAbsent(recordId, id);
				}
				continue;
			}
			Instant modified = ReconciliationPoller.modifiedAt(object, modifiedProperty);
			this.unlinked.put(id, (modified != null) ? modified : fallback);
			String recordId = object.property(RECORD_ID);
			String source = object.property(SOURCE_SYSTEM);
			if (recordId != null && !recordId.isBlank()
					&& (source == null || source.isBlank() || source.equals(this.installId))) {
				this.byRecordId.putIfAbsent(recordId, id);
			}
			if (this.email != null) {
				for (String address : MatchKeys.emails(object.properties(), this.email.property())) {
					this.byEmail.putIfAbsent(address, id);
					this.emailOf.putIfAbsent(id, address);
				}
			}
		}
		page.clear();
	}

	/**
	 * Links the rows of a page that match an unlinked HubSpot record.
	 * @param page live rows
	 * @return what became of each unlinked row of the page
	 */
	Map<String, Outcome> link(List<Row> page) {
		String objectTypeId = this.mapping.objectTypeId();
		String keyColumn = this.mapping.config().keyColumn();
		List<String> keys = page.stream().map((row) -> String.valueOf(row.get(keyColumn))).toList();
		Set<String> linkedRows = this.links.byPlatformKeys(objectTypeId, keys).keySet();
		Map<String, Outcome> outcomes = new LinkedHashMap<>();
		Map<String, String> emails = new LinkedHashMap<>();
		for (Row row : page) {
			String key = String.valueOf(row.get(keyColumn));
			if (linkedRows.contains(key)) {
				continue;
			}
			Long named = this.byRecordId.get(key);
			if (named != null && this.unlinked.containsKey(named)) {
				outcomes.put(key, linkTo(key, named) ? Outcome.LINKED : Outcome.PUSHED);
				continue;
			}
			Long taken = this.linkedRecordIds.get(key);
			if (taken != null) {
				// the record made for this row stands for another row now: creating by
				// this row's key would land on it
				outcomes.put(key, review(key, taken, null,
						"record " + taken + " carries this row's hubsync_record_id and is linked to another row"));
				continue;
			}
			String address = (this.email != null && row.get(this.email.column()) != null)
					? MatchKeys.normaliseEmail(row.get(this.email.column()).toString()) : null;
			if (address != null && this.byEmail.containsKey(address)) {
				emails.put(key, address);
			}
			else {
				outcomes.put(key, Outcome.PUSHED);
			}
		}
		if (!emails.isEmpty()) {
			Map<String, List<PlatformRows.KeyedRow>> sharing = this.rows.byEmails(this.mapping.config(),
					this.email.column(), new LinkedHashSet<>(emails.values()));
			Map<String, Link> sharingLinks = this.links.byPlatformKeys(objectTypeId,
					sharing.values().stream().flatMap(List::stream).map(PlatformRows.KeyedRow::key).toList());
			emails.forEach((key, address) -> outcomes.put(key,
					byEmail(key, address, sharing.getOrDefault(address, List.of()), sharingLinks)));
		}
		return outcomes;
	}

	private Outcome byEmail(String key, String address, List<PlatformRows.KeyedRow> sharing,
			Map<String, Link> sharingLinks) {
		long record = this.byEmail.get(address);
		if (!this.unlinked.containsKey(record)) {
			return review(key, record, address, "record " + record + " was linked to another row by this bulk sync");
		}
		List<IdentityRule.Candidate> candidates = new ArrayList<>();
		for (PlatformRows.KeyedRow row : sharing) {
			Link link = sharingLinks.get(row.key());
			candidates
				.add(new IdentityRule.Candidate(row.key(), row.createdAt(), (link != null) ? link.hubspotId() : null));
		}
		if (candidates.stream().noneMatch((c) -> c.key().equals(key))) {
			candidates.add(new IdentityRule.Candidate(key, null, null));
		}
		IdentityRule.Choice choice = IdentityRule.choose(candidates, record);
		if (key.equals(choice.keeper())) {
			return linkTo(key, record) ? Outcome.LINKED : Outcome.PUSHED;
		}
		return review(key, record, address, choice.why());
	}

	private boolean linkTo(String key, long record) {
		boolean linked = this.links
			.insertNew(new Link(this.mapping.objectTypeId(), record, key, 1, null, null, Map.of(), null, false));
		this.unlinked.remove(record);
		return linked;
	}

	private Outcome review(String key, long record, @Nullable String address, String why) {
		if (!this.state.keptApart(this.mapping.objectTypeId(), key, record)) {
			this.state.openReview(SyncState.DUPLICATE_EMAIL, this.mapping.objectTypeId(), key, record, "email", address,
					this.emailOf.get(record),
					"shares its match key with another row: " + why + "; link this one instead, or keep them apart");
		}
		return Outcome.DUPLICATE;
	}

	/**
	 * Returns the HubSpot records no row was linked to, with their last-modified times:
	 * what a pull imports.
	 * @return the records
	 */
	Map<Long, Instant> unlinkedRecords() {
		return this.unlinked;
	}

	/**
	 * Returns how many HubSpot records were listed.
	 * @return the count
	 */
	long listed() {
		return this.listed;
	}

	/** What became of an unlinked row. */
	enum Outcome {

		/** Paired with a HubSpot record; its merge follows. */
		LINKED,
		/**
		 * No record matched: it is pushed, and the outbound direction creates its record.
		 */
		PUSHED,
		/** Another row stands for its record: set aside for review. */
		DUPLICATE

	}

}
