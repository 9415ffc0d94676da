package dev.hubsync.chaos.report;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.hubsync.chaos.check.Invariant;
import dev.hubsync.chaos.check.Violation;
import dev.hubsync.chaos.run.Profile;
import dev.hubsync.chaos.run.RunResult;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTests {

	private static final String REPLAY = "java -jar chaos/target/chaos.jar --profile short --seed 42";

	@Test
	void theHeadlineNamesTheConvergenceTime() {
		RunResult passed = result(Duration.ofMillis(12_345), List.of());
		assertThat(Report.headline(passed))
			.isEqualTo("HubSync chaos short (seed 42): convergence 12.3 s after the last fault, every invariant holds");
		assertThat(Report.lines(passed, REPLAY)).contains("invariants: all hold")
			.last()
			.asString()
			.startsWith("PASSED");
	}

	@Test
	void eachViolationIsPrintedWithItsRecordSyncLogAndSeed() {
		Violation lost = new Violation(Invariant.NO_RECORD_LOST, "contact#3 (a@chaos.example, born on HUBSPOT)",
				"no platform row", "0-1", null, "1001", List.of("2026-12-04T10:00:00Z inbound created"), null);
		RunResult failed = result(null, List.of(lost));
		assertThat(Report.headline(failed)).contains("no convergence within 90.0 s").endsWith("1 violation(s)");
		assertThat(Report.lines(failed, REPLAY))
			.contains("VIOLATION NO_RECORD_LOST contact#3 (a@chaos.example, born on HUBSPOT) [seed 42]",
					"    2026-12-04T10:00:00Z inbound created")
			.last()
			.asString()
			.startsWith("FAILED (seed 42; replay: " + REPLAY);
	}

	@Test
	void aJustifiedViolationDoesNotFailTheRun() {
		Violation justified = new Violation(Invariant.DELETIONS_FOLLOWED, "contact#3", "live", "0-1", null, "1001",
				List.of(), "WEBHOOKS_DROPPED lost its deletion");
		RunResult result = result(Duration.ofSeconds(3), List.of(justified));
		assertThat(result.passed()).isTrue();
		assertThat(Report.lines(result, REPLAY)).contains("JUSTIFIED DELETIONS_FOLLOWED contact#3 [seed 42]",
				"  justified: WEBHOOKS_DROPPED lost its deletion");
	}

	private static RunResult result(Duration convergence, List<Violation> violations) {
		return new RunResult(Profile.shortProfile(), 42, 6, Duration.ofSeconds(30), Duration.ofSeconds(60), convergence,
				List.of(), 400, 2, Map.of("edit", 100L), 1500, 24.5, 500, 3, 120, violations, 2, 1.5);
	}

}
