package dev.hubsync.worker.merge;

import org.jspecify.annotations.Nullable;

/**
 * What a field's merge knows of the last value both sides held (the ancestor, A).
 *
 * @param state whether it is known
 * @param value the value, in HubSpot's canonical form, when {@link State#KNOWN}
 */
public record Ancestor(State state, @Nullable String value) {

	private static final Ancestor NONE = new Ancestor(State.NONE, null);

	private static final Ancestor DIVERGED = new Ancestor(State.DIVERGED, null);

	/**
	 * Returns the ancestor of a field that has never been synced: a new link, a newly
	 * mapped field, or last-synced values that were lost or forgotten.
	 * @return the first-link ancestor
	 */
	public static Ancestor none() {
		return NONE;
	}

	/**
	 * Returns a known ancestor.
	 * @param value the last value both sides held
	 * @return the ancestor
	 */
	public static Ancestor of(String value) {
		return new Ancestor(State.KNOWN, value);
	}

	/**
	 * Returns the ancestor of a field both sides are known to have changed, though no
	 * single last-synced value tells it: a HubSpot edit our own write overwrote (HubSpot
	 * has no conditional write).
	 * @return the diverged ancestor
	 */
	public static Ancestor diverged() {
		return DIVERGED;
	}

	/**
	 * Returns an ancestor from a link's last-synced value.
	 * @param value the value, or {@code null} when the link has none for the field
	 * @return the ancestor
	 */
	public static Ancestor ofNullable(@Nullable String value) {
		return (value != null) ? of(value) : none();
	}

	/** Whether the ancestor is known. */
	public enum State {

		/** First link: no value was ever synced. */
		NONE,
		/** The last value both sides held. */
		KNOWN,
		/** Both sides changed since a value that is no longer known. */
		DIVERGED

	}

}
