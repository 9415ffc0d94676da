package dev.hubsync.worker.model;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.hubsync.emulator.requestlog.RequestLog;
import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.TopicSpec;
import dev.hubsync.events.Topics;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.error.HubSpotConflictException;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.PropertyHistory;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.worker.model.History.Born;
import dev.hubsync.worker.model.History.Edit;
import dev.hubsync.worker.model.History.Field;
import dev.hubsync.worker.model.History.Person;
import dev.hubsync.worker.model.History.Poll;
import dev.hubsync.worker.model.History.Replica;
import dev.hubsync.worker.model.History.Restart;
import dev.hubsync.worker.model.History.Side;
import dev.hubsync.worker.model.History.Step;
import dev.hubsync.worker.model.Reference.Change;
import dev.hubsync.worker.poller.ReconciliationPoller;
import dev.hubsync.worker.support.Sql;
import dev.hubsync.worker.support.Workers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * One run of a history against the real system: a fresh product database, a fresh HubSpot
 * emulator delivering webhooks, the product's change capture from logical decoding, and
 * sync workers on the shared broker. It makes the history happen — recording each user
 * change in the {@link Reference} with the time the sync will see — then waits for quiet
 * and reports every way the two sides differ from the model.
 */
final class ModelRun implements AutoCloseable {

	private static final AtomicInteger RUNS = new AtomicInteger();

	private static final Duration LINK_WAIT = Duration.ofSeconds(60);

	private static final Duration QUIET_WAIT = Duration.ofSeconds(120);

	private static final Duration QUIET_AND_WRONG = Duration.ofSeconds(20);

	/** The worker's default {@code hubsync.worker.partitions}. */
	private static final int WORKER_PARTITIONS = 6;

	private static final List<String> EVENT_TOPICS = List.of(Topics.HUBSPOT_EVENTS, Topics.LOCAL_CHANGES);

	private static final List<String> DEAD_LETTER_TOPICS = List.of(Topics.HUBSPOT_EVENTS_DLT, Topics.LOCAL_CHANGES_DLT);

	private final History history;

	private final Reference model = new Reference();

	private final String group = "model-" + UUID.randomUUID();

	private final Map<Integer, String> rows = new HashMap<>();

	private final Map<Integer, String> twins = new HashMap<>();

	private final Map<String, Long> deadLetterStarts = new HashMap<>();

	private final List<String> timeline = new ArrayList<>();

	private final Instant base = Instant.now().truncatedTo(ChronoUnit.MILLIS);

	private @Nullable WebhookReceiver receiver;

	private @Nullable HubSpotEmulator emulator;

	private @Nullable HubSpotClient user;

	private @Nullable DemoDatabase database;

	private @Nullable Sql sql;

	private @Nullable Capture capture;

	private @Nullable ConfigurableApplicationContext worker;

	private @Nullable ConfigurableApplicationContext replica;

	private Instant lastPoll = Instant.EPOCH;

	private Map<String, Integer> lastPolled = Map.of();

	ModelRun(History history) {
		this.history = history;
	}

	/**
	 * Makes the history happen and waits until the sync is quiet.
	 * @return what differs from the model, empty when nothing does
	 * @throws Exception when the system under test cannot be driven
	 */
	List<String> execute() throws Exception {
		this.receiver = new WebhookReceiver(this.history.faults(), this.history.seed() ^ 0x5eed);
		this.emulator = HubSpotEmulator.start(Map.of("emulator.rate-limit.enabled", "false", "logging.level.root",
				"WARN", "emulator.id-base", String.valueOf(70_000_000L + RUNS.incrementAndGet() * 100_000L),
				"emulator.webhook.target-url", this.receiver.url().toString(), "emulator.webhook.linger", "20ms",
				"logging.level.dev.hubsync.emulator.crm.ObjectWriter", "DEBUG"));
		this.user = HubSpotClient.builder()
			.baseUrl(this.emulator.baseUrl())
			.tokens(TokenProvider.of(HubSpotEmulator.USER_TOKEN))
			.build();
		this.database = SharedInfra.newDemoDatabase();
		this.sql = new Sql(this.database);
		Workers.publishDemoMappings();
		for (int person = 0; person < this.history.persons().size(); person++) {
			if (this.history.persons().get(person).birth().beforeStart) {
				born(person);
			}
		}
		createTheTopics();
		this.capture = Capture.start(this.database, this.history.faults(), this.history.seed() ^ 0xcdc);
		startAtTheEndOfTheTopics();
		this.worker = startWorker();
		this.timeline.add("worker started");
		for (Step step : this.history.steps()) {
			if (!perform(step)) {
				return List.of("the history could not go on at " + step + ": " + String.join("; ", this.timeline),
						"state: " + state(), "worker threads: " + workerThreads());
			}
		}
		return quiesceAndCheck();
	}

