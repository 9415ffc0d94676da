package dev.hubsync.events.local;

/**
 * How the sync marks its own platform transactions, so their changes are not sent back to
 * HubSpot (ARCHITECTURE §5). Every transaction the sync writes starts with
 * {@code SELECT pg_logical_emit_message(true, 'hubsync', <correlation id>)}; the
 * publisher sees that transactional logical decoding message in the same transaction and
 * flags the transaction's changes as sync-origin.
 */
public final class SyncOrigin {

	/** The prefix of the logical decoding message. */
	public static final String MESSAGE_PREFIX = "hubsync";

	/**
	 * The statement a sync transaction starts with; the parameter is the correlation id.
	 */
	public static final String MARKER_SQL = "SELECT pg_logical_emit_message(true, '" + MESSAGE_PREFIX + "', ?)";

	private SyncOrigin() {
	}

}
