package dev.hubsync.publisher.capture;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Remembers the transactions that began with the sync's marker message (ARCHITECTURE §5),
 * so their row changes, which follow the marker in the same transaction, are flagged.
 * Bounded: only the most recent transactions are kept, and a transaction's changes follow
 * its marker closely.
 */
final class SyncOriginTracker {

	private static final int CAPACITY = 10_000;

	private final Map<Long, String> transactions = new LinkedHashMap<>(256, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
			return size() > CAPACITY;
		}

	};

	synchronized void marked(long txId, String correlationId) {
		this.transactions.put(txId, correlationId);
	}

	/**
	 * Returns the correlation id of a sync-origin transaction.
	 * @param txId the transaction
	 * @return the sync's correlation id, or {@code null} when the transaction is not the
	 * sync's
	 */
	synchronized @Nullable String correlationOf(long txId) {
		return this.transactions.get(txId);
	}

}