	// ------------------------------------------------------------------ the history

	private boolean perform(Step step) throws Exception {
		this.timeline.add(step.toString());
		if (step instanceof Born born) {
			born(born.person());
		}
		else if (step instanceof Edit edit) {
			if (!awaitLinked(edit.person())) {
				return false;
			}
			if (edit.side() == Side.PRODUCT) {
				editProduct(edit);
			}
			else {
				editHubSpot(edit);
			}
		}
		else if (step instanceof Restart) {
			worker().close();
			this.worker = startWorker();
		}
		else if (step instanceof Replica replicaStep) {
			if (replicaStep.up() && this.replica == null) {
				this.replica = startWorker();
			}
			else if (!replicaStep.up() && this.replica != null) {
				this.replica.close();
				this.replica = null;
			}
		}
		else if (step instanceof Poll) {
			poll();
		}
		return true;
	}

	/** Makes a person's records: before the start with set times, after it now. */
	private void born(int index) throws Exception {
		Person person = this.history.persons().get(index);
		boolean before = person.birth().beforeStart;
		boolean productFirst = person.productMinutesAgo() >= person.hubspotMinutesAgo();
		if (person.birth().product && productFirst) {
			bornInProduct(index, person, before);
		}
		if (person.birth().hubspot) {
			Map<String, String> properties = new LinkedHashMap<>();
			properties.put("email", person.email(index));
			person.hubspot().forEach((field, value) -> properties.put(field.property, value));
			if (before) {
				Instant at = this.base.minus(person.hubspotMinutesAgo(), ChronoUnit.MINUTES);
				emulator().admin().seed("contacts", 1, properties, at.toString());
				person.hubspot()
					.forEach((field, value) -> this.model.changed(index, field,
							new Change(() -> at, Side.HUBSPOT, value, "born in HubSpot")));
			}
			else {
				try {
					Instant at = Objects
						.requireNonNull(user().objects().create("contacts", properties, List.of()).createdAt());
					person.hubspot()
						.forEach((field, value) -> this.model.changed(index, field,
								new Change(() -> at, Side.HUBSPOT, value, "born in HubSpot")));
				}
				catch (HubSpotConflictException ex) {
					// the sync made the product's row's record first: the user enters
					// their
					// values on it
					String id = ex.existingId().orElseThrow();
					this.timeline.add("person " + index + " exists in HubSpot already: " + id);
					person.hubspot()
						.forEach((field, value) -> setInHubSpot(index, id, field, value, "born in HubSpot"));
				}
			}
		}
		if (person.birth().product && !productFirst) {
			bornInProduct(index, person, before);
		}
	}

