package dev.hubsync.emulator.crm;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.error.ApiException.PropertyProblem;
import dev.hubsync.emulator.schema.PropertyDef;
import dev.hubsync.emulator.schema.PropertySchema;
import dev.hubsync.emulator.pipelines.Pipelines;
import dev.hubsync.emulator.schema.ValueValidator;
import dev.hubsync.emulator.webhooks.EventDraft;
import dev.hubsync.emulator.webhooks.Subscriptions;
import dev.hubsync.emulator.webhooks.WebhookPublisher;
import dev.hubsync.events.hubspot.ObjectTypes;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every record write: validates values against the schema, enforces uniqueness (a
 * contact's email, case-insensitive, shared with additional emails; unique custom
 * properties) and the forward-only lifecycle stage, maintains the system properties and
 * property history, and publishes the webhook events of the change. A batch is validated
 * whole before anything is applied: without trace ids one bad input fails the batch; with
 * them the rest is applied.
 */
public final class ObjectWriter {

	private static final Logger logger = LoggerFactory.getLogger(ObjectWriter.class);

	static final List<String> LIFECYCLE = List.of("subscriber", "lead", "marketingqualifiedlead", "salesqualifiedlead",
			"opportunity", "customer", "evangelist", "other");

	private final CrmStore store;

	private final PropertySchema schema;

	private final WebhookPublisher publisher;

	private final Supplier<Set<String>> ownerIds;

	private final RecordListener listener;

	private final Clock clock;

	private final WriteRules rules;

	private final Pipelines pipelines;

	/**
	 * Creates the writer.
	 * @param store the records
	 * @param publisher the webhook publisher
	 * @param ownerIds the owner ids, for owner properties
	 * @param listener learns of merges and deletions
	 * @param clock the clock
	 * @param rules the portal's required-property rules (enforced on 2026-09+ paths)
	 * @param pipelines the portal's pipelines (a ticket's default pipeline and its
	 * stages)
	 */
	public ObjectWriter(CrmStore store, WebhookPublisher publisher, Supplier<Set<String>> ownerIds,
			RecordListener listener, Clock clock, WriteRules rules, Pipelines pipelines) {
		this.store = store;
		this.rules = rules;
		this.pipelines = pipelines;
		this.schema = store.schema();
		this.publisher = publisher;
		this.ownerIds = ownerIds;
		this.listener = listener;
		this.clock = clock;
	}

	/**
	 * Returns the property holding a type's last-modified time.
	 * @param objectTypeId the type
	 * @return {@code lastmodifieddate} for contacts, {@code hs_lastmodifieddate}
	 * otherwise
	 */
	public static String lastModifiedProperty(String objectTypeId) {
		return ObjectTypes.CONTACTS.equals(objectTypeId) ? "lastmodifieddate" : "hs_lastmodifieddate";
	}

	/**
	 * Applies writes.
	 * @param objectTypeId the type
	 * @param writes the writes
	 * @param caller who writes
	 * @param partial whether a refused input leaves the others applied (trace ids given)
	 * @param at the write time, or {@code null} for now (seeding fixes it)
	 * @param publish whether to publish webhook events
	 * @return what was written and refused
	 * @throws ApiException the first refusal, when not partial
	 */
	public WriteOutcome apply(String objectTypeId, List<Write> writes, Caller caller, boolean partial,
			@Nullable Instant at, boolean publish) {
		return apply(objectTypeId, writes, caller, partial, at, publish, false);
	}

