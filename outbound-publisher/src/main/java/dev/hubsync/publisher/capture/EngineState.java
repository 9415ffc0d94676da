package dev.hubsync.publisher.capture;

/**
 * Where the capture is. {@code STANDBY → STARTING → RUNNING}; a failed or lost engine
 * goes back to {@code STANDBY} after a back-off; {@code STOPPED} is final.
 */
public enum EngineState {

	/**
	 * Waiting for the slot's lock: another publisher is active, or this one is about to
	 * retry.
	 */
	STANDBY,

	/** Holding the lock; the engine is starting (and may be snapshotting). */
	STARTING,

	/** Streaming changes. */
	RUNNING,

	/** Shut down. */
	STOPPED

}