	private void bornInProduct(int index, Person person, boolean before) throws SQLException {
		Instant at = this.base.minus(person.productMinutesAgo(), ChronoUnit.MINUTES);
		try (Connection connection = database().connect()) {
			String key;
			long xid;
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO public.leads (email, first_name, last_name, created_at, updated_at)"
						+ " VALUES (?, ?, ?, coalesce(?, now()), coalesce(?, now()))"
						+ " RETURNING id::text, txid_current()")) {
				insert.setString(1, person.productEmail(index));
				insert.setString(2, person.product().get(Field.FIRST));
				insert.setString(3, person.product().get(Field.LAST));
				insert.setTimestamp(4, before ? Timestamp.from(at) : null);
				insert.setTimestamp(5, before ? Timestamp.from(at) : null);
				try (ResultSet rs = insert.executeQuery()) {
					rs.next();
					key = rs.getString(1);
					xid = rs.getLong(2);
				}
			}
			this.rows.put(index, key);
			person.product()
				.forEach((field, value) -> this.model.changed(index, field, new Change(
						before ? () -> at : () -> capture().commitTime(xid), Side.PRODUCT, value, "born in product")));
			if (person.twin()) {
				// a second row with the same email, newer: it stays apart, for review
				try (PreparedStatement twin = connection
					.prepareStatement("INSERT INTO public.leads (email, first_name, created_at, updated_at)"
							+ " VALUES (?, ?, coalesce(?, now()), coalesce(?, now())) RETURNING id::text")) {
					Timestamp later = before ? Timestamp.from(at.plus(1, ChronoUnit.MINUTES)) : null;
					twin.setString(1, person.twinEmail(index));
					twin.setString(2, "Twin" + index);
					twin.setTimestamp(3, later);
					twin.setTimestamp(4, later);
					try (ResultSet rs = twin.executeQuery()) {
						rs.next();
						this.twins.put(index, rs.getString(1));
					}
				}
			}
		}
	}

	private void editProduct(Edit edit) throws SQLException {
		String key = Objects.requireNonNull(this.rows.get(edit.person()));
		try (Connection connection = database().connect()) {
			connection.setAutoCommit(false);
			String old;
			try (PreparedStatement lock = connection.prepareStatement(
					"SELECT " + edit.field().column + " FROM public.leads WHERE id = ?::uuid FOR UPDATE")) {
				lock.setString(1, key);
				try (ResultSet rs = lock.executeQuery()) {
					rs.next();
					old = rs.getString(1);
				}
			}
			long xid;
			try (PreparedStatement update = connection.prepareStatement("UPDATE public.leads SET " + edit.field().column
					+ " = ? WHERE id = ?::uuid RETURNING txid_current()")) {
				update.setString(1, edit.value());
				update.setString(2, key);
				try (ResultSet rs = update.executeQuery()) {
					rs.next();
					xid = rs.getLong(1);
				}
			}
			connection.commit();
			if (!Objects.equals(old, edit.value())) {
				this.model.changed(edit.person(), edit.field(),
						new Change(() -> capture().commitTime(xid), Side.PRODUCT, edit.value(), "edit"));
			}
		}
	}

	private void editHubSpot(Edit edit) {
		setInHubSpot(edit.person(), Objects.requireNonNull(recordId(edit.person())), edit.field(), edit.value(),
				"edit");
	}

	/**
	 * A user sets a property; it is a change when HubSpot kept it (a value equal to the
	 * one it had is not a change).
	 */
	private void setInHubSpot(int person, String id, Field field, @Nullable String value, String what) {
		Instant before = Instant.now().minusMillis(1);
		user().objects().update("contacts", id, Map.of(field.property, (value != null) ? value : ""));
		HubSpotObject read = user().objects()
			.get("contacts", id, new ReadOptions(List.of(field.property), List.of(field.property), false))
			.orElseThrow();
		List<PropertyHistory> changes = Objects.requireNonNull(read.propertiesWithHistory())
			.getOrDefault(field.property, List.of());
		for (PropertyHistory change : changes) {
			if ("CRM_UI".equals(change.sourceType()) && Objects.equals(empty(change.value()), value)
					&& !change.timestamp().isBefore(before)) {
				Instant at = change.timestamp();
				this.model.changed(person, field, new Change(() -> at, Side.HUBSPOT, value, what));
				return;
			}
		}
	}

	/**
	 * Waits until the person's records are linked (the edits of a history start there).
	 */
	private boolean awaitLinked(int person) {
		try {
			await().atMost(LINK_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
				// a creation whose webhook was lost is found by the poller
				pollEvery(Duration.ofSeconds(2));
				return link(person) != null;
			});
			return true;
		}
		catch (ConditionTimeoutException ex) {
			this.timeline.add("person " + person + " was not linked within " + LINK_WAIT);
			return false;
		}
	}

	/** The person's primary row and its record, when linked. */
	private @Nullable String[] link(int person) throws SQLException {
		String email = this.history.persons().get(person).email(person);
		Map<String, Object> link = sql().row("SELECT l.platform_key, l.hubspot_id::text AS hubspot_id"
				+ " FROM hubsync.link l JOIN public.leads r ON r.id::text = l.platform_key"
				+ " WHERE l.object_type_id = '0-1' AND NOT l.archived AND lower(r.email) = ?", email);
		if (link == null) {
			return null;
		}
		this.rows.putIfAbsent(person, (String) link.get("platform_key"));
		return new String[] { (String) link.get("platform_key"), (String) link.get("hubspot_id") };
	}

	private @Nullable String recordId(int person) {
		try {
			String[] link = link(person);
			return (link != null) ? link[1] : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ------------------------------------------------------------------ the workers

	private ConfigurableApplicationContext startWorker() {
		return Workers.start(database(), emulator().baseUrl(), "--hubsync.worker.bulk.on-first-start=true",
				"--hubsync.worker.bulk.progress-interval=200ms", "--hubsync.worker.bulk.stall-timeout=30s",
				"--hubsync.worker.inbound.linger=50ms", "--hubsync.worker.outbound.linger=50ms",
				"--hubsync.worker.inbound.group-id=" + this.group + "-inbound",
				"--hubsync.worker.outbound.group-id=" + this.group + "-outbound", "--hubsync.admin.api-key=model-key",
				"--hubsync.admin.allow-weak-keys=true", "--hubsync.worker.retry.initial-backoff=100ms",
				"--hubsync.worker.retry.max-backoff=500ms", "--hubsync.hubspot.retry.initial-backoff=20ms",
				"--hubsync.hubspot.retry.max-backoff=100ms", "--logging.level.root=WARN");
	}

	private void poll() {
		this.lastPoll = Instant.now();
		this.lastPolled = worker().getBean(ReconciliationPoller.class).poll();
	}

	/**
	 * Creates the event topics as the worker would, before the capture's producer can
	 * auto-create them with the broker's default of 3 partitions: the worker would then
	 * add partitions its consumers only see at their next metadata refresh (minutes), and
	 * an event keyed onto a new partition waits that long.
	 */
	private static void createTheTopics() {
		SharedInfra.kafka()
			.createTopics(List.of(TopicSpec.hubSpotEvents(WORKER_PARTITIONS), TopicSpec.localChanges(WORKER_PARTITIONS))
				.stream()
				.map((spec) -> new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.config()))
				.toArray(NewTopic[]::new));
	}

	/**
	 * Starts the run's consumer groups where the shared topics end: the events of other
	 * tests name records this run's database and emulator never had.
	 */
	private void startAtTheEndOfTheTopics() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfra.kafka().bootstrapServers()))) {
			Map<TopicPartition, Long> ends = ends(admin, EVENT_TOPICS);
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			ends.forEach((partition, end) -> offsets.put(partition, new OffsetAndMetadata(end)));
			for (String suffix : List.of("-inbound", "-outbound")) {
				if (!offsets.isEmpty()) {
					admin.alterConsumerGroupOffsets(this.group + suffix, offsets).all().get();
				}
			}
			ends(admin, DEAD_LETTER_TOPICS)
				.forEach((partition, end) -> this.deadLetterStarts.put(partition.toString(), end));
		}
	}

	private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) throws Exception {
		Set<String> existing = admin.listTopics().names().get();
		Map<TopicPartition, OffsetSpec> request = new HashMap<>();
		for (String topic : topics) {
			if (existing.contains(topic)) {
				admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get()
					.get(topic)
					.partitions()
					.forEach((p) -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
			}
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		if (!request.isEmpty()) {
			for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> entry : admin.listOffsets(request)
				.all()
				.get()
				.entrySet()) {
				ends.put(entry.getKey(), entry.getValue().offset());
			}
		}
		return ends;
	}

	/** Whether both groups have consumed everything published to their topics. */
	private boolean consumedEverything() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", SharedInfra.kafka().bootstrapServers()))) {
			Map<TopicPartition, Long> ends = ends(admin, EVENT_TOPICS);
			Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
			for (String suffix : List.of("-inbound", "-outbound")) {
				admin.listConsumerGroupOffsets(this.group + suffix)
					.partitionsToOffsetAndMetadata()
					.get()
					.forEach((partition, offset) -> {
						if (offset != null && partition.topic()
							.equals(suffix.equals("-inbound") ? Topics.HUBSPOT_EVENTS : Topics.LOCAL_CHANGES)) {
							committed.put(partition, offset);
						}
					});
			}
			for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
				OffsetAndMetadata offset = committed.get(end.getKey());
				if (end.getValue() > 0 && (offset == null || offset.offset() < end.getValue())) {
					return false;
				}
			}
			return true;
		}
	}

	// ------------------------------------------------------------------ the check

	private List<String> quiesceAndCheck() throws Exception {
		AtomicInteger rightAndQuiet = new AtomicInteger();
		Instant[] wrongSince = new Instant[1];
		try {
			await().atMost(QUIET_WAIT).pollInterval(Duration.ofMillis(250)).until(() -> {
				pollEvery(Duration.ofSeconds(2));
				// HubSpot delivers late, never not at all, what it did not drop
				receiver().release();
				if (!capture().quiet() || !consumedEverything()) {
					rightAndQuiet.set(0);
					wrongSince[0] = null;
					return false;
				}
				if (!check().isEmpty()) {
					// quiet and wrong through several polls: nothing is coming to heal it
					rightAndQuiet.set(0);
					wrongSince[0] = (wrongSince[0] != null) ? wrongSince[0] : Instant.now();
					if (Duration.between(wrongSince[0], Instant.now()).compareTo(QUIET_AND_WRONG) > 0) {
						throw new ConditionTimeoutException("quiet and wrong for " + QUIET_AND_WRONG);
					}
					return false;
				}
				// quiet and right twice, a poll apart: a late write would show
				if (rightAndQuiet.incrementAndGet() == 1) {
					poll();
					return false;
				}
				return true;
			});
			return List.of();
		}
		catch (ConditionTimeoutException ex) {
			List<String> result = new ArrayList<>(check());
			result.add(0, ex.getMessage() + " (" + receiver().counts() + "; the last poll published " + this.lastPolled
					+ "; capture quiet " + capture().quiet() + ", events consumed " + consumedEverything() + ")");
			result.add("state: " + state());
			return result;
		}
	}

	private void pollEvery(Duration interval) {
		if (Duration.between(this.lastPoll, Instant.now()).compareTo(interval) > 0) {
			poll();
		}
	}

	/**
	 * Compares both sides with the model.
	 * @return every difference
	 * @throws Exception when a side cannot be read
	 */
	List<String> check() throws Exception {
		List<String> violations = new ArrayList<>();
		List<String> withHistory = new ArrayList<>(List.of("firstname", "lastname", "email", "phone", "lifecyclestage",
				"hs_additional_emails", "lastmodifieddate", "hubsync_record_id", "hubsync_source_system"));
		Map<String, List<HubSpotObject>> contacts = new HashMap<>();
		try (Stream<HubSpotObject> all = user().objects()
			.listAll("contacts", new ReadOptions(List.of("email", "firstname", "lastname", "hubsync_record_id"),
					withHistory, false))) {
			all.forEach((contact) -> contacts
				.computeIfAbsent(String.valueOf(contact.property("email")).toLowerCase(Locale.ROOT),
						(e) -> new ArrayList<>())
				.add(contact));
		}
		Map<String, List<Map<String, Object>>> leads = new HashMap<>();
		for (Map<String, Object> row : sql()
			.rows("SELECT id::text AS id, email, first_name, last_name FROM public.leads WHERE deleted_at IS NULL")) {
			leads.computeIfAbsent(String.valueOf(row.get("email")).toLowerCase(Locale.ROOT), (e) -> new ArrayList<>())
				.add(row);
		}
		Map<String, String> links = new HashMap<>();
		for (Map<String, Object> link : sql().rows(
				"SELECT platform_key, hubspot_id::text AS id FROM hubsync.link WHERE object_type_id = '0-1' AND NOT archived")) {
			links.put((String) link.get("platform_key"), (String) link.get("id"));
		}
		for (int index = 0; index < this.history.persons().size(); index++) {
			checkPerson(index, contacts.remove(this.history.persons().get(index).email(index)),
					leads.remove(this.history.persons().get(index).email(index)), links, violations);
		}
		contacts.forEach((email, list) -> violations.add("HubSpot holds records no one made: " + email));
		leads.forEach((email, list) -> violations.add("the product holds rows no one made: " + email));
		violations.addAll(deadLetters());
		for (Map<String, Object> review : sql().rows(
				"SELECT kind, platform_key, hubspot_id, field, detail FROM hubsync.review WHERE resolved_at IS NULL")) {
			boolean twin = "duplicate_email".equals(review.get("kind"))
					&& this.twins.containsValue((String) review.get("platform_key"));
			if (!twin) {
				violations.add("an open review no one needs: " + review);
			}
		}
		return violations;
	}

	private void checkPerson(int index, @Nullable List<HubSpotObject> contacts,
			@Nullable List<Map<String, Object>> leads, Map<String, String> links, List<String> violations) {
		String who = "person " + index;
		if (contacts == null || contacts.size() != 1) {
			violations.add(who + ": " + ((contacts == null) ? 0 : contacts.size()) + " HubSpot records, not 1");
			return;
		}
		HubSpotObject contact = contacts.get(0);
		String twin = this.twins.get(index);
		int expectedRows = (twin != null) ? 2 : 1;
		if (leads == null || leads.size() != expectedRows) {
			violations.add(who + ": " + ((leads == null) ? 0 : leads.size()) + " product rows, not " + expectedRows);
			return;
		}
		Map<String, Object> row = leads.stream()
			.filter((lead) -> !lead.get("id").equals(twin))
			.findFirst()
			.orElseThrow();
		if (!contact.id().equals(links.get((String) row.get("id")))) {
			violations.add(who + ": row " + row.get("id") + " is linked to " + links.get((String) row.get("id"))
					+ ", not to record " + contact.id());
		}
		if (twin != null) {
			Map<String, Object> twinRow = leads.stream()
				.filter((lead) -> lead.get("id").equals(twin))
				.findFirst()
				.orElseThrow();
			if (links.containsKey(twin)) {
				violations.add(who + ": the twin row " + twin + " is linked");
			}
			if (!("Twin" + index).equals(twinRow.get("first_name")) || twinRow.get("last_name") != null) {
				violations.add(who + ": the twin row was written: " + twinRow);
			}
		}
		for (Field field : Field.values()) {
			Set<@Nullable String> expected = this.model.expected(index, field);
			String inHubSpot = empty(contact.property(field.property));
			String inProduct = empty((String) row.get(field.column));
			if (!expected.contains(inHubSpot) || !expected.contains(inProduct)
					|| !Objects.equals(inHubSpot, inProduct)) {
				violations.add(who + " " + field.property + ": HubSpot " + inHubSpot + ", product " + inProduct
						+ ", expected " + expected + " from " + this.model.explain(index, field));
			}
		}
		List<Instant> empty = emptyWrites(contact).stream().filter((write) -> !racedByAPerson(contact, write)).toList();
		if (!empty.isEmpty()) {
			violations.add(who + ": " + empty.size() + " write(s) by the sync to record " + contact.id()
					+ " changed nothing, at " + empty + ", requests then: " + requestsAround(empty));
		}
	}

	private List<String> requestsAround(List<Instant> times) {
		RequestLog log = emulator().bean(RequestLog.class);
		return log
			.find((entry) -> times.stream()
				.anyMatch((at) -> Duration.between(entry.at(), at).abs().compareTo(Duration.ofMillis(50)) < 0))
			.stream()
			.map((entry) -> entry.at() + " " + entry.method() + " " + entry.path() + " " + entry.caller() + " "
					+ entry.status())
			.toList();
	}

	/**
	 * Tells whether a person's edit of the record landed between the sync's last read of
	 * records and its write: HubSpot has no conditional write, so the same edit made by a
	 * person and by the sync at once makes the sync's write one that changes nothing, and
	 * no client can prevent it. Only such a write is excused; its value was the person's.
	 */
	private boolean racedByAPerson(HubSpotObject contact, Instant write) {
		Map<String, List<PropertyHistory>> history = contact.propertiesWithHistory();
		if (history == null) {
			return false;
		}
		Instant read = emulator().bean(RequestLog.class)
			.find((entry) -> "POST".equals(entry.method()) && entry.path().endsWith("/batch/read")
					&& entry.caller() != null && entry.caller().startsWith("app:") && !entry.at().isAfter(write))
			.stream()
			.map((entry) -> entry.at().minusMillis(entry.millis()))
			.max(Instant::compareTo)
			.orElse(null);
		if (read == null) {
			return false;
		}
		return history.entrySet()
			.stream()
			.filter((entry) -> !entry.getKey().equals("lastmodifieddate"))
			.flatMap((entry) -> entry.getValue().stream())
			.anyMatch((entry) -> !"INTEGRATION".equals(entry.sourceType()) && entry.timestamp().isAfter(read)
					&& !entry.timestamp().isAfter(write));
	}

	/**
	 * The sync's writes that moved only the record's modification time: HubSpot keeps no
	 * history entry for a property set to the value it had.
	 */
	private static List<Instant> emptyWrites(HubSpotObject contact) {
		Map<String, List<PropertyHistory>> history = contact.propertiesWithHistory();
		if (history == null || history.get("lastmodifieddate") == null) {
			return List.of();
		}
		List<Instant> empty = new ArrayList<>();
		for (PropertyHistory touch : history.get("lastmodifieddate")) {
			if (!"INTEGRATION".equals(touch.sourceType())) {
				continue;
			}
			boolean changed = history.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().equals("lastmodifieddate"))
				.flatMap((entry) -> entry.getValue().stream())
				.anyMatch((entry) -> entry.timestamp().equals(touch.timestamp()));
			if (!changed) {
				empty.add(touch.timestamp());
			}
		}
		return empty;
	}

	private List<String> deadLetters() {
		List<String> letters = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafka().bootstrapServers(),
						ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : DEAD_LETTER_TOPICS) {
				consumer.partitionsFor(topic, Duration.ofSeconds(10))
					.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			}
			consumer.assign(partitions);
			for (TopicPartition partition : partitions) {
				consumer.seek(partition, this.deadLetterStarts.getOrDefault(partition.toString(), 0L));
			}
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			Instant deadline = Instant.now().plusSeconds(10);
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))
					&& Instant.now().isBefore(deadline)) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					Header reason = record.headers().lastHeader(EventHeaders.DLT_REASON);
					letters.add("dead-lettered on " + record.topic() + ": " + record.key() + " — "
							+ ((reason != null) ? new String(reason.value(), StandardCharsets.UTF_8) : "no reason"));
				}
			}
		}
		return letters;
	}

	/** Where the worker's threads are, for a failure report of a history that stalled. */
	private static String workerThreads() {
		StringBuilder text = new StringBuilder();
		Thread.getAllStackTraces().forEach((thread, stack) -> {
			boolean worker = java.util.Arrays.stream(stack)
				.anyMatch((frame) -> frame.getClassName().startsWith("dev.hubsync.worker")
						&& !frame.getClassName().startsWith("dev.hubsync.worker.model"));
			if (worker) {
				text.append("\n  ").append(thread.getName()).append(' ').append(thread.getState());
				for (int i = 0; i < Math.min(stack.length, 40); i++) {
					text.append("\n    at ").append(stack[i]);
				}
			}
		});
		return text.toString();
	}

	/** The sync's own record of what it did, for a failure report. */
	private String state() {
		try {
			return "bulk syncs " + sql().rows("SELECT trigger, state, summary FROM hubsync.bulk_sync ORDER BY id")
					+ "; links "
					+ sql().rows("SELECT platform_key, hubspot_id, archived, synced_values::text AS synced"
							+ " FROM hubsync.link WHERE object_type_id = '0-1'")
					+ "; sync log " + sql().rows("SELECT platform_key, hubspot_id, direction, outcome, field,"
							+ " platform_value, hubspot_value, detail FROM hubsync.sync_log ORDER BY id");
		}
		catch (SQLException ex) {
			return ex.toString();
		}
	}

	private static @Nullable String empty(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	String timeline() {
		return String.join(" → ", this.timeline);
	}

	// ------------------------------------------------------------------ plumbing

	private HubSpotEmulator emulator() {
		return Objects.requireNonNull(this.emulator);
	}

	private HubSpotClient user() {
		return Objects.requireNonNull(this.user);
	}

	private DemoDatabase database() {
		return Objects.requireNonNull(this.database);
	}

	private Sql sql() {
		return Objects.requireNonNull(this.sql);
	}

	private Capture capture() {
		return Objects.requireNonNull(this.capture);
	}

	private WebhookReceiver receiver() {
		return Objects.requireNonNull(this.receiver);
	}

	private ConfigurableApplicationContext worker() {
		return Objects.requireNonNull(this.worker);
	}

	@Override
	public void close() {
		for (AutoCloseable closeable : new AutoCloseable[] { this.replica, this.worker, this.capture, this.receiver,
				this.emulator == null ? null : this.emulator::close }) {
			if (closeable != null) {
				try {
					closeable.close();
				}
				catch (Exception ex) {
					// closing what is left of a run: nothing to keep
				}
			}
		}
	}

}
