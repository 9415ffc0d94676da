package dev.hubsync.worker.outbound;

import java.util.List;

import dev.hubsync.events.local.Row;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.worker.merge.LinkValues;
import dev.hubsync.worker.merge.MergePlan;
import dev.hubsync.worker.store.Link;
import org.jspecify.annotations.Nullable;

/**
 * A product row and its HubSpot record as the outbound direction merges them, through the
 * steps of one batch: matched or linked, read, merged, written, recorded.
 */
final class Pair {

	final String key;

	final List<Outgoing> changes;

	final Row row;

	/** The live link the pair was read with; null for a pair linked by this batch. */
	final @Nullable Link link;

	/** What matched an unlinked row ({@code email}, {@code hubsync_record_id}). */
	final @Nullable String matchedBy;

	HubSpotObject object;

	@Nullable MergePlan plan;

	/** HubSpot's answer to the write, when one was sent and accepted. */
	@Nullable HubSpotObject written;

	/** Whether HubSpot refused the write (the changes were dead-lettered). */
	boolean refused;

	/**
	 * Whether HubSpot answered the write that the record does not exist: archived or
	 * merged away after the batch read it. Nothing was written; the pair is read again.
	 */
	boolean gone;

	/**
	 * Whether the row's foreign keys are to be written as associations after recording.
	 */
	boolean associationsPending;

	/**
	 * Whether the row is deleted and its record is archived after this merge
	 * ({@link OutboundBatch#archiving}): HubSpot is not written, and the changes stay
	 * unprocessed, their position not recorded, until the archive is done.
	 */
	boolean archiving;

	Pair(String key, List<Outgoing> changes, Row row, @Nullable Link link, @Nullable String matchedBy,
			HubSpotObject object) {
		this.key = key;
		this.changes = changes;
		this.row = row;
		this.link = link;
		this.matchedBy = matchedBy;
		this.object = object;
	}

	long hubspotId() {
		return Long.parseLong(this.object.id());
	}

	LinkValues values() {
		return (this.link != null) ? this.link.values() : LinkValues.NONE;
	}

	Outgoing last() {
		return this.changes.get(this.changes.size() - 1);
	}

	/** The newest LSN of the pair's change events; null for snapshots only. */
	@Nullable Long lsn() {
		return OutboundBatch.lsn(this.changes);
	}

}
