package dev.hubsync.devstack.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alert rules and the dashboard are well formed: every rule has a severity, a summary
 * and an expression, every panel queries Prometheus, and Debian's
 * {@code promtool check rules} accepts the rules where it is installed. That every metric
 * they use exists is checked against the running services in {@code FullStackIT}.
 */
class MonitoringFilesTest {

	@Test
	void everyRuleHasASeverityASummaryAndAnExpression() throws Exception {
		List<Map<String, Object>> rules = MonitoringFiles.rules();
		assertThat(rules.stream().map((rule) -> String.valueOf(rule.get("alert"))).toList()).contains(
				"HubSyncDeadLettersGrowing", "HubSyncConsumerLagHigh", "HubSyncSlotLagHigh",
				"HubSyncHubSpotRateLimited", "HubSyncMissedWebhooks", "HubSyncGuardTripped",
				"HubSyncSignatureFailures");
		for (Map<String, Object> rule : rules) {
			assertThat(rule).as(String.valueOf(rule.get("alert"))).containsKeys("expr", "labels", "annotations");
			assertThat(String.valueOf(rule.get("labels"))).contains("severity=");
			assertThat(String.valueOf(rule.get("annotations"))).contains("summary=");
		}
	}

	@Test
	void theDashboardCoversWhatOperatorsWatch() throws Exception {
		assertThat(MonitoringFiles.panels().stream().map((panel) -> String.valueOf(panel.get("title"))).toList())
			.contains("Events per direction and object type", "Change-to-commit latency p50 / p99", "Consumer lag",
					"Dead letters (per hour)", "HubSpot calls by status", "HubSpot rate budget left",
					"Replication slot lag", "Missed webhooks (healed by the poller, per hour)",
					"Mass-deletion guard and pauses");
		assertThat(MonitoringFiles.metricNames()).contains("hubsync_worker_outcomes_total",
				"hubsync_hubspot_calls_seconds_count", "hubsync_worker_poller_healed_total");
	}

	@Test
	void promtoolAcceptsTheRules() throws Exception {
		Assumptions.assumeTrue(ComposeFileTest.onPath("promtool"),
				"promtool is not installed (Debian: apt-get install prometheus); .ci/run installs it");
		Process process = new ProcessBuilder("promtool", "check", "rules", MonitoringFiles.RULES.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("SUCCESS");
	}

}
