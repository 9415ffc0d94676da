package dev.hubsync.worker.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.local.Row;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.inbound.DeletionGuard;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.store.SyncState.LogEntry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Releases the product-side deletions the mass-deletion guard parked: each is confirmed
 * first (a row restored meanwhile keeps its record), then its HubSpot record is archived.
 */
@Component
public class ProductDeletions {

	private final MappingRegistry registry;

	private final HubSpotClient hubspot;

	private final LinkStore links;

	private final PlatformRows rows;

	private final SyncState state;

	private final TransactionTemplate transactions;

	private final DeletionGuard guard;

	ProductDeletions(MappingRegistry registry, HubSpotClient hubspot, LinkStore links, PlatformRows rows,
			SyncState state, TransactionTemplate transactions, DeletionGuard guard) {
		this.registry = registry;
		this.hubspot = hubspot;
		this.links = links;
		this.rows = rows;
		this.state = state;
		this.transactions = transactions;
		this.guard = guard;
	}

	/**
	 * Archives the records of the product deletions the guard parked for an object type,
	 * and resets its window.
	 * @param objectTypeId the object type
	 * @param by who released them (the admin key's name, for the audit trail)
	 * @return how many records were archived
	 */
	public int release(String objectTypeId, String by) {
		CompiledMapping mapping = this.registry.get(objectTypeId)
			.orElseThrow(() -> new IllegalArgumentException("no mapping for " + objectTypeId));
		MappingConfig config = mapping.config();
		this.guard.reset(OutboundSettlements.PRODUCT + objectTypeId);
		Map<Long, String> parked = this.state.openDeletionsByKind(objectTypeId)
			.getOrDefault(SyncState.PRODUCT_DELETION, Map.of());
		Map<String, Row> current = this.rows.read(config, parked.values());
		List<Long> archive = new ArrayList<>();
		parked.forEach((hubspotId, key) -> {
			Row row = current.get(key);
			if (row == null || PlatformRows.archived(config, row)) {
				archive.add(hubspotId);
			}
		});
		if (!archive.isEmpty()) {
			this.hubspot.batch()
				.archive(ObjectTypes.pathName(objectTypeId), archive.stream().map(String::valueOf).toList());
		}
		Set<Long> archived = Set.copyOf(archive);
		this.transactions.executeWithoutResult((status) -> {
			for (Map.Entry<Long, String> entry : parked.entrySet()) {
				if (archived.contains(entry.getKey())) {
					Optional<Link> link = this.links.lockByHubSpotId(objectTypeId, entry.getKey());
					if (link.isPresent()) {
						this.links.archive(objectTypeId, entry.getKey(), true);
					}
					this.state
						.log(new LogEntry(OutboundRecorder.DIRECTION, objectTypeId, entry.getValue(), entry.getKey(),
								null, "archived", null, null, null, null, null, "released from the deletion guard"));
					this.state.closeRefusalsOfDeleted(objectTypeId, entry.getValue());
				}
			}
			this.state.resolveDeletions(objectTypeId, SyncState.PRODUCT_DELETION, by);
		});
		return archive.size();
	}

}
