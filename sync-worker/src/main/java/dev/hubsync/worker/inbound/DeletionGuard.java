package dev.hubsync.worker.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mass-deletion guard (ARCHITECTURE §8): counts deletions per object type in a
 * sliding window; from the threshold on, further deletions are parked for an operator
 * instead of applied. In memory per worker instance.
 */
public final class DeletionGuard {

	private final int threshold;

	private final Duration window;

	private final Clock clock;

	private final Map<String, Deque<Instant>> deletions = new ConcurrentHashMap<>();

	/**
	 * Creates a guard.
	 * @param threshold deletions per window that trip it (0 turns it off)
	 * @param window the window
	 * @param clock the clock
	 */
	public DeletionGuard(int threshold, Duration window, Clock clock) {
		this.threshold = threshold;
		this.window = window;
		this.clock = clock;
	}

	/**
	 * Asks to delete one record.
	 * @param objectTypeId the object type
	 * @return whether the deletion may be applied; false once the window holds the
	 * threshold
	 */
	public synchronized boolean allow(String objectTypeId) {
		if (this.threshold <= 0) {
			return true;
		}
		Instant now = this.clock.instant();
		Deque<Instant> recent = this.deletions.computeIfAbsent(objectTypeId, (type) -> new ArrayDeque<>());
		while (!recent.isEmpty() && recent.peekFirst().isBefore(now.minus(this.window))) {
			recent.pollFirst();
		}
		if (recent.size() >= this.threshold) {
			return false;
		}
		recent.addLast(now);
		return true;
	}

	/**
	 * Empties an object type's window (an operator released the guard).
	 * @param objectTypeId the object type
	 */
	public synchronized void reset(String objectTypeId) {
		this.deletions.remove(objectTypeId);
	}

	/**
	 * Returns the threshold.
	 * @return deletions per window
	 */
	public int threshold() {
		return this.threshold;
	}

	/**
	 * Tells how many deletions the window holds.
	 * @param objectTypeId the object type
	 * @return the count
	 */
	public synchronized int recent(String objectTypeId) {
		Deque<Instant> recent = this.deletions.get(objectTypeId);
		return (recent != null) ? recent.size() : 0;
	}

}