	/**
	 * Applies writes, enforcing the portal's {@link WriteRules} when asked (API version
	 * 2026-09 and later).
	 * @param objectTypeId the type
	 * @param writes the writes
	 * @param caller who writes
	 * @param partial whether a refused input leaves the others applied (trace ids given)
	 * @param at the write time, or {@code null} for now (seeding fixes it)
	 * @param publish whether to publish webhook events
	 * @param enforceRules whether required-on-create and conditional-required rules apply
	 * @return what was written and refused
	 * @throws ApiException the first refusal, when not partial
	 */
	public WriteOutcome apply(String objectTypeId, List<Write> writes, Caller caller, boolean partial,
			@Nullable Instant at, boolean publish, boolean enforceRules) {
		ObjectTable table = this.store.table(objectTypeId);
		List<EventDraft> drafts = new ArrayList<>();
		List<WriteOutcome.Written> written = new ArrayList<>();
		List<WriteOutcome.Failure> failures = new ArrayList<>();
		table.lock().lock();
		try {
			Instant now = (at != null) ? at : this.clock.instant();
			List<Prepared> prepared = prepare(objectTypeId, table, writes, failures, enforceRules);
			if (!partial && !failures.isEmpty()) {
				throw failures.get(0).error();
			}
			for (Prepared item : prepared) {
				written.add(commit(objectTypeId, table, item, caller, now, drafts));
			}
		}
		finally {
			table.lock().unlock();
		}
		if (publish) {
			this.publisher.publish(drafts);
		}
		return new WriteOutcome(written, failures);
	}

	/**
	 * Archives records (missing or archived ones are skipped).
	 * @param objectTypeId the type
	 * @param ids the records
	 * @param caller who archives
	 * @return the ids archived
	 */
	public List<Long> archive(String objectTypeId, List<Long> ids, Caller caller) {
		return setArchived(objectTypeId, ids, caller, true);
	}

	/**
	 * Restores archived records (HubSpot's UI restore; no public API has it).
	 * @param objectTypeId the type
	 * @param id the record
	 * @return the restored record
	 */
	public StoredObject restore(String objectTypeId, long id) {
		ObjectTable table = this.store.table(objectTypeId);
		StoredObject object = Optional.ofNullable(table.raw(id))
			.filter(StoredObject::archived)
			.orElseThrow(() -> ApiException.notFound("No archived " + objectTypeId + " with id " + id));
		table.lock().lock();
		try {
			checkUnique(table, objectTypeId, object.properties(), id, Map.of());
		}
		finally {
			table.lock().unlock();
		}
		setArchived(objectTypeId, List.of(id), Caller.SYSTEM, false);
		return table.raw(id);
	}

	/**
	 * Permanently deletes a contact (GDPR): no history is kept.
	 * @param id the contact
	 * @param caller who deletes
	 */
	public void gdprDelete(long id, Caller caller) {
		ObjectTable table = this.store.table(ObjectTypes.CONTACTS);
		table.lock().lock();
		try {
			if (table.raw(id) == null) {
				throw ApiException.notFound("Contact " + id + " does not exist");
			}
			this.store.delete(ObjectTypes.CONTACTS, id);
		}
		finally {
			table.lock().unlock();
		}
		this.listener.deleted(ObjectTypes.CONTACTS, id);
		Instant now = this.clock.instant();
		this.publisher.publish(List.of(
				EventDraft.of("privacyDeletion", ObjectTypes.CONTACTS, id, now, caller.changeSource(),
						caller.sourceId()),
				EventDraft.of("deletion", ObjectTypes.CONTACTS, id, now, "GDPR", caller.sourceId())));
	}

