package dev.hubsync.chaos.faults;

import java.time.Duration;
import java.util.EnumSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FaultPlanTests {

	@Test
	void aSeedAlwaysDrawsTheSamePlan() {
		FaultPlan first = FaultPlan.draw(42, Duration.ofMinutes(1), EnumSet.allOf(FaultKind.class), 2,
				Duration.ofSeconds(2), Duration.ofSeconds(4));
		FaultPlan again = FaultPlan.draw(42, Duration.ofMinutes(1), EnumSet.allOf(FaultKind.class), 2,
				Duration.ofSeconds(2), Duration.ofSeconds(4));
		FaultPlan other = FaultPlan.draw(43, Duration.ofMinutes(1), EnumSet.allOf(FaultKind.class), 2,
				Duration.ofSeconds(2), Duration.ofSeconds(4));
		assertThat(again).isEqualTo(first);
		assertThat(other).isNotEqualTo(first);
	}

	@Test
	void everyKindRunsOncePerCycleInsideTheWindowInStartOrder() {
		FaultPlan plan = FaultPlan.draw(7, Duration.ofMinutes(2), EnumSet.allOf(FaultKind.class), 3,
				Duration.ofSeconds(2), Duration.ofSeconds(4));
		assertThat(plan.faults()).hasSize(3 * FaultKind.values().length);
		for (FaultKind kind : FaultKind.values()) {
			assertThat(plan.faults()).filteredOn((fault) -> fault.kind() == kind).hasSize(3);
		}
		assertThat(plan.faults()).allSatisfy((fault) -> {
			assertThat(fault.offset()).isLessThan(Duration.ofMinutes(2));
			assertThat(fault.length()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
		});
		assertThat(plan.faults()).isSortedAccordingTo((a, b) -> a.offset().compareTo(b.offset()));
	}

}
