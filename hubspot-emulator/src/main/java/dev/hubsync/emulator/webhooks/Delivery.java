package dev.hubsync.emulator.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One webhook request and its attempts.
 */
public final class Delivery {

	private final long id;

	private final List<Map<String, Object>> events;

	private final List<Attempt> attempts = new ArrayList<>();

	private volatile State state = State.PENDING;

	private volatile Instant dueAt;

	/**
	 * Creates a delivery.
	 * @param id its id
	 * @param events its events
	 * @param dueAt when its first attempt is due
	 */
	public Delivery(long id, List<Map<String, Object>> events, Instant dueAt) {
		this.id = id;
		this.events = List.copyOf(events);
		this.dueAt = dueAt;
	}

	/**
	 * Returns its id.
	 * @return the id
	 */
	public long id() {
		return this.id;
	}

	/**
	 * Returns its events, without attempt numbers.
	 * @return the events
	 */
	public List<Map<String, Object>> events() {
		return this.events;
	}

	/**
	 * Returns the number of attempts made.
	 * @return the count
	 */
	public synchronized int attemptCount() {
		return this.attempts.size();
	}

	/**
	 * Returns the attempts made.
	 * @return a copy
	 */
	public synchronized List<Attempt> attempts() {
		return List.copyOf(this.attempts);
	}

	synchronized void record(Attempt attempt) {
		this.attempts.add(attempt);
	}

	/**
	 * Returns the state.
	 * @return the state
	 */
	public State state() {
		return this.state;
	}

	void state(State newState) {
		this.state = newState;
	}

	/**
	 * Returns when the next attempt is due.
	 * @return the instant
	 */
	public Instant dueAt() {
		return this.dueAt;
	}

	void dueAt(Instant at) {
		this.dueAt = at;
	}

	/** Where a delivery is. */
	public enum State {

		/** Waiting for an attempt. */
		PENDING,

		/** Answered 2xx. */
		DELIVERED,

		/** Every retry failed; the events are lost, as HubSpot loses them. */
		FAILED,

		/** Lost on purpose by an injected fault. */
		DROPPED

	}

	/**
	 * One attempt.
	 *
	 * @param at when it was sent
	 * @param attemptNumber HubSpot's {@code attemptNumber}, from 0
	 * @param status the receiver's status, 0 without an answer
	 * @param error what went wrong, if anything
	 * @param millis how long it took
	 */
	public record Attempt(Instant at, int attemptNumber, int status, @Nullable String error, long millis) {
	}

}
