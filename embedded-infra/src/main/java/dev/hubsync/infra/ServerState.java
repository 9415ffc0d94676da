package dev.hubsync.infra;

/**
 * The lifecycle of an embedded server. {@code NEW → RUNNING ⇄ STOPPED → CLOSED}; a failed
 * start leaves it {@code STOPPED} and rethrows. Only {@code RUNNING} serves clients.
 */
public enum ServerState {

	/** Configured, never started. */
	NEW,

	/** Serving clients. */
	RUNNING,

	/** Stopped; its data is kept and it can start again. */
	STOPPED,

	/** Stopped for good; a temporary data directory is deleted. */
	CLOSED

}
