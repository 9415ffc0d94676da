package dev.hubsync.hubspot.transport;

/**
 * Sees every HTTP exchange with HubSpot, for metrics. Must be cheap and never throw.
 */
@FunctionalInterface
public interface CallObserver {

	/** Sees nothing. */
	CallObserver NONE = (operation, status, nanos) -> {
	};

	/**
	 * Called after each attempt.
	 * @param operation the operation's name
	 * @param status the HTTP status, 0 when no response arrived
	 * @param nanos how long the exchange took
	 */
	void exchanged(String operation, int status, long nanos);

}
