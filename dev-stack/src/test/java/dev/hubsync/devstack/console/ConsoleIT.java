package dev.hubsync.devstack.console;

import java.nio.file.Path;
import java.time.Duration;

import dev.hubsync.devstack.DevStack;
import dev.hubsync.devstack.DevStackOptions;
import dev.hubsync.devstack.ServicePorts;
import dev.hubsync.infra.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The admin console in a real headless Chromium against the dev stack (every service in
 * this JVM on free ports, embedded Kafka and PostgreSQL, the HubSpot emulator): the
 * scenarios of issue #24, in order, each leaving a screenshot under
 * {@code target/console-screenshots}. Skipped, with a message, where Chromium and
 * chromedriver are not installed ({@code apt-get install chromium chromium-driver}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

	private static final String KEY = "dev-admin-key";

	@TempDir
	static Path data;

	private static DevStack stack;

	private static ChromeDriver browser;

	private static String console;

	@BeforeAll
	static void start() {
		assumeTrue(Browser.available(), "skipped: no Chromium at " + Browser.CHROMIUM + " or chromedriver at "
				+ Browser.CHROMEDRIVER + " (apt-get install chromium chromium-driver)");
		ServicePorts ports = new ServicePorts(FreePorts.find(), FreePorts.find(), FreePorts.find(), FreePorts.find(),
				FreePorts.find());
		stack = DevStack.start(new DevStackOptions(data, false, FreePorts.find(), FreePorts.find(), FreePorts.find(),
				ports, Duration.ofMinutes(10), 2, null));
		console = "http://localhost:" + ports.worker() + "/console";
		browser = Browser.start(1280, 900);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Order(1)
	void logsInWithAnAdminKey() {
		browser.get(console);
		assertThat(browser.getCurrentUrl()).endsWith("/console/login");
		browser.findElement(By.id("key")).sendKeys("not-a-key");
		browser.findElement(By.id("login")).click();
		assertThat(browser.findElement(By.id("login-error")).getText()).contains("not an admin key");
		Browser.screenshot(browser, "login");
		browser.findElement(By.id("key")).sendKeys(KEY);
		browser.findElement(By.id("login")).click();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("caller")));
		assertThat(browser.findElement(By.id("caller")).getText()).isEqualTo("admin");
		assertThat(browser.manage().getCookieNamed("HUBSYNC_CONSOLE").isHttpOnly()).isTrue();
		assertThat(browser.manage().getCookieNamed("HUBSYNC_CONSOLE").getSameSite()).isEqualTo("Strict");
	}

	@Test
	@Order(2)
	void overviewShowsAPausedDirection() {
		browser.get(console);
		WebElement row = browser.findElement(By.id("direction-outbound-contacts"));
		assertThat(row.getText()).contains("running");
		row.findElement(By.tagName("button")).click();
		waitFor()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("direction-outbound-contacts"), "paused"));
		assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("outbound contacts paused");
		// the panel refreshes itself: the state stays shown after a poll
		waitFor().until(ExpectedConditions.textToBePresentInElementLocated(By.id("readiness"), "ACCEPTING_TRAFFIC"));
		Browser.screenshot(browser, "overview");
		browser.findElement(By.id("direction-outbound-contacts")).findElement(By.tagName("button")).click();
		waitFor()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("direction-outbound-contacts"), "running"));
	}

	static WebDriverWait waitFor() {
		return new WebDriverWait(browser, Duration.ofSeconds(30));
	}

}
