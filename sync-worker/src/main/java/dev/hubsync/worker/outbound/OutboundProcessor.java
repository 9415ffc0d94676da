package dev.hubsync.worker.outbound;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.result.SyncDirection;
import dev.hubsync.events.result.SyncOutcome;
import dev.hubsync.events.result.SyncResult;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.properties.PropertyCreate;
import dev.hubsync.hubspot.properties.PropertyGroup;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.observability.WorkerMetrics;
import dev.hubsync.worker.results.ResultPublisher;
import dev.hubsync.worker.store.Pauses;
import dev.hubsync.worker.store.SyncState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * Platform to HubSpot, one batch at a time (ARCHITECTURE §4, §5, §7): skips the sync's
 * own transactions, changes that touch no mapped column and changes already applied,
 * parks what arrives for a paused object type, coalesces the rest per row and hands each
 * object type's rows to {@link OutboundMerge}, which matches, reads, merges and writes
 * them. Results and metrics per change.
 */
@Component
public class OutboundProcessor {

	private static final Logger logger = LoggerFactory.getLogger(OutboundProcessor.class);

	private static final String DIRECTION = "outbound";

	private final MappingRegistry registry;

	private final HubSpotClient hubspot;

	private final SyncState state;

	private final Pauses pauses;

	private final TransactionTemplate transactions;

	private final ResultPublisher results;

	private final WorkerMetrics metrics;

	private final WorkerProperties properties;

	private final Clock clock;

	private final Set<String> propertiesChecked = ConcurrentHashMap.newKeySet();

	private final OutboundMerge merge;

	OutboundProcessor(MappingRegistry registry, HubSpotClient hubspot, SyncState state, Pauses pauses,
			TransactionTemplate transactions, ResultPublisher results, WorkerMetrics metrics,
			WorkerProperties properties, OutboundMerge merge, Clock clock) {
		this.registry = registry;
		this.hubspot = hubspot;
		this.state = state;
		this.pauses = pauses;
		this.transactions = transactions;
		this.results = results;
		this.metrics = metrics;
		this.properties = properties;
		this.merge = merge;
		this.clock = clock;
	}

	/**
	 * Processes a batch.
	 * @param batch the changes, in offset order
	 * @param deadLetter receives changes that cannot be written, with the reason
	 */
	public void process(List<Outgoing> batch, BiConsumer<Outgoing, Exception> deadLetter) {
		Map<String, Outgoing> unique = new LinkedHashMap<>();
		for (Outgoing outgoing : batch) {
			unique.putIfAbsent(outgoing.identity(), outgoing);
		}
		Set<String> applied = this.state.processed(unique.keySet());
		List<SyncResult> outcomes = new ArrayList<>();
		List<String> settled = new ArrayList<>();
		Map<String, Map<String, List<Outgoing>>> byTypeAndKey = new LinkedHashMap<>();
		for (Outgoing outgoing : unique.values()) {
			if (applied.contains(outgoing.identity())) {
				continue;
			}
			var change = outgoing.change();
			CompiledMapping mapping = this.registry.forTable(change.table()).orElse(null);
			if (mapping == null) {
				settled.add(outgoing.identity());
				continue;
			}
			if (change.syncOrigin()) {
				settled.add(outgoing.identity());
				outcomes.add(result(outgoing, mapping.objectTypeId(), null,
						new SyncOutcome.Echo("sync-origin transaction")));
				continue;
			}
			if (change.op() == ChangeOp.UPDATE && !mapping.touchesHubSpot(change.before(), change.current())) {
				settled.add(outgoing.identity());
				continue;
			}
			if (this.pauses.paused(DIRECTION, mapping.objectTypeId())
					&& this.pauses.park(DIRECTION, mapping.objectTypeId(), outgoing.record())) {
				outcomes.add(result(outgoing, mapping.objectTypeId(), null,
						new SyncOutcome.Parked("outbound paused for this object type")));
				continue;
			}
			byTypeAndKey.computeIfAbsent(mapping.objectTypeId(), (t) -> new LinkedHashMap<>())
				.computeIfAbsent(change.primaryKey(), (k) -> new ArrayList<>())
				.add(outgoing);
		}
		if (!settled.isEmpty()) {
			this.transactions.executeWithoutResult((status) -> this.state.markProcessed(settled));
		}
		for (Map.Entry<String, Map<String, List<Outgoing>>> entry : byTypeAndKey.entrySet()) {
			CompiledMapping mapping = this.registry.get(entry.getKey()).orElseThrow();
			ensureProperties(mapping.objectTypeId());
			outcomes.addAll(this.merge.write(mapping, entry.getValue(), deadLetter));
		}
		if (!outcomes.isEmpty()) {
			this.results.publish(outcomes);
			Instant now = this.clock.instant();
			for (SyncResult outcome : outcomes) {
				this.metrics.outcome(DIRECTION, outcome.objectTypeId(), outcome.outcome().getClass().getSimpleName());
			}
			for (Outgoing outgoing : unique.values()) {
				if (!applied.contains(outgoing.identity())) {
					this.metrics.latency(DIRECTION, outgoing.change().commitTime(), now);
				}
			}
		}
	}

	private void ensureProperties(String objectTypeId) {
		if (this.propertiesChecked.contains(objectTypeId)) {
			return;
		}
		String type = ObjectTypes.pathName(objectTypeId);
		if (this.properties.outbound().createProperties()) {
			this.hubspot.properties().ensureGroup(type, new PropertyGroup("hubsync", "HubSync", null));
			this.hubspot.properties()
				.ensure(type, PropertyCreate.text(RECORD_ID, "HubSync record id", "hubsync", true));
			this.hubspot.properties()
				.ensure(type, PropertyCreate.text(SOURCE_SYSTEM, "HubSync source system", "hubsync", false));
		}
		else {
			for (String name : List.of(RECORD_ID, SOURCE_SYSTEM)) {
				if (this.hubspot.properties().get(type, name).isEmpty()) {
					throw new IllegalStateException("HubSpot has no property " + name + " on " + type
							+ " and hubsync.worker.outbound.create-properties is false: create it (mapping service:"
							+ " POST /api/hubspot/properties) or allow the worker to");
				}
			}
		}
		this.propertiesChecked.add(objectTypeId);
		logger.info("HubSpot properties {} and {} exist on {}", RECORD_ID, SOURCE_SYSTEM, type);
	}

	private SyncResult result(Outgoing outgoing, String objectTypeId, @Nullable String platformKey,
			SyncOutcome outcome) {
		return new SyncResult(outgoing.change().key().toString(), SyncDirection.OUTBOUND, objectTypeId,
				(platformKey != null) ? platformKey : outgoing.change().primaryKey(), null, outcome,
				outgoing.correlationId(), this.clock.instant());
	}

}
