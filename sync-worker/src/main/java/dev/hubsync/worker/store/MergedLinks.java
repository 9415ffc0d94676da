package dev.hubsync.worker.store;

import java.util.Optional;

import dev.hubsync.worker.store.SyncState.LogEntry;

import org.springframework.stereotype.Component;

/**
 * Follows a HubSpot merge with the links: the link of a record merged away moves to the
 * surviving record, or, when the survivor is linked to another row already, is archived
 * and the two rows are parked for a person to review (ARCHITECTURE §8). Both directions
 * meet merges: the inbound direction through the merge event, the outbound direction when
 * the record it is about to write resolves to another id before that event applied. Runs
 * in the caller's transaction (it locks both links).
 */
@Component
public class MergedLinks {

	private final LinkStore links;

	private final SyncState state;

	MergedLinks(LinkStore links, SyncState state) {
		this.links = links;
		this.state = state;
	}

	/**
	 * Moves the link of a record merged away to its survivor.
	 * @param direction the direction that saw the merge, for the sync log
	 * @param objectTypeId the object type
	 * @param from the id merged away
	 * @param to the surviving id
	 * @param correlationId the change that saw the merge
	 * @return what happened
	 */
	public Repointed repoint(String direction, String objectTypeId, long from, long to, String correlationId) {
		Optional<Link> absorbed = this.links.lockByHubSpotId(objectTypeId, from);
		if (absorbed.isEmpty() || absorbed.get().archived()) {
			return new Repointed(false, from + " was not linked");
		}
		Optional<Link> survivor = this.links.lockByHubSpotId(objectTypeId, to);
		if (survivor.isPresent() && survivor.get().archived()) {
			// the survivor's old link stands for a pair that ended: the live link moves
			// in
			this.links.delete(objectTypeId, to);
			survivor = Optional.empty();
		}
		if (survivor.isPresent()) {
			this.state.review("merge", objectTypeId, absorbed.get().platformKey(), from, null,
					absorbed.get().platformKey(), survivor.get().platformKey(),
					"HubSpot merged two linked records into " + to + "; platform rows " + absorbed.get().platformKey()
							+ " and " + survivor.get().platformKey() + " both stand for it");
			this.links.archive(objectTypeId, from, true);
			return new Repointed(true, from + " parked for review (merged into linked " + to + ")");
		}
		this.links.repoint(objectTypeId, from, to);
		this.state.log(new LogEntry(direction, objectTypeId, absorbed.get().platformKey(), to, correlationId, "merged",
				null, null, null, null, null, "link moved from " + from + " to " + to));
		return new Repointed(false, from + " re-linked to " + to);
	}

	/**
	 * What a re-pointing did.
	 *
	 * @param parked whether the survivor stood for another row: the link is archived and
	 * both rows are in a {@code merge} review
	 * @param outcome what happened, for the sync log and the result
	 */
	public record Repointed(boolean parked, String outcome) {

	}

}
