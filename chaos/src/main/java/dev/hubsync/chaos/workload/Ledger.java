package dev.hubsync.chaos.workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workload's own record of what it did: every record it created and every write,
 * deletion, restore and merge, with the change time each side gave it. The checker holds
 * both sides to it.
 */
public final class Ledger {

	private final Map<Integer, Entity> entities = new ConcurrentHashMap<>();

	private final AtomicInteger nextId = new AtomicInteger(1);

	private final AtomicLong changes = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private final Map<String, AtomicLong> operations = new ConcurrentHashMap<>();

	Entity create(ObjectKind kind, Side side, String identityPrefix, Instant at) {
		int id = this.nextId.getAndIncrement();
		Entity entity = new Entity(id, kind, side, identityPrefix.replace("{n}", String.valueOf(id)), at);
		this.entities.put(id, entity);
		return entity;
	}

	void counted(String operation) {
		this.operations.computeIfAbsent(operation, (name) -> new AtomicLong()).incrementAndGet();
	}

	void changed(int count) {
		this.changes.addAndGet(count);
	}

	void failed() {
		this.failures.incrementAndGet();
	}

	/**
	 * Returns every record, by number.
	 * @return a copy
	 */
	public List<Entity> entities() {
		List<Entity> all = new ArrayList<>(this.entities.values());
		all.sort(java.util.Comparator.comparingInt(Entity::id));
		return all;
	}

	/**
	 * Returns one record.
	 * @param id its number
	 * @return the record, or {@code null}
	 */
	public Entity entity(int id) {
		return this.entities.get(id);
	}

	/**
	 * Returns how many changes (record creations, field writes, deletions, restores,
	 * association changes) the workload made on either side.
	 * @return the count
	 */
	public long changes() {
		return this.changes.get();
	}

	/**
	 * Returns how many operations failed (their writes are kept as uncertain).
	 * @return the count
	 */
	public long failures() {
		return this.failures.get();
	}

	/**
	 * Returns the count of each operation done.
	 * @return operation → count
	 */
	public Map<String, Long> operations() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		this.operations.forEach((name, count) -> counts.put(name, count.get()));
		return counts;
	}

}
