package dev.hubsync.chaos.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.hubsync.chaos.workload.Entity;
import dev.hubsync.chaos.workload.FieldWrite;
import dev.hubsync.chaos.workload.Side;
import org.jspecify.annotations.Nullable;

/**
 * Per-record ordering, from the sync log: in each direction, the values the sync applied
 * to a field must follow the order the source side wrote them in. Each applied value is
 * matched to the earliest write of it at or after the previous match; a value that only
 * an earlier write had is an older value applied after a newer one.
 */
public final class OrderingCheck {

	private OrderingCheck() {
	}

	/**
	 * Finds the first out-of-order application of a field in one direction.
	 * @param writes the workload's writes of the field
	 * @param applied the sync's applications of the field, in log order
	 * @param direction {@code inbound} (HubSpot's writes applied to the platform) or
	 * {@code outbound}
	 * @return what went out of order, or {@code null}
	 */
	public static @Nullable String firstOutOfOrder(List<FieldWrite> writes, List<SnapshotReader.Applied> applied,
			String direction) {
		Side source = "inbound".equals(direction) ? Side.HUBSPOT : Side.PLATFORM;
		List<FieldWrite> written = writes.stream()
			.filter((write) -> write.side() == source)
			.sorted(Comparator.comparing(FieldWrite::at))
			.toList();
		int position = 0;
		List<String> seen = new ArrayList<>();
		for (SnapshotReader.Applied one : applied) {
			if (!direction.equals(one.direction())) {
				continue;
			}
			int found = indexOf(written, one.value(), position);
			if (found >= 0) {
				position = found;
				seen.add(InvariantChecker.quote(one.value()));
				continue;
			}
			if (indexOf(written, one.value(), 0) >= 0
					&& !writtenBy(writes, (source == Side.HUBSPOT) ? Side.PLATFORM : Side.HUBSPOT, one.value())) {
				return direction + " applied " + InvariantChecker.quote(one.value()) + " (log line " + one.id()
						+ ") after " + seen.get(seen.size() - 1) + ", which the "
						+ source.name().toLowerCase(java.util.Locale.ROOT) + " side wrote later";
			}
		}
		return null;
	}

	/**
	 * Tells whether the other side wrote a value too: the sync may carry it across in
	 * either direction (a HubSpot edit its own write covered, recovered and written back
	 * to HubSpot through the product), so its place in one side's order says nothing.
	 */
	private static boolean writtenBy(List<FieldWrite> writes, Side side, @Nullable String value) {
		return writes.stream().anyMatch((write) -> write.side() == side && Objects.equals(write.value(), value));
	}

	private static int indexOf(List<FieldWrite> written, @Nullable String value, int from) {
		for (int i = from; i < written.size(); i++) {
			if (Objects.equals(written.get(i).value(), value)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Checks every field of a record in both directions.
	 * @param entity the record
	 * @param reader the sync log's reader
	 * @param platformKey its platform key
	 * @param hubspotIds its HubSpot ids
	 * @return the violations
	 */
	public static List<Violation> check(Entity entity, SnapshotReader reader, String platformKey,
			List<String> hubspotIds) {
		List<Violation> violations = new ArrayList<>();
		entity.writes().forEach((field, writes) -> {
			if (!entity.kind().columns().containsKey(field)) {
				return;
			}
			List<SnapshotReader.Applied> applied = reader.applied(entity.kind().objectTypeId(), platformKey, hubspotIds,
					field);
			for (String direction : List.of("inbound", "outbound")) {
				String problem = firstOutOfOrder(writes, applied, direction);
				if (problem != null) {
					violations.add(Violation.of(Invariant.ORDER_HELD, entity.label(), field + ": " + problem,
							entity.kind().objectTypeId(), platformKey,
							hubspotIds.isEmpty() ? null : hubspotIds.get(0)));
				}
			}
		});
		return violations;
	}

}
