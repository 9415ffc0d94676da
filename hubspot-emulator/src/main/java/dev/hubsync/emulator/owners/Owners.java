package dev.hubsync.emulator.owners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import dev.hubsync.emulator.schema.DefaultData;
import dev.hubsync.emulator.storage.Journal;
import org.jspecify.annotations.Nullable;

/**
 * The portal's owners: the default data's, plus those a test adds or changes through the
 * admin API (a user invited or deactivated in the portal). Every change is journaled, so
 * a durable emulator restarts with the owners it had, as a portal keeps its users; a
 * reset goes back to the defaults. Thread-safe.
 */
public final class Owners {

	/** The journal entry of one owner as it is now. */
	public static final String OWNER = "owner";

	/** The journal entry of a reset to the default owners. */
	public static final String RESET = "owners-reset";

	private final List<DefaultData.Owner> defaults;

	private final Journal journal;

	private final Map<String, DefaultData.Owner> byId = new LinkedHashMap<>();

	/**
	 * Starts from the default data's owners, keeping nothing (in-memory mode).
	 * @param defaults the default owners
	 */
	public Owners(List<DefaultData.Owner> defaults) {
		this(defaults, Journal.NONE);
	}

	/**
	 * Starts from the default data's owners.
	 * @param defaults the default owners
	 * @param journal where changes are recorded
	 */
	public Owners(List<DefaultData.Owner> defaults, Journal journal) {
		this.defaults = List.copyOf(defaults);
		this.journal = journal;
		restoreDefaults();
	}

	/**
	 * Returns every owner, active and archived, in the order they were added.
	 * @return the owners
	 */
	public synchronized List<DefaultData.Owner> all() {
		return new ArrayList<>(this.byId.values());
	}

	/**
	 * Returns the ids {@code hubspot_owner_id} may take: the active owners'.
	 * @return the ids
	 */
	public synchronized Set<String> activeIds() {
		return this.byId.values()
			.stream()
			.filter((owner) -> !owner.archived())
			.map(DefaultData.Owner::id)
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * Adds an owner, or replaces the one with its id (archiving it, say).
	 * @param owner the owner
	 */
	public synchronized void put(DefaultData.Owner owner) {
		this.journal.append(new Journal.Entry(OWNER, null, owner));
		this.byId.put(owner.id(), owner);
	}

	/** Goes back to the default owners. */
	public synchronized void reset() {
		this.journal.append(new Journal.Entry(RESET, null, Map.of()));
		restoreDefaults();
	}

	/**
	 * Applies a replayed journal entry.
	 * @param entry an {@link #OWNER} or {@link #RESET} entry
	 * @param owner the entry's owner, for an {@link #OWNER} entry
	 */
	public synchronized void replay(Journal.Entry entry, DefaultData.@Nullable Owner owner) {
		if (RESET.equals(entry.kind())) {
			restoreDefaults();
		}
		else {
			DefaultData.Owner replayed = Objects.requireNonNull(owner, "an owner entry holds an owner");
			this.byId.put(replayed.id(), replayed);
		}
	}

	/**
	 * Returns entries that rebuild the owners from the defaults: those added or changed.
	 * @return the entries
	 */
	public synchronized List<Journal.Entry> snapshot() {
		Map<String, DefaultData.Owner> defaults = new LinkedHashMap<>();
		this.defaults.forEach((owner) -> defaults.put(owner.id(), owner));
		return this.byId.values()
			.stream()
			.filter((owner) -> !owner.equals(defaults.get(owner.id())))
			.map((owner) -> new Journal.Entry(OWNER, null, owner))
			.toList();
	}

	private void restoreDefaults() {
		this.byId.clear();
		this.defaults.forEach((owner) -> this.byId.put(owner.id(), owner));
	}

}
