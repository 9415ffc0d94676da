package dev.hubsync.devstack.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hubsync.devstack.DevStack;
import dev.hubsync.devstack.ServicePorts;
import dev.hubsync.devstack.TestStacks;
import dev.hubsync.events.Topics;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.worker.admin.PauseControl;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The admin console in a real headless Chromium against the dev stack (every service in
 * this JVM on free ports, embedded Kafka and PostgreSQL, the HubSpot emulator): the
 * scenarios of issue #24, in order, each leaving a screenshot under
 * {@code target/console-screenshots}. Disabled, with a message, where Chromium and
 * chromedriver are not installed ({@code apt-get install chromium chromium-driver}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(BrowserInstalled.class)
class ConsoleIT {

	private static final String KEY = "dev-admin-key";

	@TempDir
	static Path data;

	private static DevStack stack;

	private static ChromeDriver browser;

	private static String console;

	private static HubSpotClient user;

	private static final Duration WAIT = Duration.ofSeconds(60);

	@BeforeAll
	static void start() {
		ServicePorts ports = TestStacks.freePorts();
		stack = DevStack.start(TestStacks.options(data, ports, 0, "webhooks"));
		console = "http://localhost:" + ports.worker() + "/console";
		browser = Browser.start(1280, 900);
		user = TestStacks.user(stack);
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
		submit(browser.findElement(By.id("login")));
		assertThat(browser.findElement(By.id("login-error")).getText()).contains("not an admin key");
		Browser.screenshot(browser, "login");
		browser.findElement(By.id("key")).sendKeys(KEY);
		submit(browser.findElement(By.id("login")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("caller")));
		assertThat(browser.findElement(By.id("caller")).getText()).isEqualTo("admin");
		assertThat(browser.manage().getCookieNamed("HUBSYNC_CONSOLE").isHttpOnly()).isTrue();
		assertThat(browser.manage().getCookieNamed("HUBSYNC_CONSOLE").getSameSite()).isEqualTo("Strict");
	}

	@Test
	@Order(2)
	void overviewShowsAPausedDirection() {
		browser.get(console);
		assertThat(text("direction-outbound-contacts")).contains("running");
		browser.findElement(By.id("direction-outbound-contacts")).findElement(By.tagName("button")).click();
		try {
			waitFor().until((driver) -> text("direction-outbound-contacts").contains("paused"));
			assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("outbound contacts paused");
			for (String service : List.of("webhook-ingress", "mapping-service", "outbound-publisher")) {
				assertThat(text("service-" + service).split("\\s+")).containsExactly(service, "UP", "UP");
			}
			// the panel refreshes itself (htmx, no page load): the state stays shown
			String read = text("last-read");
			waitFor().until((driver) -> !text("last-read").equals(read));
			assertThat(text("direction-outbound-contacts")).contains("paused");
			assertThat(text("readiness")).isEqualTo("UP");
			Browser.screenshot(browser, "overview");
			browser.findElement(By.id("direction-outbound-contacts")).findElement(By.tagName("button")).click();
			waitFor().until((driver) -> text("direction-outbound-contacts").contains("running"));
		}
		finally {
			// the later scenarios need the direction running, whatever happened here
			stack.worker().getBean(PauseControl.class).resume("outbound", "0-1");
		}
	}

	@Test
	@Order(3)
	void overviewShowsLagAndTheOldestWaitingEvent() throws Exception {
		MessageListenerContainer inbound = stack.worker()
			.getBean(KafkaListenerEndpointRegistry.class)
			.getListenerContainer("hubsync-inbound");
		inbound.pause();
		try {
			await().atMost(WAIT).until(inbound::isContainerPaused);
			send("console-lag");
			browser.get(console);
			WebDriverWait poll = new WebDriverWait(browser, WAIT);
			poll.ignoring(StaleElementReferenceException.class);
			poll.until((driver) -> driver.findElements(By.cssSelector("#lag tbody tr"))
				.stream()
				.anyMatch((row) -> row.getText().startsWith("inbound") && row.getText().matches(".* 1 \\d+ s$")));
			Browser.screenshot(browser, "overview-lag");
		}
		finally {
			inbound.resume();
		}
	}

	@Test
	@Order(4)
	void findsARecordAndSeesItsFieldHistory() throws SQLException {
		execute("INSERT INTO leads (email, first_name, last_name) VALUES ('console.record@example.com', 'Rita',"
				+ " 'Record')");
		await().atMost(WAIT).until(() -> hubspotIdOf("console.record@example.com") != null);
		String id = String.valueOf(hubspotIdOf("console.record@example.com"));
		user.objects().update("contacts", id, Map.of("lastname", "Changed"));
		await().atMost(WAIT)
			.until(() -> count("SELECT count(*) FROM hubsync.sync_log WHERE hubspot_id = " + id
					+ " AND field IS NOT NULL AND direction = 'inbound'") > 0);
		browser.get(console + "/records");
		browser.findElement(By.id("q")).sendKeys("console.record@example.com");
		submit(browser.findElement(By.id("find")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("fields")));
		assertThat(browser.findElement(By.id("hubspot-id")).getText()).isEqualTo(id);
		assertThat(browser.findElement(By.id("field-lastname")).getText()).contains("Changed");
		assertThat(browser.findElements(By.cssSelector("table[data-field] tr.decision"))).isNotEmpty();
		Browser.screenshot(browser, "record");
	}

	@Test
	@Order(5)
	void resolvesADuplicateEmailReview() throws SQLException {
		execute("INSERT INTO leads (email, first_name, last_name) VALUES ('console.twin@example.com', 'Twin', 'One'),"
				+ " ('console.twin@example.com', 'Twin', 'Two')");
		String twin = "SELECT r.id FROM hubsync.review r JOIN leads d ON d.id::text = r.platform_key WHERE"
				+ " r.kind = 'duplicate_email' AND lower(d.email) = 'console.twin@example.com'";
		await().atMost(WAIT).until(() -> count("SELECT count(*) FROM (" + twin + " AND r.resolved_at IS NULL) o") > 0);
		long review = count(twin + " AND r.resolved_at IS NULL ORDER BY r.id LIMIT 1");
		browser.get(console + "/reviews?kind=duplicate_email");
		WebElement row = browser.findElement(By.id("review-" + review));
		assertThat(row.getText()).contains("duplicate_email");
		Browser.screenshot(browser, "reviews");
		submit(row.findElement(By.cssSelector("button.keep-apart")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
		assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("kept apart");
		assertThat(browser.findElements(By.id("review-" + review))).isEmpty();
		assertThat(count("SELECT count(*) FROM hubsync.review WHERE id = " + review + " AND resolved_by = 'admin'"))
			.isEqualTo(1);
		assertThat(count("SELECT count(*) FROM hubsync.sync_log WHERE direction = 'review' AND detail LIKE"
				+ " '%by admin (review " + review + ")%'"))
			.isEqualTo(1);
	}

	@Test
	@Order(6)
	void redrivesADeadLetterOnce() throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", stack.kafka().bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(Topics.HUBSPOT_EVENTS, "console-poison",
						"not an event".getBytes(StandardCharsets.UTF_8)))
				.get(30, TimeUnit.SECONDS);
		}
		String letter = "SELECT dlt_offset FROM hubsync.dead_letter WHERE record_key = 'console-poison'";
		await().atMost(WAIT).until(() -> count("SELECT count(*) FROM (" + letter + ") l") > 0);
		long offset = count(letter + " ORDER BY dlt_offset LIMIT 1");
		int partition = (int) count(
				"SELECT dlt_partition FROM hubsync.dead_letter WHERE record_key = 'console-poison' LIMIT 1");
		browser.get(console + "/dead-letters?topic=" + Topics.HUBSPOT_EVENTS_DLT);
		submit(browser.findElement(By.linkText(Topics.HUBSPOT_EVENTS_DLT + "/" + partition + "/" + offset)));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("payload")));
		assertThat(browser.findElement(By.id("payload")).getText()).isEqualTo("not an event");
		Browser.screenshot(browser, "dead-letter");
		browser.get(console + "/dead-letters?topic=" + Topics.HUBSPOT_EVENTS_DLT);
		browser.findElement(By.id("select-" + Topics.HUBSPOT_EVENTS_DLT + "-" + partition + "-" + offset)).click();
		submit(browser.findElement(By.id("redrive")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
		assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("re-drove");
		WebElement row = browser.findElement(By.id("letter-" + partition + "-" + offset));
		assertThat(row.findElement(By.className("redriven")).getText()).contains("by admin");
		assertThat(browser.findElement(By.id("select-" + Topics.HUBSPOT_EVENTS_DLT + "-" + partition + "-" + offset))
			.isEnabled()).isFalse();
		Browser.screenshot(browser, "dead-letters");
		assertThat(count("SELECT count(*) FROM hubsync.dlt_redrive WHERE record_key = 'console-poison'")).isEqualTo(1);
	}

	@Test
	@Order(7)
	void startsABulkSyncAndWatchesItFinish() {
		browser.get(console + "/bulk");
		// the worker's own first-start bulk sync may still be running
		waitFor().until((driver) -> !text("bulk-state").equals("running"));
		String before = text("progress");
		submit(browser.findElement(By.id("start-bulk")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
		assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Bulk sync started");
		new WebDriverWait(browser, WAIT)
			.until((driver) -> text("bulk-state").equals("finished") && !text("progress").equals(before));
		assertThat(text("progress")).contains("by admin");
		Browser.screenshot(browser, "bulk");
		// and a reconcile of contacts, whose drift table (or "no drift") follows
		new Select(browser.findElement(By.id("reconcile-type"))).selectByValue("contacts");
		submit(browser.findElement(By.id("start-reconcile")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
		assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Reconcile #");
		new WebDriverWait(browser, WAIT).until((driver) -> text("reconcile-state").equals("finished"));
		assertThat(text("no-drift").isEmpty() && text("drift").isEmpty()).as("a drift table or no drift").isFalse();
		Browser.screenshot(browser, "reconcile");
	}

	@Test
	@Order(8)
	void editsAMappingWithAnErrorAndSeesTheMessage() {
		browser.get(console + "/mappings");
		Browser.screenshot(browser, "mappings");
		submit(browser.findElement(By.id("edit-contacts")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("yaml")));
		String version = browser.findElement(By.id("version")).getText();
		WebElement yaml = browser.findElement(By.id("yaml"));
		assertThat(yaml.getDomProperty("value")).contains("column: last_name");
		browser.executeScript(
				"arguments[0].value = arguments[0].value.replace('column: last_name'," + " 'column: no_such_column')",
				yaml);
		submit(browser.findElement(By.id("validate")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("problems")));
		assertThat(browser.findElement(By.id("problems")).getText()).contains("no_such_column");
		assertThat(browser.findElement(By.id("draft-diff")).getText()).contains("+ ")
			.contains("no_such_column")
			.contains("- ");
		Browser.screenshot(browser, "mapping-error");
		// publishing it is refused with the same message; the version in force stays
		submit(browser.findElement(By.id("publish")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("problems")));
		assertThat(browser.findElement(By.id("problems")).getText()).contains("no_such_column");
		assertThat(browser.findElement(By.id("version")).getText()).isEqualTo(version);
		// a valid edit is published as the next version, diffed against this one
		yaml = browser.findElement(By.id("yaml"));
		browser.executeScript("arguments[0].value = arguments[0].value.replace('column: no_such_column',"
				+ " 'column: last_name').replace('fuzzyThreshold: 0.92', 'fuzzyThreshold: 0.93')", yaml);
		submit(browser.findElement(By.id("publish")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
		String next = String.valueOf(Long.parseLong(version) + 1);
		assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("Version " + next);
		assertThat(browser.findElement(By.id("version")).getText()).isEqualTo(next);
		assertThat(browser.findElement(By.id("previous-diff")).getText()).contains("- ")
			.contains("+ ")
			.contains("0.93");
		Browser.screenshot(browser, "mapping-published");
		// an edit of a version no longer in force is refused (If-Match)
		browser.executeScript("document.querySelector('input[name=editedVersion]').value = arguments[0];", version);
		submit(browser.findElement(By.id("publish")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".problem")));
		assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("Reload the page");
		assertThat(browser.findElement(By.id("version")).getText()).isEqualTo(next);
	}

	@Test
	@Order(9)
	void fitsAPhoneScreen() {
		browser.manage().window().setSize(new Dimension(390, 844));
		try {
			for (String page : List.of("", "/records?q=console.record@example.com", "/reviews", "/dead-letters",
					"/bulk")) {
				browser.get(console + page);
				long overflow = (Long) browser
					.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
				assertThat(overflow).as("horizontal overflow of %s at 390 px", page).isLessThanOrEqualTo(0);
			}
			browser.get(console);
			Browser.screenshot(browser, "overview-phone");
		}
		finally {
			browser.manage().window().setSize(new Dimension(1280, 900));
		}
	}

	@Test
	@Order(10)
	void refusesFormsWithoutTheSessionsTokenAndKeepsTheApiKey() throws Exception {
		String session = browser.manage().getCookieNamed("HUBSYNC_CONSOLE").getValue();
		HttpClient http = HttpClient.newHttpClient();
		HttpRequest.BodyPublisher form = HttpRequest.BodyPublishers.ofString("direction=inbound&objectType=contacts");
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create(console + "/pause"))
				.header("Cookie", "HUBSYNC_CONSOLE=" + session)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(form)
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(403);
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create(console + "/pause"))
				.header("Cookie", "HUBSYNC_CONSOLE=" + session)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("direction=inbound&objectType=contacts&_csrf=forged"))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(403);
		HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(URI.create(console + "/reviews")).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(anonymous.statusCode()).isEqualTo(302);
		assertThat(anonymous.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/console/login"));
		String api = console.replace("/console", "/api/status");
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create(api)).header("X-HubSync-Api-Key", KEY).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(200);
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create(api)).header("Cookie", "HUBSYNC_CONSOLE=" + session).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode()).as("the session is no API key").isEqualTo(401);
		assertThat(count("SELECT count(*) FROM hubsync.pause WHERE direction = 'inbound'")).isZero();
		// logging out ends the session
		browser.get(console);
		submit(browser.findElement(By.xpath("//button[text()='Log out']")));
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("key")));
		browser.get(console + "/reviews");
		assertThat(browser.getCurrentUrl()).endsWith("/console/login");
	}

	/** Sends a record no listener can read to the HubSpot events topic. */
	private static void send(String key) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", stack.kafka().bootstrapServers()), new StringSerializer(),
				new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>(Topics.HUBSPOT_EVENTS, key, "not an event".getBytes(StandardCharsets.UTF_8)))
				.get(30, TimeUnit.SECONDS);
		}
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = stack.platform().connect(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static long count(String sql) throws SQLException {
		try (Connection connection = stack.platform().connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			return rows.next() ? rows.getLong(1) : 0;
		}
	}

	private static @Nullable Long hubspotIdOf(String email) throws SQLException {
		try (Connection connection = stack.platform().connect();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT l.hubspot_id FROM hubsync.link l JOIN leads d ON"
						+ " d.id::text = l.platform_key WHERE l.object_type_id = '0-1' AND lower(d.email) = '" + email
						+ "'")) {
			return rows.next() ? rows.getLong(1) : null;
		}
	}

	/**
	 * An element's text read in one script call, so an htmx swap between finding the
	 * element and reading it cannot make it stale.
	 */
	private static String text(String id) {
		Object text = browser
			.executeScript("var e = document.getElementById(arguments[0]); return e ? e.innerText.trim() : '';", id);
		return String.valueOf(text);
	}

	/**
	 * Clicks something that loads a new page and waits until the old page is gone, so
	 * that an element both pages have is read from the new one.
	 */
	static void submit(WebElement element) {
		// a mark on the page's window, which a new page does not have (an element of the
		// old page, once gone, is reported in more ways than stalenessOf catches)
		browser.executeScript("window.hubsyncOldPage = true;");
		element.click();
		waitFor().ignoring(WebDriverException.class)
			.until((driver) -> Boolean.TRUE.equals(browser
				.executeScript("return window.hubsyncOldPage === undefined && document.readyState === 'complete';")));
	}

	static WebDriverWait waitFor() {
		WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
		wait.ignoring(StaleElementReferenceException.class);
		return wait;
	}

}
