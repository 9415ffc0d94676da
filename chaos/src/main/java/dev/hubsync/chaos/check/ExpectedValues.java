package dev.hubsync.chaos.check;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.hubsync.chaos.workload.FieldWrite;
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
		Instant from = latest.at().minus(ambiguity);
		for (FieldWrite write : sorted) {
			if (!write.at().isBefore(from) && (write.certain() || write.at().isAfter(latest.at()))) {
				expected.add(write.value());
			}
		}
		return expected;
	}

}