	/**
	 * Merges two records. Contacts and companies get a new id; deals keep the primary's.
	 * Values come from the primary, blanks filled from the other; the other's email
	 * becomes an additional email.
	 * @param objectTypeId the type
	 * @param primaryId the record whose values win
	 * @param mergedId the record merged into it
	 * @param caller who merges
	 * @return the merged record
	 */
	public StoredObject merge(String objectTypeId, long primaryId, long mergedId, Caller caller) {
		ObjectTable table = this.store.table(objectTypeId);
		StoredObject result;
		int moved;
		table.lock().lock();
		try {
			StoredObject primary = live(table, objectTypeId, primaryId);
			StoredObject other = live(table, objectTypeId, mergedId);
			if (primary.id() == other.id()) {
				throw ApiException.validation("Cannot merge a record with itself");
			}
			Instant now = this.clock.instant();
			Map<String, String> values = new LinkedHashMap<>(primary.properties());
			moved = 0;
			for (Map.Entry<String, String> entry : other.properties().entrySet()) {
				if (!values.containsKey(entry.getKey()) && !Subscriptions.SYSTEM_PROPERTIES.contains(entry.getKey())) {
					values.put(entry.getKey(), entry.getValue());
					moved++;
				}
			}
			String otherEmail = other.properties().get("email");
			if (ObjectTypes.CONTACTS.equals(objectTypeId) && otherEmail != null) {
				String additional = values.get("hs_additional_emails");
				values.put("hs_additional_emails", (additional == null) ? otherEmail : additional + ";" + otherEmail);
			}
			boolean newId = ObjectTypes.CONTACTS.equals(objectTypeId) || ObjectTypes.COMPANIES.equals(objectTypeId);
			long survivorId = newId ? table.nextId() : primary.id();
			values.put("hs_object_id", String.valueOf(survivorId));
			values.put("hs_merged_object_ids", primary.id() + ";" + other.id());
			values.put(lastModifiedProperty(objectTypeId), ValueValidator.datetime(now));
			this.store.store(other.mergedInto(survivorId, now));
			if (newId) {
				this.store.store(primary.mergedInto(survivorId, now));
			}
			result = new StoredObject(survivorId, objectTypeId, values, primary.history(), primary.createdAt(), now,
					false, null, null, null);
			this.store.store(result);
			List<Long> mergedAway = newId ? List.of(primary.id(), other.id()) : List.of(other.id());
			this.listener.merged(objectTypeId, mergedAway, survivorId);
		}
		finally {
			table.lock().unlock();
		}
		publishMerge(objectTypeId, primaryId, mergedId, result, moved, caller);
		return result;
	}

