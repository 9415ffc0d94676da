package dev.hubsync.worker.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.objects.BatchInputs;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.infra.kafka.KafkaBroker;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a worker IT class starts in its {@code @BeforeAll} and closes in its
 * {@code @AfterAll}, as one bundle: the broker with the mappings (a temporary broker of
 * its own for mappings of the test's, or the shared broker with the demo mappings), an
 * emulator without rate limits, a user's client of it, a fresh demo database, publishers
 * of row changes and webhook events on that broker, then the worker
 * ({@link #startWorker}) and whatever else the test opens ({@link #closing}). Closing
 * closes all of it, the latest first, going on past failures
 * ({@link Workers#closeAll(List)}); a start that fails closes what it had started.
 */
public final class WorkerFixture implements AutoCloseable {

	private final List<AutoCloseable> opened;

	private final @Nullable KafkaBroker broker;

	private final String bootstrapServers;

	private final HubSpotEmulator emulator;

	private final HubSpotClient user;

	private final DemoDatabase database;

	private final Sql sql;

	private final Changes changes;

	private final Events events;

	private @Nullable ConfigurableApplicationContext worker;

	private WorkerFixture(@Nullable String mappings, Map<String, String> emulatorSettings, List<AutoCloseable> opened)
			throws Exception {
		this.opened = opened;
		if (mappings != null) {
			this.broker = closing(KafkaBroker.startTemporary());
			this.bootstrapServers = this.broker.bootstrapServers();
			Workers.publishMappings(this.bootstrapServers, mappings);
		}
		else {
			this.broker = null;
			this.bootstrapServers = SharedInfra.kafka().bootstrapServers();
			Workers.publishDemoMappings(this.bootstrapServers);
		}
		Map<String, Object> settings = new HashMap<>(
				Map.of("emulator.rate-limit.enabled", "false", "logging.level.root", "WARN"));
		settings.putAll(emulatorSettings);
		this.emulator = closing(HubSpotEmulator.start(settings));
		this.user = HubSpotClient.builder()
			.baseUrl(this.emulator.baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.build();
		this.database = SharedInfra.newDemoDatabase();
		this.sql = new Sql(this.database);
		this.changes = closing(new Changes(this.sql, this.bootstrapServers));
		this.events = closing(new Events(this.bootstrapServers));
	}

	/**
	 * Starts everything but the worker on a temporary broker of the test's own (a test
	 * that publishes mappings of its own may not share a broker), with these mappings.
	 * @param mappings the mappings' YAML
	 * @param emulatorSettings the emulator's settings besides no rate limits and quiet
	 * logs
	 * @return the bundle
	 * @throws Exception when something does not start (what had started is closed)
	 */
	public static WorkerFixture onOwnBroker(String mappings, Map<String, String> emulatorSettings) throws Exception {
		return start(mappings, emulatorSettings);
	}

	/**
	 * Starts everything but the worker on the shared broker, with the demo mappings.
	 * @param emulatorSettings the emulator's settings besides no rate limits and quiet
	 * logs (give an {@code emulator.id-base} of the test's own: emulators on one broker
	 * must not hand out the same ids)
	 * @return the bundle
	 * @throws Exception when something does not start (what had started is closed)
	 */
	public static WorkerFixture onSharedBroker(Map<String, String> emulatorSettings) throws Exception {
		return start(null, emulatorSettings);
	}

	private static WorkerFixture start(@Nullable String mappings, Map<String, String> emulatorSettings)
			throws Exception {
		List<AutoCloseable> opened = new ArrayList<>();
		try {
			return new WorkerFixture(mappings, emulatorSettings, opened);
		}
		catch (Exception | Error ex) {
			try {
				closeLatestFirst(opened);
			}
			catch (Exception closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
	}

	/**
	 * Starts the worker ({@link Workers#start}) on this bundle's broker, database and
	 * emulator; it is closed with the bundle.
	 * @param settings further {@code --key=value} arguments
	 * @return the running worker
	 */
	public ConfigurableApplicationContext startWorker(String... settings) {
		List<String> args = new ArrayList<>();
		if (this.broker != null) {
			args.add("--spring.kafka.bootstrap-servers=" + this.bootstrapServers);
		}
		args.addAll(List.of(settings));
		this.worker = closing(Workers.start(this.database, this.emulator.baseUrl(), args.toArray(String[]::new)));
		return this.worker;
	}

	/**
	 * Adds a resource of the test's to the bundle, closed before what was started
	 * earlier.
	 * @param <T> its type
	 * @param resource the resource
	 * @return the resource
	 */
	public <T extends AutoCloseable> T closing(T resource) {
		this.opened.add(resource);
		return resource;
	}

	/**
	 * Returns the broker's bootstrap servers (the test's own broker, or the shared one).
	 * @return the bootstrap servers
	 */
	public String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Returns the emulator.
	 * @return the emulator
	 */
	public HubSpotEmulator emulator() {
		return this.emulator;
	}

	/**
	 * Returns a client of the emulator as its user ({@code CRM_UI} writes).
	 * @return the client
	 */
	public HubSpotClient user() {
		return this.user;
	}

	/**
	 * Returns the product's demo database.
	 * @return the database
	 */
	public DemoDatabase database() {
		return this.database;
	}

	/**
	 * Returns SQL on the demo database.
	 * @return the SQL helper
	 */
	public Sql sql() {
		return this.sql;
	}

	/**
	 * Returns the publisher of row changes on this broker.
	 * @return the changes
	 */
	public Changes changes() {
		return this.changes;
	}

	/**
	 * Returns the publisher of webhook events on this broker.
	 * @return the events
	 */
	public Events events() {
		return this.events;
	}

	/**
	 * Returns the worker {@link #startWorker} started.
	 * @return the worker
	 * @throws IllegalStateException before it was started
	 */
	public ConfigurableApplicationContext worker() {
		if (this.worker == null) {
			throw new IllegalStateException("the worker is not started: call startWorker");
		}
		return this.worker;
	}

	/**
	 * Finds a contact by email, as a HubSpot user would.
	 * @param email the email
	 * @return its id, or null when HubSpot has none
	 */
	public @Nullable String contactId(String email) {
		List<HubSpotObject> found = this.user.batch()
			.read("contacts",
					new BatchInputs.Read(List.of(new BatchInputs.Id(email.toLowerCase(Locale.ROOT))), List.of("email"),
							List.of(), "email"),
					false)
			.results();
		return found.isEmpty() ? null : found.get(0).id();
	}

	/**
	 * Returns the values a contact found by email holds of the mapped demo properties.
	 * @param email the email
	 * @return its non-empty values (email, firstname, lastname, phone); none when HubSpot
	 * has no such contact
	 */
	public Map<String, String> contact(String email) {
		String id = contactId(email);
		return (id != null) ? contactById(id) : Map.of();
	}

	/**
	 * Returns the values a contact holds of the mapped demo properties.
	 * @param id the contact's id
	 * @return its non-empty values (email, firstname, lastname, phone)
	 */
	public Map<String, String> contactById(String id) {
		Map<String, String> values = new LinkedHashMap<>();
		this.user.objects()
			.get("contacts", id, ReadOptions.properties(List.of("email", "firstname", "lastname", "phone")))
			.orElseThrow()
			.properties()
			.forEach((name, value) -> {
				if (value != null) {
					values.put(name, value);
				}
			});
		return values;
	}

	/**
	 * Describes the sync's state of a record, for failure messages: its sync log, link
	 * and pending associations.
	 * @param hubspotId the record's id
	 * @return the description
	 */
	public String syncState(String hubspotId) {
		long id = Long.parseLong(hubspotId);
		try {
			return "sync log: "
					+ this.sql.rows("SELECT direction, outcome, field, platform_value, hubspot_value, detail FROM"
							+ " hubsync.sync_log WHERE hubspot_id = ? ORDER BY id", id)
					+ "; link: "
					+ this.sql.rows("SELECT synced_values::text FROM hubsync.link WHERE hubspot_id = ?", id)
					+ "; pending: "
					+ this.sql.rows("SELECT * FROM hubsync.pending_association WHERE hubspot_id = ?", id);
		}
		catch (java.sql.SQLException ex) {
			return ex.toString();
		}
	}

	/**
	 * Closes the bundle: the latest started first.
	 * @throws Exception the first failure, with the others suppressed
	 */
	@Override
	public void close() throws Exception {
		closeLatestFirst(this.opened);
	}

	private static void closeLatestFirst(List<AutoCloseable> opened) throws Exception {
		List<AutoCloseable> latestFirst = new ArrayList<>(opened);
		Collections.reverse(latestFirst);
		opened.clear();
		Workers.closeAll(latestFirst);
	}

}
