package dev.hubsync.events.local;

import java.time.Instant;
import java.util.Objects;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventIdentity;
import org.jspecify.annotations.Nullable;

/**
 * The value of {@link dev.hubsync.events.Topics#LOCAL_CHANGES}: one platform row change.
 * Events are triggers: consumers read the current row and use these images to decide
 * whether a mapped column changed at all.
 *
 * @param table the table's name
 * @param primaryKey the row's key as text (see {@link LocalRecordKey})
 * @param op what happened
 * @param before the row before the change: full with {@code REPLICA IDENTITY FULL}, else
 * the key only; {@code null} for creates and snapshot reads
 * @param after the row after the change; {@code null} for deletes
 * @param txId the PostgreSQL transaction id
 * @param lsn the change's log sequence number; orders changes of one row
 * @param commitTime when the transaction committed
 * @param syncOrigin whether HubSync itself wrote this change (loop prevention,
 * ARCHITECTURE §5)
 * @param correlationId for sync-origin changes, the correlation id of the sync's write
 */
public record LocalChange(String table, String primaryKey, ChangeOp op, @Nullable Row before, @Nullable Row after,
		long txId, long lsn, Instant commitTime, boolean syncOrigin, @Nullable String correlationId) {

	/**
	 * Checks that the images fit the operation.
	 * @param table the table
	 * @param primaryKey the key
	 * @param op the operation
	 * @param before the before image
	 * @param after the after image
	 * @param txId the transaction id
	 * @param lsn the LSN
	 * @param commitTime the commit time
	 * @param syncOrigin the sync-origin flag
	 * @param correlationId the correlation id
	 */
	public LocalChange {
		new LocalRecordKey(table, primaryKey);
		if (after == null && op != ChangeOp.DELETE) {
			throw EventFormatException.missing("after");
		}
		if (before == null && op == ChangeOp.DELETE) {
			throw EventFormatException.missing("before");
		}
	}

	/**
	 * Returns the Kafka key.
	 * @return {@code {table}:{primaryKey}}
	 */
	public LocalRecordKey key() {
		return new LocalRecordKey(this.table, this.primaryKey);
	}

	/**
	 * Returns the deduplication identity.
	 * @return (table, key, LSN)
	 */
	public EventIdentity identity() {
		return new EventIdentity.LocalChange(this.table, this.primaryKey, this.lsn);
	}

	/**
	 * Returns the newest image: {@code after}, or {@code before} for deletes.
	 * @return the image
	 */
	public Row current() {
		return (this.after != null) ? this.after : Objects.requireNonNull(this.before);
	}

}
