package dev.hubsync.worker.admin;

import java.util.List;

import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.mapping.MappingInForce;
import dev.hubsync.worker.store.Pauses;
import dev.hubsync.worker.store.SyncState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The operator-visible state as gauges, read at each scrape:
 * {@code hubsync.worker.paused{direction,object_type}} (1 while paused) and
 * {@code hubsync.worker.guard.parked{object_type}} (deletions the mass-deletion guard
 * holds back) and {@code hubsync.worker.reviews.open{kind}} (what waits for a person:
 * rows sharing an email, MANUAL conflicts, fuzzy proposals, values refused by the other
 * side).
 */
@Component
class StateMetrics implements MeterBinder {

	private final Pauses pauses;

	private final SyncState state;

	private final MappingRegistry mappings;

	private volatile @Nullable MeterRegistry meters;

	StateMetrics(Pauses pauses, SyncState state, MappingRegistry mappings) {
		this.pauses = pauses;
		this.state = state;
		this.mappings = mappings;
	}

	@Override
	public void bindTo(MeterRegistry meters) {
		this.meters = meters;
		for (CompiledMapping mapping : this.mappings.all()) {
			bindType(meters, mapping.objectTypeId());
		}
		for (String kind : SyncState.FOR_A_PERSON) {
			Gauge.builder("hubsync.worker.reviews.open", this, (m) -> m.state.openReviews().getOrDefault(kind, 0L))
				.description("Open reviews by kind: records or values set aside for a person")
				.tag("kind", kind)
				.register(meters);
		}
	}

	/**
	 * Registers the gauges of an object type once its mapping is in force (registering
	 * again is a no-op), so a new object type needs no code here.
	 * @param mapping the mapping now in force
	 */
	@EventListener
	void bindType(MappingInForce mapping) {
		MeterRegistry registry = this.meters;
		if (registry != null) {
			bindType(registry, mapping.objectTypeId());
		}
	}

	private void bindType(MeterRegistry meters, String type) {
		for (String direction : List.of("inbound", "outbound")) {
			Gauge.builder("hubsync.worker.paused", this, (m) -> m.paused(direction, type))
				.description("1 while a direction is paused for an object type")
				.tag("direction", direction)
				.tag("object_type", ObjectTypes.pathName(type))
				.register(meters);
		}
		Gauge.builder("hubsync.worker.guard.parked", this, (m) -> m.parked(type))
			.description("Deletions the mass-deletion guard holds back until released")
			.tag("object_type", ObjectTypes.pathName(type))
			.register(meters);
	}

	private double paused(String direction, String type) {
		return this.pauses.all().getOrDefault(direction, List.of()).contains(type) ? 1 : 0;
	}

	private double parked(String type) {
		boolean mapped = this.mappings.all().stream().map(CompiledMapping::objectTypeId).anyMatch(type::equals);
		return mapped ? this.state.openDeletions(type).size() : 0;
	}

}