	private void publishMerge(String objectTypeId, long primaryId, long mergedId, StoredObject result, int moved,
			Caller caller) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("primaryObjectId", primaryId);
		fields.put("mergedObjectIds", List.of(mergedId));
		fields.put("newObjectId", result.id());
		fields.put("numberOfPropertiesMoved", moved);
		List<EventDraft> drafts = new ArrayList<>();
		drafts.add(new EventDraft("merge", objectTypeId, result.id(), result.updatedAt(), caller.changeSource(),
				caller.sourceId(), fields));
		for (long gone : (result.id() == primaryId) ? List.of(mergedId) : List.of(primaryId, mergedId)) {
			drafts.add(EventDraft.of("deletion", objectTypeId, gone, result.updatedAt(), "MERGE", caller.sourceId()));
		}
		this.publisher.publish(drafts);
	}

	private List<Long> setArchived(String objectTypeId, List<Long> ids, Caller caller, boolean archived) {
		ObjectTable table = this.store.table(objectTypeId);
		List<Long> changed = new ArrayList<>();
		List<EventDraft> drafts = new ArrayList<>();
		table.lock().lock();
		try {
			Instant now = this.clock.instant();
			for (long id : ids) {
				StoredObject object = table.raw(id);
				if (object == null || object.archived() == archived || object.mergedInto() != null) {
					continue;
				}
				this.store.store(object.archived(archived, now));
				changed.add(id);
				drafts.add(EventDraft.of(archived ? "deletion" : "restore", objectTypeId, id, now,
						caller.changeSource(), caller.sourceId()));
			}
		}
		finally {
			table.lock().unlock();
		}
		this.publisher.publish(drafts);
		return changed;
	}

	private StoredObject live(ObjectTable table, String objectTypeId, long id) {
		return table.resolve(id)
			.filter((object) -> !object.archived())
			.orElseThrow(() -> ApiException.notFound("Object " + objectTypeId + " " + id + " does not exist"));
	}

	private List<Prepared> prepare(String objectTypeId, ObjectTable table, List<Write> writes,
			List<WriteOutcome.Failure> failures, boolean enforceRules) {
		List<Prepared> prepared = new ArrayList<>();
		Map<String, Integer> batchClaims = new HashMap<>();
		for (int i = 0; i < writes.size(); i++) {
			Write write = writes.get(i);
			try {
				StoredObject current = (write.id() != null) ? live(table, objectTypeId, write.id())
						: upsertTarget(table, write);
				Map<String, String> input = write.properties();
				if (write.upsertProperty() != null && current == null) {
					input = new LinkedHashMap<>(input);
					input.putIfAbsent(write.upsertProperty(), write.inputId());
				}
				if (current == null) {
					input = this.pipelines.defaultsOnCreate(objectTypeId, input);
				}
				Map<String, String> changes = validate(objectTypeId, input, current);
				if (current == null) {
					requireIdentity(objectTypeId, changes);
				}
				Map<String, String> result = new LinkedHashMap<>((current != null) ? current.properties() : Map.of());
				changes.forEach((name, value) -> {
					if (value.isEmpty()) {
						result.remove(name);
					}
					else {
						result.put(name, value);
					}
				});
				if (current == null) {
					requireOnCreate(objectTypeId, result);
				}
				this.pipelines.check(objectTypeId, result);
				if (enforceRules) {
					this.rules.check(objectTypeId, result, current == null);
				}
				long ownId = (current != null) ? current.id() : -1;
				checkUnique(table, objectTypeId, result, ownId, batchClaims);
				table.claims(result, this.schema.uniqueProperties(objectTypeId))
					.forEach((index, keys) -> keys.forEach((key) -> batchClaims.put(index + "\u0000" + key, 0)));
				prepared.add(new Prepared(i, current, changes));
			}
			catch (ApiException ex) {
				failures.add(new WriteOutcome.Failure(i, ex, write.traceId(), write.inputId()));
			}
		}
		return prepared;
	}

	private static @Nullable StoredObject upsertTarget(ObjectTable table, Write write) {
		if (write.upsertProperty() == null || write.inputId() == null) {
			return null;
		}
		return table.findUnique(write.upsertProperty(), write.inputId())
			.flatMap(table::resolve)
			.filter((object) -> !object.archived())
			.orElse(null);
	}

	private void requireIdentity(String objectTypeId, Map<String, String> changes) {
		if (ObjectTypes.CONTACTS.equals(objectTypeId) && !changes.containsKey("email")
				&& !changes.containsKey("firstname") && !changes.containsKey("lastname")) {
			throw ApiException.validation("A contact needs at least one of email, firstname or lastname");
		}
	}

	private void requireOnCreate(String objectTypeId, Map<String, String> result) {
		List<String> missing = this.schema.requiredOnCreate(objectTypeId)
			.stream()
			.filter((name) -> result.getOrDefault(name, "").isEmpty())
			.toList();
		if (!missing.isEmpty()) {
			throw ApiException.validation("Required properties missing on create: " + missing)
				.with("context", Map.of("propertyName", missing));
		}
	}

	private void checkUnique(ObjectTable table, String objectTypeId, Map<String, String> values, long ownId,
			Map<String, Integer> batchClaims) {
		for (Map.Entry<String, List<String>> claim : table.claims(values, this.schema.uniqueProperties(objectTypeId))
			.entrySet()) {
			for (String key : claim.getValue()) {
				Optional<Long> holder = table.holder(claim.getKey(), key);
				if (holder.isPresent() && holder.get() != ownId) {
					throw conflict(objectTypeId, claim.getKey(), key, holder.get());
				}
				if (batchClaims.containsKey(claim.getKey() + "\u0000" + key)) {
					throw ApiException.conflict("Duplicate value '" + key + "' for unique property " + claim.getKey()
							+ " within one batch");
				}
			}
		}
	}

	private static ApiException conflict(String objectTypeId, String index, String value, long existing) {
		if (ObjectTypes.CONTACTS.equals(objectTypeId) && ObjectTable.EMAIL_INDEX.equals(index)) {
			return ApiException.conflict("Contact already exists. Existing ID: " + existing);
		}
		return ApiException
			.conflict("A record with " + index + "=" + value + " already exists. Existing ID: " + existing);
	}

	private Map<String, String> validate(String objectTypeId, Map<String, String> input,
			@Nullable StoredObject current) {
		Map<String, String> changes = new LinkedHashMap<>();
		List<PropertyProblem> problems = new ArrayList<>();
		Set<String> owners = this.ownerIds.get();
		input.forEach((name, raw) -> {
			String value = (raw != null) ? raw : "";
			Optional<PropertyDef> def = this.schema.get(objectTypeId, name);
			if (def.isEmpty()) {
				problems.add(
						new PropertyProblem(name, "PROPERTY_DOESNT_EXIST", "Property \"" + name + "\" does not exist"));
				return;
			}
			if (def.get().readOnlyValue()) {
				problems.add(new PropertyProblem(name, "READ_ONLY_VALUE",
						name + " is a read only property; its value cannot be set."));
				return;
			}
			try {
				String stored = ValueValidator.normalize(def.get(), appendIfMarked(def.get(), value, current), owners);
				checkLifecycle(name, stored, current, problems);
				changes.put(name, stored);
			}
			catch (ValueValidator.InvalidValue ex) {
				problems.add(ex.problem());
			}
		});
		if (!problems.isEmpty()) {
			throw ApiException.invalidProperties(problems);
		}
		return changes;
	}

	private static String appendIfMarked(PropertyDef def, String value, @Nullable StoredObject current) {
		if (!def.multiValued() || !value.startsWith(";")) {
			return value;
		}
		Set<String> values = new LinkedHashSet<>();
		String existing = (current != null) ? current.properties().get(def.name()) : null;
		if (existing != null) {
			values.addAll(List.of(existing.split(";")));
		}
		for (String each : value.substring(1).split(";")) {
			if (!each.isEmpty()) {
				values.add(each);
			}
		}
		return String.join(";", values);
	}

	private static void checkLifecycle(String name, String value, @Nullable StoredObject current,
			List<PropertyProblem> problems) {
		if (!"lifecyclestage".equals(name) || current == null || value.isEmpty()) {
			return;
		}
		String from = current.properties().get(name);
		if (from != null && LIFECYCLE.indexOf(value) < LIFECYCLE.indexOf(from)) {
			problems.add(new PropertyProblem(name, "INVALID_LIFECYCLE_STAGE", "lifecyclestage can only move forward: "
					+ value + " is before " + from + "; clear the value first to move it backwards"));
		}
	}

	private WriteOutcome.Written commit(String objectTypeId, ObjectTable table, Prepared item, Caller caller,
			Instant now, List<EventDraft> drafts) {
		String modified = lastModifiedProperty(objectTypeId);
		Map<String, String> changes = new LinkedHashMap<>(item.changes());
		boolean created = item.current() == null;
		StoredObject base;
		if (created) {
			long id = table.nextId();
			base = new StoredObject(id, objectTypeId, Map.of(), Map.of(), now, now, false, null, null, null);
			changes.put("hs_object_id", String.valueOf(id));
			changes.put("createdate", ValueValidator.datetime(now));
		}
		else {
			base = item.current();
			changes.keySet().removeIf((name) -> changes.get(name).equals(base.properties().getOrDefault(name, "")));
			if (changes.isEmpty() && logger.isDebugEnabled()) {
				// HubSpot moves the record's modification time all the same; tests look
				// for
				// such writes (a sync's echo) and want to know what they carried
				logger.debug("A write by {} to {} {} changed nothing: {}", caller, objectTypeId, base.id(),
						item.changes());
			}
		}
		changes.put(modified, ValueValidator.datetime(now));
		StoredObject stored = base.write(changes, now, caller.changeSource(), caller.sourceId());
		stored = new StoredObject(stored.id(), stored.objectTypeId(), stored.properties(), stored.history(),
				stored.createdAt(), stored.updatedAt(), stored.archived(), stored.archivedAt(), stored.mergedInto(),
				created ? null : base.withoutPrevious());
		this.store.store(stored);
		if (created) {
			drafts.add(EventDraft.creation(objectTypeId, stored.id(), now, caller.changeSource(), caller.sourceId()));
		}
		for (Map.Entry<String, String> change : changes.entrySet()) {
			if (!Subscriptions.SYSTEM_PROPERTIES.contains(change.getKey())
					&& !(created && change.getValue().isEmpty())) {
				drafts.add(EventDraft.propertyChange(objectTypeId, stored.id(), now, caller.changeSource(),
						caller.sourceId(), change.getKey(), change.getValue()));
			}
		}
		return new WriteOutcome.Written(item.index(), stored, created, List.copyOf(item.changes().keySet()));
	}

	private record Prepared(int index, @Nullable StoredObject current, Map<String, String> changes) {
	}

}
