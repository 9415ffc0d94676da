package dev.hubsync.worker.outbound;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.result.SyncDirection;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.worker.store.Link;
import org.jspecify.annotations.Nullable;

/**
 * One object type's batch of row changes as it moves through the outbound direction's
 * steps: what each step found, and the results so far.
 */
final class OutboundBatch {

	final CompiledMapping mapping;

	final BiConsumer<Outgoing, Exception> deadLetter;

	private final Clock clock;

	HubSpotClient client;

	final Map<String, List<Outgoing>> changes = new LinkedHashMap<>();

	final Map<String, Outgoing> lastOf = new LinkedHashMap<>();

	final Map<String, Row> current = new LinkedHashMap<>();

	final Map<String, Link> linked = new LinkedHashMap<>();

	final Map<String, Link> restored = new LinkedHashMap<>();

	final Map<String, Row> creates = new LinkedHashMap<>();

	final Set<String> rematched = new LinkedHashSet<>();

	/**
	 * Deleted rows with a live link: merged before their record is archived, so that a
	 * HubSpot change made before the deletion reaches the row rather than being dropped
	 * with the record (one the inbound direction left to the row's change events, or
	 * handed over, or has not seen yet); a restore makes the record again from the row
	 * (chaos seed 7).
	 */
	final Set<String> archiving = new LinkedHashSet<>();

	/**
	 * Keys whose write HubSpot answered with their record not found, read again once; the
	 * writer's threads add to it.
	 */
	final Set<String> goneOnce = java.util.concurrent.ConcurrentHashMap.newKeySet();

	final List<Pair> lateMatches = new ArrayList<>();

	final List<Write> archives = new ArrayList<>();

	final List<OutboundAssociations.Item> associationWork = new ArrayList<>();

	final Set<String> linkedNow = new LinkedHashSet<>();

	/**
	 * Identities of changes whose associations are still to be written: processed once
	 * they are (an event counts as processed only when all of its effects are durable).
	 */
	final List<String> afterAssociations = new ArrayList<>();

	final List<SyncResult> outcomes = new ArrayList<>();

	OutboundBatch(CompiledMapping mapping, BiConsumer<Outgoing, Exception> deadLetter, Clock clock) {
		this.mapping = mapping;
		this.deadLetter = deadLetter;
		this.clock = clock;
	}

	/**
	 * Builds the result of a row's changes.
	 * @param outgoing its last change
	 * @param platformKey the row
	 * @param outcome what happened
	 * @return the result
	 */
	SyncResult result(Outgoing outgoing, @Nullable String platformKey, SyncOutcome outcome) {
		return new SyncResult(outgoing.change().key().toString(), SyncDirection.OUTBOUND, this.mapping.objectTypeId(),
				(platformKey != null) ? platformKey : outgoing.change().primaryKey(), null, outcome,
				outgoing.correlationId(), this.clock.instant());
	}

	/**
	 * Returns the newest LSN of a row's change events (snapshots carry none).
	 * @param changes the changes
	 * @return the LSN, or null for snapshots only
	 */
	static @Nullable Long lsn(List<Outgoing> changes) {
		return changes.stream()
			.filter((o) -> o.change().op() != ChangeOp.SNAPSHOT && o.change().lsn() > 0)
			.map((o) -> o.change().lsn())
			.max(Long::compare)
			.orElse(null);
	}

}
