package dev.hubsync.chaos.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the workload knows of one record it created: its identity on each side (as far as
 * it learned it), every field write it made, and its deletions, restores and merges. The
 * record's identity on the side it was not born on is the sync's business; the checker
 * finds it through the link.
 */
public final class Entity {

	private final int id;

	private final ObjectKind kind;

	private final Side bornOn;

	private final String identity;

	private final Instant bornAt;

	private @Nullable String platformKey;

	private @Nullable String hubspotId;

	private final Map<String, List<FieldWrite>> writes = new LinkedHashMap<>();

	private final List<ArchiveChange> archiveChanges = new ArrayList<>();

	private @Nullable String mergedWith;

	private boolean uncertainBirth;

	private boolean born;

	private boolean bothSides;

	Entity(int id, ObjectKind kind, Side bornOn, String identity, Instant bornAt) {
		this.id = id;
		this.kind = kind;
		this.bornOn = bornOn;
		this.identity = identity;
		this.bornAt = bornAt;
	}

	/**
	 * Returns the workload's number for the record.
	 * @return the number
	 */
	public int id() {
		return this.id;
	}

	/**
	 * Returns the object type.
	 * @return the kind
	 */
	public ObjectKind kind() {
		return this.kind;
	}

	/**
	 * Returns the side the record was born on.
	 * @return the side
	 */
	public Side bornOn() {
		return this.bornOn;
	}

	/**
	 * Returns the record's immutable identity: a contact's email, a company's name.
	 * @return the identity
	 */
	public String identity() {
		return this.identity;
	}

	/**
	 * Returns when it was created.
	 * @return the time
	 */
	public Instant bornAt() {
		return this.bornAt;
	}

	/**
	 * Returns its platform key, when the workload created the row.
	 * @return the key, or {@code null}
	 */
	public synchronized @Nullable String platformKey() {
		return this.platformKey;
	}

	synchronized void platformKey(String key) {
		this.platformKey = key;
	}

	/**
	 * Returns its HubSpot id, when the workload created the record.
	 * @return the id, or {@code null}
	 */
	public synchronized @Nullable String hubspotId() {
		return this.hubspotId;
	}

	synchronized void hubspotId(String newId) {
		this.hubspotId = newId;
	}

	synchronized void write(String field, FieldWrite write) {
		this.writes.computeIfAbsent(field, (name) -> new ArrayList<>()).add(write);
	}

	/**
	 * Returns every write, per field.
	 * @return a copy
	 */
	public synchronized Map<String, List<FieldWrite>> writes() {
		Map<String, List<FieldWrite>> copy = new LinkedHashMap<>();
		this.writes.forEach((field, list) -> copy.put(field, List.copyOf(list)));
		return copy;
	}

	synchronized void archiveChange(ArchiveChange change) {
		this.archiveChanges.add(change);
	}

	/**
	 * Returns its deletions and restores.
	 * @return a copy, in the order they were made
	 */
	public synchronized List<ArchiveChange> archiveChanges() {
		return List.copyOf(this.archiveChanges);
	}

	/**
	 * Tells whether the workload's last deletion or restore left it archived.
	 * @return whether it is deleted
	 */
	public synchronized boolean archived() {
		return !this.archiveChanges.isEmpty() && this.archiveChanges.get(this.archiveChanges.size() - 1).archived();
	}

	/**
	 * Returns when it was last deleted or restored.
	 * @return the time, or its birth
	 */
	public synchronized Instant lastArchiveChange() {
		return this.archiveChanges.isEmpty() ? this.bornAt
				: this.archiveChanges.get(this.archiveChanges.size() - 1).at();
	}

	synchronized void merged(String description) {
		this.mergedWith = description;
	}

	/**
	 * Returns the merge it took part in: its records are then retired from the workload.
	 * @return a description, or {@code null}
	 */
	public synchronized @Nullable String mergedWith() {
		return this.mergedWith;
	}

	synchronized void bornOnBothSides() {
		this.bothSides = true;
	}

	/**
	 * Tells whether the record was born on both sides, as two records the sync links at
	 * first sight (by email).
	 * @return whether it was
	 */
	public synchronized boolean bornOnBoth() {
		return this.bothSides;
	}

	synchronized void uncertainBirth() {
		this.uncertainBirth = true;
	}

	synchronized void born() {
		this.born = true;
	}

	/**
	 * Tells whether its creation is over (on each side it is born on): until then no
	 * other operation may choose it (a deletion of its row before its HubSpot twin exists
	 * would make that twin someone new, by the sync's rule).
	 * @return whether it is
	 */
	public synchronized boolean isBorn() {
		return this.born;
	}

	/**
	 * Tells whether its creation was not acknowledged (it may not exist).
	 * @return whether its birth is uncertain
	 */
	public synchronized boolean birthUncertain() {
		return this.uncertainBirth;
	}

	/**
	 * Returns a short label for reports.
	 * @return e.g. {@code contact#12 (ada-12@chaos.example, born on HUBSPOT)}
	 */
	public String label() {
		return this.kind.name().toLowerCase(java.util.Locale.ROOT) + "#" + this.id + " (" + this.identity + ", born on "
				+ (this.bothSides ? "both sides" : this.bornOn) + ")";
	}

	/**
	 * A deletion or a restore.
	 *
	 * @param side where it was made
	 * @param archived whether it deleted (else restored)
	 * @param at when
	 * @param certain whether the side acknowledged it
	 */
	public record ArchiveChange(Side side, boolean archived, Instant at, boolean certain) {
	}

}
