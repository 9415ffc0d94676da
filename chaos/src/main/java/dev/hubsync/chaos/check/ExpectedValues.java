package dev.hubsync.chaos.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.hubsync.chaos.workload.FieldWrite;
import dev.hubsync.chaos.workload.Side;
import org.jspecify.annotations.Nullable;

/**
 * What a field may hold once converged, from the workload's writes to it: the value of
 * the latest acknowledged write (the sync's rule for a field both sides changed is
 * {@code LATEST_WINS}, and a change on one side only propagates under every rule), or any
 * value written within the ambiguity window before it (the platform's change time is its
 * transaction's start, which the sync sees as its commit), or a later write whose answer
 * was lost. A field never written holds nothing.
 */
final class ExpectedValues {

	private ExpectedValues() {
	}

	/**
	 * Applies the first link's rule to a record born on both sides: when the sync first
	 * saw the two records, a field only one of them held goes to the other side whatever
	 * its age (an empty value, never set or cleared, never wins on first link); it counts
	 * as a change made at the link. Writes after the link follow the usual rule.
	 * @param writes the field's writes
	 * @param linkedAt when the sync linked the two records
	 * @return the writes with the first link's outcome added
	 */
	static List<FieldWrite> atFirstLink(@Nullable List<FieldWrite> writes, Instant linkedAt) {
		if (writes == null) {
			return List.of();
		}
		String platform = null;
		String hubspot = null;
		for (FieldWrite write : writes.stream().sorted(Comparator.comparing(FieldWrite::at)).toList()) {
			if (write.certain() && !write.at().isAfter(linkedAt)) {
				if (write.side() == Side.PLATFORM) {
					platform = write.value();
				}
				else {
					hubspot = write.value();
				}
			}
		}
		List<FieldWrite> adjusted = new java.util.ArrayList<>(writes);
		if ((platform == null) != (hubspot == null)) {
			Side side = (platform != null) ? Side.PLATFORM : Side.HUBSPOT;
			adjusted.add(new FieldWrite(side, (platform != null) ? platform : hubspot, linkedAt, true, false));
		}
		return adjusted;
	}

	static Set<@Nullable String> of(@Nullable List<FieldWrite> writes, Duration ambiguity) {
		Set<@Nullable String> expected = new HashSet<>();
		if (writes == null || writes.isEmpty()) {
			expected.add(null);
			return expected;
		}
		List<FieldWrite> sorted = writes.stream().sorted(Comparator.comparing(FieldWrite::at)).toList();
		FieldWrite latest = null;
		for (FieldWrite write : sorted) {
			if (write.certain()) {
				latest = write;
			}
		}
		if (latest == null) {
			expected.add(null);
			sorted.forEach((write) -> expected.add(write.value()));
			return expected;
		}
		// a write may be the latest when the latest time the sync may see for it is not
		// before the earliest it may see for every acknowledged write (within the
		// ambiguity window)
		Instant newestEarliest = sorted.stream()
			.filter(FieldWrite::certain)
			.map(FieldWrite::earliest)
			.max(Comparator.naturalOrder())
			.orElse(latest.at());
		Instant from = ((newestEarliest.isAfter(latest.at())) ? newestEarliest : latest.at()).minus(ambiguity);
		for (FieldWrite write : sorted) {
			Instant until = write.latest().isAfter(write.at()) ? write.latest() : write.at();
			if (!until.isBefore(from) && (write.certain() || write.at().isAfter(latest.at()))) {
				expected.add(write.value());
			}
		}
		return expected;
	}

}
