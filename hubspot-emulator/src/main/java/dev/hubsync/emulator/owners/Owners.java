package dev.hubsync.emulator.owners;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.hubsync.emulator.schema.DefaultData;

/**
 * The portal's owners: the default data's, plus those a test adds or changes through the
 * admin API (a user invited or deactivated in the portal). In memory only, like the write
 * rules: a reset or a restart goes back to the defaults. Thread-safe.
 */
public final class Owners {

	private final List<DefaultData.Owner> defaults;

	private final Map<String, DefaultData.Owner> byId = new LinkedHashMap<>();

	/**
	 * Starts from the default data's owners.
	 * @param defaults the default owners
	 */
	public Owners(List<DefaultData.Owner> defaults) {
		this.defaults = List.copyOf(defaults);
		reset();
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
		this.byId.put(owner.id(), owner);
	}

	/** Goes back to the default owners. */
	public synchronized void reset() {
		this.byId.clear();
		this.defaults.forEach((owner) -> this.byId.put(owner.id(), owner));
	}

}
