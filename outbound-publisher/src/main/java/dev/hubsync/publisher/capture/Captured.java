package dev.hubsync.publisher.capture;

import dev.hubsync.events.local.LocalChange;

/** What one Debezium record is to the publisher. */
sealed interface Captured {

	/**
	 * A row change to publish.
	 *
	 * @param change the change
	 */
	record Change(LocalChange change) implements Captured {
	}

	/**
	 * The sync's marker at the start of its transaction.
	 *
	 * @param txId the transaction
	 * @param correlationId the sync's correlation id
	 */
	record Marker(long txId, String correlationId) implements Captured {
	}

	/** Nothing to publish: a heartbeat, a tombstone, another prefix's message. */
	record Skip() implements Captured {
	}

}
