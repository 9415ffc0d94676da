package dev.hubsync.emulator.storage;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Where state changes are recorded. Entries are last-write-wins per key, so replaying
 * them in order rebuilds the state.
 */
public interface Journal extends AutoCloseable {

	/** A journal that keeps nothing (in-memory mode). */
	Journal NONE = new Journal() {

		@Override
		public void append(Entry entry) {
		}

		@Override
		public List<Entry> replay() {
			return List.of();
		}

		@Override
		public void rewrite(List<Entry> state) {
		}

		@Override
		public void close() {
		}

	};

	/**
	 * Records a change; returns once it survives the process being killed.
	 * @param entry the change
	 */
	void append(Entry entry);

	/**
	 * Reads every recorded change, oldest first.
	 * @return the entries
	 */
	List<Entry> replay();

	/**
	 * Replaces the journal with entries describing the current state (compaction).
	 * @param state the current state
	 */
	void rewrite(List<Entry> state);

	@Override
	void close();

	/**
	 * One change.
	 *
	 * @param kind what changed: {@code object}, {@code object-deleted},
	 * {@code association}, {@code property}, {@code group}, {@code delivery},
	 * {@code delivery-done}, {@code webhook-settings}
	 * @param type the object type it concerns, if any
	 * @param data the changed state
	 */
	record Entry(String kind, @Nullable String type, Object data) {

		/**
		 * A property definition.
		 * @param type the object type
		 * @param def the definition (the schema's {@code PropertyDef})
		 * @return the entry
		 */
		public static Entry property(String type, Object def) {
			return new Entry("property", type, def);
		}

		/**
		 * A property group.
		 * @param type the object type
		 * @param name the group
		 * @param label its label
		 * @return the entry
		 */
		public static Entry group(String type, String name, String label) {
			return new Entry("group", type, Map.of("name", name, "label", label));
		}

	}

}
