package dev.hubsync.devstack.console;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disables a browser test class, saying why and what to install, where Chromium or
 * chromedriver is missing: before anything starts (the dev stack takes half a minute).
 */
final class BrowserInstalled implements ExecutionCondition {

	private static final Logger logger = LoggerFactory.getLogger(BrowserInstalled.class);

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		if (Browser.available()) {
			return ConditionEvaluationResult
				.enabled("Chromium at " + Browser.CHROMIUM + ", chromedriver at " + Browser.CHROMEDRIVER);
		}
		String reason = "skipped: no Chromium at " + Browser.CHROMIUM + " or no chromedriver at " + Browser.CHROMEDRIVER
				+ " (apt-get install chromium chromium-driver, or set HUBSYNC_CHROMIUM and HUBSYNC_CHROMEDRIVER)";
		if (context.getTestMethod().isEmpty()) {
			logger.warn("{}: {}", context.getDisplayName(), reason);
		}
		return ConditionEvaluationResult.disabled(reason);
	}

}
