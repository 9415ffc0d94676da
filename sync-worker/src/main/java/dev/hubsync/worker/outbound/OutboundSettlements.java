package dev.hubsync.worker.outbound;

import java.util.ArrayList;
import java.util.List;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.worker.inbound.DeletionGuard;
import dev.hubsync.worker.matching.RowMatch;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbound direction's outcomes that write no field values: changes settled as they
 * are, duplicates set aside for review, rows deleted with SQL unlinked, deleted or
 * archived rows archiving their record. Each in a transaction with its changes'
 * identities.
 */
@Component
class OutboundSettlements {

	private static final String DIRECTION = OutboundRecorder.DIRECTION;

	/** The guard's window of product-side deletions of an object type. */
	static final String PRODUCT = "product:";

	private final LinkStore links;

	private final SyncState state;

	private final TransactionTemplate transactions;

	private final DeletionGuard guard;

	OutboundSettlements(LinkStore links, SyncState state, TransactionTemplate transactions, DeletionGuard guard) {
		this.links = links;
		this.state = state;
		this.transactions = transactions;
		this.guard = guard;
	}

	void duplicate(OutboundBatch batch, String key, List<Outgoing> changes, RowMatch match) {
		String objectTypeId = batch.mapping.objectTypeId();
		Outgoing last = changes.get(changes.size() - 1);
		batch.outcomes.add(this.transactions.execute((status) -> {
			boolean apart = match.hubspotId() != null && this.state.keptApart(objectTypeId, key, match.hubspotId());
			boolean opened = !apart
					&& this.state.openReview(SyncState.DUPLICATE_EMAIL, objectTypeId, key, match.hubspotId(), "email",
							match.value(), match.otherValue(), "shares its match key with another row: " + match.by()
									+ "; link this one instead, or keep them apart");
			if (opened) {
				this.state.log(new LogEntry(DIRECTION, objectTypeId, key, match.hubspotId(), last.correlationId(),
						"parked", "email", match.value(), match.otherValue(), null, null, "duplicate: " + match.by()));
			}
			this.state.markProcessed(changes.stream().map(Outgoing::identity).toList());
			return batch.result(last, key, new SyncOutcome.Parked("duplicate: " + match.by()));
		}));
	}

	void archive(OutboundBatch batch) {
		if (batch.archives.isEmpty()) {
			return;
		}
		String objectTypeId = batch.mapping.objectTypeId();
		// product-side deletions count against the mass-deletion guard too: beyond its
		// limit they are parked for an operator, records untouched
		List<Write> allowed = new ArrayList<>();
		for (Write write : batch.archives) {
			if (this.guard.allow(PRODUCT + objectTypeId)) {
				allowed.add(write);
			}
			else {
				park(batch, write);
			}
		}
		if (allowed.isEmpty()) {
			return;
		}
		batch.client.batch()
			.archive(ObjectTypes.pathName(objectTypeId),
					allowed.stream().map((w) -> String.valueOf(w.hubspotId())).toList());
		for (Write write : allowed) {
			Outgoing last = write.changes().get(write.changes().size() - 1);
			batch.outcomes.add(this.transactions.execute((status) -> {
				this.links.archive(objectTypeId, write.hubspotId(), true);
				Long lsn = OutboundBatch.lsn(write.changes());
				if (lsn != null) {
					this.links.advancePlatform(objectTypeId, write.key(), lsn);
				}
				this.state.log(new LogEntry(DIRECTION, objectTypeId, write.key(), write.hubspotId(),
						last.correlationId(), "archived", null, null, null, null, null, null));
				this.state.closeRefusalsOfDeleted(objectTypeId, write.key());
				this.state.markProcessed(write.changes().stream().map(Outgoing::identity).toList());
				return batch.result(last, write.key(), new SyncOutcome.Applied(List.of("archived"), false));
			}));
		}
	}

	private void park(OutboundBatch batch, Write write) {
		String objectTypeId = batch.mapping.objectTypeId();
		Outgoing last = write.changes().get(write.changes().size() - 1);
		batch.outcomes.add(this.transactions.execute((status) -> {
			this.state.review(SyncState.PRODUCT_DELETION, objectTypeId, write.key(), write.hubspotId(), null, null,
					null, "mass-deletion guard: more product deletions of " + ObjectTypes.pathName(objectTypeId)
							+ " than allowed in the window; archive the record by hand or release");
			this.state.log(new LogEntry(DIRECTION, objectTypeId, write.key(), write.hubspotId(), last.correlationId(),
					"parked", null, null, null, null, null, "deletion guard"));
			this.state.markProcessed(write.changes().stream().map(Outgoing::identity).toList());
			return batch.result(last, write.key(), new SyncOutcome.Parked("mass-deletion guard"));
		}));
	}

	void unlink(OutboundBatch batch, String key, List<Outgoing> changes, Link link) {
		String objectTypeId = batch.mapping.objectTypeId();
		Outgoing last = changes.get(changes.size() - 1);
		batch.outcomes.add(this.transactions.execute((status) -> {
			this.links.delete(objectTypeId, link.hubspotId());
			this.state.log(new LogEntry(DIRECTION, objectTypeId, key, link.hubspotId(), last.correlationId(),
					"unlinked", null, null, null, null, null,
					"row deleted; HubSpot record kept (hubsync.worker.outbound.archive-on-delete=false)"));
			this.state.markProcessed(changes.stream().map(Outgoing::identity).toList());
			return batch.result(last, key, new SyncOutcome.Unchanged("row deleted, record kept"));
		}));
	}

	void settle(OutboundBatch batch, List<Outgoing> changes, String key, SyncOutcome outcome) {
		Outgoing last = changes.get(changes.size() - 1);
		this.transactions.executeWithoutResult(
				(status) -> this.state.markProcessed(changes.stream().map(Outgoing::identity).toList()));
		batch.outcomes.add(batch.result(last, key, outcome));
	}

	/**
	 * Records change identities as processed.
	 * @param identities the identities
	 */
	void processed(List<String> identities) {
		this.transactions.executeWithoutResult((status) -> this.state.markProcessed(identities));
	}

}
