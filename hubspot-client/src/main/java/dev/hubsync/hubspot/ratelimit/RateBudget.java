package dev.hubsync.hubspot.ratelimit;

import dev.hubsync.hubspot.error.HubSpotPauseException;

/**
 * Decides when a request may be sent. Every caller of one portal, in every process,
 * shares one budget, so the sum of their requests stays under HubSpot's limits.
 */
public interface RateBudget {

	/**
	 * Waits until a request may be sent, and counts it.
	 * @param kind the request's kind
	 * @param lane the caller's lane
	 * @throws InterruptedException when interrupted while waiting
	 * @throws HubSpotPauseException when the daily budget is spent
	 */
	void acquire(RequestKind kind, Lane lane) throws InterruptedException;

	/**
	 * Learns from a response's rate-limit headers: when HubSpot counts fewer requests
	 * left than the budget does (another app, another installation), the budget spends
	 * the difference.
	 * @param headers the headers
	 */
	void observe(RateLimitHeaders headers);

	/**
	 * Learns from a 429: the window is spent, whatever the budget thought.
	 * @param kind the request's kind
	 */
	void exhausted(RequestKind kind);

	/**
	 * Returns what is left.
	 * @return the snapshot
	 */
	BudgetSnapshot snapshot();

}
