package dev.hubsync.emulator.requestlog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/** The most recent API requests, oldest first, up to a capacity. */
public final class RequestLog {

	private final int capacity;

	private final Deque<Entry> entries = new ArrayDeque<>();

	private final AtomicLong sequence = new AtomicLong();

	/**
	 * Creates a log.
	 * @param capacity how many requests it keeps
	 */
	public RequestLog(int capacity) {
		this.capacity = capacity;
	}

	synchronized void add(Instant at, String method, String path, @Nullable String query, int status,
			@Nullable String caller, long millis) {
		this.entries
			.addLast(new Entry(this.sequence.incrementAndGet(), at, method, path, query, status, caller, millis));
		while (this.entries.size() > this.capacity) {
			this.entries.pollFirst();
		}
	}

	/**
	 * Returns the requests that match.
	 * @param filter the filter
	 * @return the requests, oldest first
	 */
	public synchronized List<Entry> find(Predicate<Entry> filter) {
		List<Entry> found = new ArrayList<>();
		for (Entry entry : this.entries) {
			if (filter.test(entry)) {
				found.add(entry);
			}
		}
		return found;
	}

	/** Forgets every request. */
	public synchronized void clear() {
		this.entries.clear();
	}

	/**
	 * One request.
	 *
	 * @param seq its sequence number, increasing
	 * @param at when it arrived
	 * @param method the method
	 * @param path the path
	 * @param query the query string
	 * @param status the answer's status
	 * @param caller the token's caller ({@code user:1}, {@code app:4242}), or
	 * {@code null}
	 * @param millis how long it took
	 */
	public record Entry(long seq, Instant at, String method, String path, @Nullable String query, int status,
			@Nullable String caller, long millis) {
	}

}
