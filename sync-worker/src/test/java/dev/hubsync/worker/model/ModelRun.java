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
import java.util.EnumMap;
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
import dev.hubsync.hubspot.associations.AssociationSpec;
import dev.hubsync.hubspot.error.HubSpotConflictException;
import dev.hubsync.hubspot.transport.TokenProvider;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ObjectAssociation;
import dev.hubsync.hubspot.objects.PropertyHistory;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.owners.Owner;
import dev.hubsync.hubspot.pipelines.Pipeline;
import dev.hubsync.hubspot.pipelines.PipelineStage;
import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.worker.model.History.Born;
import dev.hubsync.worker.model.History.Edit;
import dev.hubsync.worker.model.History.Field;
import dev.hubsync.worker.model.History.Item;
import dev.hubsync.worker.model.History.ItemEdit;
import dev.hubsync.worker.model.History.Kind;
import dev.hubsync.worker.model.History.Made;
import dev.hubsync.worker.model.History.Person;
import dev.hubsync.worker.model.History.Poll;
import dev.hubsync.worker.model.History.Replica;
import dev.hubsync.worker.model.History.Restart;
import dev.hubsync.worker.model.History.Side;
import dev.hubsync.worker.model.History.Step;
import dev.hubsync.worker.model.History.Values;
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
 * sync workers on the shared broker. The product has a user for each of the emulator's
 * owners the history names (Ann and Bo, matched by email); a ticket's status is a stage
 * of the emulator's default pipeline, by label, as the demo mapping says. It makes the
 * history happen — recording each user change in the {@link Reference} with the time the
 * sync will see — then waits for quiet and reports every way the two sides differ from
 * the model.
 */
final class ModelRun implements AutoCloseable {

	private static final AtomicInteger RUNS = new AtomicInteger();

	private static final Duration LINK_WAIT = Duration.ofSeconds(60);

	private static final Duration QUIET_WAIT = Duration.ofSeconds(120);

	private static final Duration QUIET_AND_WRONG = Duration.ofSeconds(20);

	/** A task's due date (HubSpot requires one); the history does not change it. */
	private static final String DUE = "2026-12-24T09:00:00Z";

	/** The demo mapping's task statuses. */
	private static final Map<String, String> TASK_STATUSES = Map.of("open", "NOT_STARTED", "in_progress", "IN_PROGRESS",
			"waiting", "WAITING", "deferred", "DEFERRED", "done", "COMPLETED");

	/** The worker's default {@code hubsync.worker.partitions}. */
	private static final int WORKER_PARTITIONS = 6;

	private static final List<String> EVENT_TOPICS = List.of(Topics.HUBSPOT_EVENTS, Topics.LOCAL_CHANGES);

	private static final List<String> DEAD_LETTER_TOPICS = List.of(Topics.HUBSPOT_EVENTS_DLT, Topics.LOCAL_CHANGES_DLT);

	private final History history;

	private final Reference model = new Reference();

	private final String group = "model-" + UUID.randomUUID();

	private final Map<Integer, String> rows = new HashMap<>();

	private final Map<Integer, String> twins = new HashMap<>();

	/** An item's product row, once known. */
	private final Map<Integer, String> itemRows = new HashMap<>();

	/** An item's HubSpot record, once known. */
	private final Map<Integer, String> itemRecords = new HashMap<>();

	/** A history's owner (ann, bo) to the HubSpot owner's id. */
	private final Map<String, String> ownerIds = new HashMap<>();

	/** A history's owner to the product user's key. */
	private final Map<String, String> userKeys = new HashMap<>();

	/** A ticket status to the stage id of the default pipeline's stage with its label. */
	private final Map<String, String> stageIds = new HashMap<>();

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
		usersAndStages();
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
		else if (step instanceof Made made) {
			return made(made.item());
		}
		else if (step instanceof Edit edit) {
			if (!awaitLinked(edit.person())) {
				return false;
			}
			String who = "person " + edit.person();
			if (edit.side() == Side.PRODUCT) {
				editProduct(who, Kind.LEAD, Objects.requireNonNull(this.rows.get(edit.person())), edit.field(),
						edit.value());
			}
			else {
				setInHubSpot(who, Kind.LEAD, Objects.requireNonNull(recordId(edit.person())), edit.field(),
						edit.value(), "edit");
			}
		}
		else if (step instanceof ItemEdit edit) {
			String[] link = awaitItemLinked(edit.item());
			if (link == null) {
				return false;
			}
			Kind kind = this.history.items().get(edit.item()).kind();
			String who = "item " + edit.item();
			if (edit.side() == Side.PRODUCT) {
				editProduct(who, kind, link[0], edit.field(), edit.value());
			}
			else {
				setInHubSpot(who, kind, link[1], edit.field(), edit.value(), "edit");
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
		boolean both = !before && person.birth().product && person.birth().hubspot;
		if (both) {
			// born on both sides at once: the sync hears of the HubSpot record once the
			// product's row is there too (on a loaded machine the inbound direction could
			// otherwise make a row for the record first, and the product a second one)
			receiver().pause();
		}
		try {
			bornOnEachSide(index, person, before, productFirst);
		}
		finally {
			if (both) {
				receiver().resume();
			}
		}
	}

	private void bornOnEachSide(int index, Person person, boolean before, boolean productFirst) throws Exception {
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
					.forEach((field, value) -> this.model.changed("person " + index, field,
							new Change(() -> at, Side.HUBSPOT, value, "born in HubSpot")));
			}
			else {
				try {
					Instant at = Objects
						.requireNonNull(user().objects().create("contacts", properties, List.of()).createdAt());
					person.hubspot()
						.forEach((field, value) -> this.model.changed("person " + index, field,
								new Change(() -> at, Side.HUBSPOT, value, "born in HubSpot")));
				}
				catch (HubSpotConflictException ex) {
					// the sync made the product's row's record first: the user enters
					// their
					// values on it
					String id = ex.existingId().orElseThrow();
					this.timeline.add("person " + index + " exists in HubSpot already: " + id);
					person.hubspot()
						.forEach((field, value) -> setInHubSpot("person " + index, Kind.LEAD, id, field, value,
								"born in HubSpot"));
				}
			}
		}
		if (person.birth().product && !productFirst) {
			bornInProduct(index, person, before);
		}
	}

	private void bornInProduct(int index, Person person, boolean before) throws SQLException {
		Instant at = this.base.minus(person.productMinutesAgo(), ChronoUnit.MINUTES);
		String existing = before ? null : existingRow(person.productEmail(index));
		if (existing != null) {
			// the sync made the HubSpot record's row first (a loaded machine is slow to
			// get here): the user enters their values on it, as on the HubSpot side
			this.timeline.add("person " + index + " exists in the product already: " + existing);
			this.rows.put(index, existing);
			for (Map.Entry<Field, String> value : person.product().entrySet()) {
				editProduct("person " + index, Kind.LEAD, existing, value.getKey(), value.getValue());
			}
			twin(index, person, before, at);
			return;
		}
		String key;
		long xid;
		try (Connection connection = database().connect();
				PreparedStatement insert = connection
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
			.forEach((field, value) -> this.model.changed("person " + index, field, new Change(
					before ? () -> at : () -> capture().commitTime(xid), Side.PRODUCT, value, "born in product")));
		twin(index, person, before, at);
	}

	private @Nullable String existingRow(String email) throws SQLException {
		Map<String, Object> row = sql()
			.row("SELECT id::text AS id FROM public.leads WHERE lower(email) = lower(?) AND deleted_at IS NULL", email);
		return (row != null) ? (String) row.get("id") : null;
	}

	/** A second row with the same email, newer: it stays apart, for review. */
	private void twin(int index, Person person, boolean before, Instant at) throws SQLException {
		if (!person.twin()) {
			return;
		}
		try (Connection connection = database().connect();
				PreparedStatement twin = connection
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

	/**
	 * A user edits a column of a row; it is a change when the value differs from the
	 * row's.
	 */
	private void editProduct(String who, Kind kind, String key, Field field, @Nullable String value)
			throws SQLException {
		String column = productValue(field, value);
		try (Connection connection = database().connect()) {
			connection.setAutoCommit(false);
			String old;
			try (PreparedStatement lock = connection.prepareStatement(
					"SELECT " + field.column + "::text FROM public." + kind.table + " WHERE id = ?::uuid FOR UPDATE")) {
				lock.setString(1, key);
				try (ResultSet rs = lock.executeQuery()) {
					rs.next();
					old = rs.getString(1);
				}
			}
			long xid;
			try (PreparedStatement update = connection.prepareStatement("UPDATE public." + kind.table + " SET "
					+ field.column + " = ?" + cast(field) + " WHERE id = ?::uuid RETURNING txid_current()")) {
				update.setString(1, column);
				update.setString(2, key);
				try (ResultSet rs = update.executeQuery()) {
					rs.next();
					xid = rs.getLong(1);
				}
			}
			connection.commit();
			if (!Objects.equals(old, column)) {
				this.model.changed(who, field,
						new Change(() -> capture().commitTime(xid), Side.PRODUCT, value, "edit"));
			}
		}
	}

	/**
	 * A user sets a property; it is a change when HubSpot kept it (a value equal to the
	 * one it had is not a change).
	 */
	private void setInHubSpot(String who, Kind kind, String id, Field field, @Nullable String value, String what) {
		String property = hubspotValue(field, value);
		Instant before = Instant.now().minusMillis(1);
		user().objects().update(kind.type, id, Map.of(field.property, (property != null) ? property : ""));
		HubSpotObject read = user().objects()
			.get(kind.type, id, new ReadOptions(List.of(field.property), List.of(field.property), false))
			.orElseThrow();
		List<PropertyHistory> changes = Objects.requireNonNull(read.propertiesWithHistory())
			.getOrDefault(field.property, List.of());
		for (PropertyHistory change : changes) {
			if ("CRM_UI".equals(change.sourceType()) && Objects.equals(empty(change.value()), property)
					&& !change.timestamp().isBefore(before)) {
				Instant at = change.timestamp();
				this.model.changed(who, field, new Change(() -> at, Side.HUBSPOT, value, what));
				return;
			}
		}
	}

	// ------------------------------------------------------------------ tasks, tickets

	/**
	 * Makes the product's users of the history's owners (a user for each owner, by email)
	 * and reads the ticket stages' ids, which are the portal's.
	 */
	private void usersAndStages() throws SQLException {
		for (Owner owner : user().owners().list(false)) {
			for (String name : Values.OWNER.choices) {
				if (owner.email() != null && owner.email().startsWith(name + ".")) {
					this.ownerIds.put(name, owner.id());
					this.userKeys.put(name,
							sql()
								.row("INSERT INTO public.users (email, name) VALUES (?, ?) RETURNING id::text",
										owner.email(), name)
								.get("id")
								.toString());
				}
			}
		}
		if (this.ownerIds.size() != Values.OWNER.choices.size()) {
			throw new IllegalStateException(
					"the emulator lacks owners of " + Values.OWNER.choices + ": " + this.ownerIds);
		}
		// the default pipeline is the first; the demo mapping names its stages by label
		Pipeline pipeline = user().pipelines().list(Kind.TICKET.type).get(0);
		Map<String, String> labels = Map.of("new", "New", "waiting_on_contact", "Waiting on contact", "waiting_on_us",
				"Waiting on us", "closed", "Closed");
		for (String status : Values.TICKET_STATUS.choices) {
			this.stageIds.put(status,
					pipeline.stages()
						.stream()
						.filter((stage) -> stage.label().equals(labels.get(status)))
						.map(PipelineStage::id)
						.findFirst()
						.orElseThrow());
		}
	}

	/** Makes a task or ticket of a linked person, on its side, associated with them. */
	private boolean made(int index) throws Exception {
		Item item = this.history.items().get(index);
		if (!awaitLinked(item.person())) {
			return false;
		}
		String[] person = Objects.requireNonNull(link(item.person()));
		String who = "item " + index;
		Kind kind = item.kind();
		if (item.side() == Side.PRODUCT) {
			List<String> columns = new ArrayList<>(List.of("lead_id"));
			List<String> values = new ArrayList<>(List.of(person[0]));
			List<String> casts = new ArrayList<>(List.of("?::uuid"));
			if (kind == Kind.TASK) {
				// HubSpot requires a task's due date
				columns.add("due_at");
				values.add(DUE);
				casts.add("?::timestamptz");
			}
			item.values().forEach((field, value) -> {
				columns.add(field.column);
				values.add(productValue(field, value));
				casts.add("?" + cast(field));
			});
			long xid;
			try (Connection connection = database().connect();
					PreparedStatement insert = connection
						.prepareStatement("INSERT INTO public." + kind.table + " (" + String.join(", ", columns)
								+ ") VALUES (" + String.join(", ", casts) + ") RETURNING id::text, txid_current()")) {
				for (int i = 0; i < values.size(); i++) {
					insert.setString(i + 1, values.get(i));
				}
				try (ResultSet rs = insert.executeQuery()) {
					rs.next();
					this.itemRows.put(index, rs.getString(1));
					xid = rs.getLong(2);
				}
			}
			Map<Field, String> born = new EnumMap<>(Field.class);
			born.putAll(item.values());
			if (kind == Kind.TICKET) {
				// a ticket inserted with no status is new (the demo schema's default)
				born.putIfAbsent(Field.TICKET_STATUS, "new");
			}
			born.forEach((field, value) -> this.model.changed(who, field,
					new Change(() -> capture().commitTime(xid), Side.PRODUCT, value, "made in product")));
		}
		else {
			Map<String, String> properties = new LinkedHashMap<>();
			if (kind == Kind.TASK) {
				properties.put("hs_timestamp", DUE);
			}
			item.values().forEach((field, value) -> properties.put(field.property, hubspotValue(field, value)));
			HubSpotObject made = user().objects()
				.create(kind.type, properties,
						List.of(ObjectAssociation.of(person[1], AssociationSpec.hubspotDefined(kind.toContact))));
			this.itemRecords.put(index, made.id());
			Instant at = Objects.requireNonNull(made.createdAt());
			item.values()
				.forEach((field, value) -> this.model.changed(who, field,
						new Change(() -> at, Side.HUBSPOT, value, "made in HubSpot")));
		}
		this.timeline.add(who + " made");
		return true;
	}

	/** Waits until an item's row and record are linked. */
	private String @Nullable [] awaitItemLinked(int item) {
		try {
			String[][] link = new String[1][];
			await().atMost(LINK_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
				pollEvery(Duration.ofSeconds(2));
				link[0] = itemLink(item);
				return link[0] != null;
			});
			return link[0];
		}
		catch (ConditionTimeoutException ex) {
			this.timeline.add("item " + item + " was not linked within " + LINK_WAIT);
			return null;
		}
	}

	/** An item's row and record, when linked. */
	private String @Nullable [] itemLink(int item) throws SQLException {
		Kind kind = this.history.items().get(item).kind();
		String row = this.itemRows.get(item);
		String record = this.itemRecords.get(item);
		Map<String, Object> link = (row != null)
				? sql().row(
						"SELECT platform_key, hubspot_id::text AS hubspot_id FROM hubsync.link"
								+ " WHERE object_type_id = ? AND NOT archived AND platform_key = ?",
						kind.objectTypeId, row)
				: sql().row(
						"SELECT platform_key, hubspot_id::text AS hubspot_id FROM hubsync.link"
								+ " WHERE object_type_id = ? AND NOT archived AND hubspot_id = ?::bigint",
						kind.objectTypeId, Objects.requireNonNull(record));
		if (link == null) {
			return null;
		}
		return new String[] { (String) link.get("platform_key"), (String) link.get("hubspot_id") };
	}

	/** A history's value as the product's column holds it (an owner: the user's key). */
	private @Nullable String productValue(Field field, @Nullable String value) {
		if (value == null || field.values != Values.OWNER) {
			return value;
		}
		return Objects.requireNonNull(this.userKeys.get(value));
	}

	/** A history's value as HubSpot's property holds it. */
	private @Nullable String hubspotValue(Field field, @Nullable String value) {
		if (value == null) {
			return null;
		}
		return switch (field.values) {
			case TEXT -> value;
			case OWNER -> Objects.requireNonNull(this.ownerIds.get(value));
			case TICKET_STATUS -> Objects.requireNonNull(this.stageIds.get(value));
			case TASK_STATUS -> TASK_STATUSES.get(value);
		};
	}

	/**
	 * A column's value as the history names it; a value it has no name for stays as it
	 * is, marked, so it differs from every expectation.
	 */
	private @Nullable String fromProduct(Field field, @Nullable Object value) {
		String text = empty((value != null) ? value.toString() : null);
		if (text == null || field.values != Values.OWNER) {
			return text;
		}
		return nameOf(this.userKeys, text);
	}

	/** A property's value as the history names it. */
	private @Nullable String fromHubSpot(Field field, @Nullable String value) {
		String text = empty(value);
		if (text == null) {
			return null;
		}
		return switch (field.values) {
			case TEXT -> text;
			case OWNER -> nameOf(this.ownerIds, text);
			case TICKET_STATUS -> nameOf(this.stageIds, text);
			case TASK_STATUS -> nameOf(TASK_STATUSES, text);
		};
	}

	private static String nameOf(Map<String, String> names, String value) {
		return names.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().equals(value))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse("unnamed:" + value);
	}

	private static String cast(Field field) {
		return (field.values == Values.OWNER) ? "::uuid" : "";
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
		List<String> withHistory = withHistory(Kind.LEAD);
		Map<String, List<HubSpotObject>> contacts = new HashMap<>();
		try (Stream<HubSpotObject> all = user().objects()
			.listAll("contacts",
					new ReadOptions(List.of("email", "firstname", "lastname", "hubspot_owner_id", "hubsync_record_id"),
							withHistory, false))) {
			all.forEach((contact) -> contacts
				.computeIfAbsent(String.valueOf(contact.property("email")).toLowerCase(Locale.ROOT),
						(e) -> new ArrayList<>())
				.add(contact));
		}
		Map<String, List<Map<String, Object>>> leads = new HashMap<>();
		for (Map<String, Object> row : sql()
			.rows("SELECT id::text AS id, email, first_name, last_name, owner_id::text AS owner_id FROM public.leads"
					+ " WHERE deleted_at IS NULL")) {
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
		checkItems(Kind.TASK, violations);
		checkItems(Kind.TICKET, violations);
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
		checkFields(who, Kind.LEAD, contact, row, violations);
	}

	/**
	 * Compares a pair's fields with the model, and finds the sync's writes to the record
	 * that changed nothing.
	 */
	private void checkFields(String who, Kind kind, HubSpotObject record, Map<String, Object> row,
			List<String> violations) {
		for (Field field : kind.fields()) {
			Set<@Nullable String> expected = this.model.expected(who, field);
			String inHubSpot = fromHubSpot(field, record.property(field.property));
			String inProduct = fromProduct(field, row.get(field.column));
			if (!expected.contains(inHubSpot) || !expected.contains(inProduct)
					|| !Objects.equals(inHubSpot, inProduct)) {
				violations.add(who + " " + field.property + ": HubSpot " + inHubSpot + ", product " + inProduct
						+ ", expected " + expected + " from " + this.model.explain(who, field));
			}
		}
		List<Instant> empty = emptyWrites(record, kind.modified).stream()
			.filter((write) -> !racedByAPerson(record, kind, write))
			.toList();
		if (!empty.isEmpty()) {
			violations.add(who + ": " + empty.size() + " write(s) by the sync to " + kind.type + " record "
					+ record.id() + " changed nothing, at " + empty + ", requests then: " + requestsAround(empty)
					+ ", the record's changes before: " + changesBefore(record, kind.modified, empty));
		}
	}

	/**
	 * Compares the tasks or tickets of both sides with the model: one linked pair per
	 * item, associated with its person's pair, nothing no one made.
	 */
	private void checkItems(Kind kind, List<String> violations) throws Exception {
		List<String> properties = new ArrayList<>(kind.fields().stream().map((field) -> field.property).toList());
		properties.add("hubsync_record_id");
		Map<String, HubSpotObject> records = new HashMap<>();
		try (Stream<HubSpotObject> all = user().objects()
			.listAll(kind.type, new ReadOptions(properties, withHistory(kind), false))) {
			all.forEach((record) -> records.put(record.id(), record));
		}
		StringBuilder columns = new StringBuilder("id::text AS id, lead_id::text AS lead_id");
		kind.fields()
			.forEach((field) -> columns.append(", ").append(field.column).append("::text AS ").append(field.column));
		Map<String, Map<String, Object>> rows = new HashMap<>();
		for (Map<String, Object> row : sql()
			.rows("SELECT " + columns + " FROM public." + kind.table + " WHERE deleted_at IS NULL")) {
			rows.put((String) row.get("id"), row);
		}
		for (int index = 0; index < this.history.items().size(); index++) {
			Item item = this.history.items().get(index);
			boolean made = this.itemRows.containsKey(index) || this.itemRecords.containsKey(index);
			if (item.kind() != kind || !made) {
				continue;
			}
			String who = "item " + index;
			String[] link = itemLink(index);
			if (link == null) {
				violations.add(who + " (" + kind.type + "): its row " + this.itemRows.get(index) + " and record "
						+ this.itemRecords.get(index) + " are not linked");
				continue;
			}
			Map<String, Object> row = rows.remove(link[0]);
			HubSpotObject record = records.remove(link[1]);
			if (row == null || record == null) {
				violations.add(who + " (" + kind.type + "): linked row " + link[0] + " is "
						+ ((row == null) ? "missing" : "there") + ", record " + link[1] + " is "
						+ ((record == null) ? "missing" : "there"));
				continue;
			}
			String[] person = link(item.person());
			if (person == null || !person[0].equals(row.get("lead_id"))) {
				violations.add(who + ": the row's lead is " + row.get("lead_id") + ", not person " + item.person()
						+ "'s row " + ((person != null) ? person[0] : null));
			}
			List<String> contacts = user().associations()
				.list(kind.type, record.id(), "contacts")
				.stream()
				.map((associated) -> associated.toObjectId())
				.toList();
			if (person == null || !contacts.equals(List.of(person[1]))) {
				violations.add(who + ": record " + record.id() + " is associated with contacts " + contacts
						+ ", not only with person " + item.person() + "'s " + ((person != null) ? person[1] : null));
			}
			checkFields(who, kind, record, row, violations);
		}
		records.keySet().forEach((id) -> violations.add("HubSpot holds " + kind.type + " no one made: " + id));
		rows.keySet().forEach((id) -> violations.add("the product holds " + kind.table + " no one made: " + id));
	}

	/**
	 * The properties whose history is read: every property the demo mapping syncs and the
	 * sync's own, so a write that changed nothing shows.
	 */
	private static List<String> withHistory(Kind kind) {
		List<String> names = new ArrayList<>(switch (kind) {
			case LEAD -> List.of("firstname", "lastname", "email", "phone", "lifecyclestage", "hs_additional_emails",
					"hubspot_owner_id");
			case TASK -> List.of("hs_task_subject", "hs_task_body", "hs_task_status", "hs_task_priority",
					"hs_task_type", "hs_timestamp", "hubspot_owner_id");
			case TICKET -> List.of("subject", "content", "hs_ticket_priority", "hs_ticket_category", "hs_pipeline",
					"hs_pipeline_stage", "hubspot_owner_id");
		});
		names.addAll(List.of(kind.modified, "hubsync_record_id", "hubsync_source_system"));
		return names;
	}

	/** The record's property changes in the two seconds before each time. */
	private static List<String> changesBefore(HubSpotObject record, String modified, List<Instant> times) {
		Map<String, List<PropertyHistory>> history = Objects.requireNonNullElse(record.propertiesWithHistory(),
				Map.of());
		List<String> changes = new ArrayList<>();
		history.forEach((property, entries) -> entries.stream()
			.filter((entry) -> !property.equals(modified) && times.stream()
				.anyMatch((at) -> !entry.timestamp().isAfter(at)
						&& Duration.between(entry.timestamp(), at).compareTo(Duration.ofSeconds(2)) < 0))
			.forEach((entry) -> changes
				.add(entry.timestamp() + " " + property + "=" + entry.value() + " by " + entry.sourceType())));
		changes.sort(null);
		return changes;
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
	 * records of its type and its write: HubSpot has no conditional write, so the same
	 * edit made by a person and by the sync at once makes the sync's write one that
	 * changes nothing, and no client can prevent it. Only such a write is excused; its
	 * value was the person's.
	 */
	private boolean racedByAPerson(HubSpotObject record, Kind kind, Instant write) {
		Map<String, List<PropertyHistory>> history = record.propertiesWithHistory();
		if (history == null) {
			return false;
		}
		Instant read = emulator().bean(RequestLog.class)
			.find((entry) -> "POST".equals(entry.method()) && entry.path().endsWith("/" + kind.type + "/batch/read")
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
			.filter((entry) -> !entry.getKey().equals(kind.modified))
			.flatMap((entry) -> entry.getValue().stream())
			.anyMatch((entry) -> !"INTEGRATION".equals(entry.sourceType()) && entry.timestamp().isAfter(read)
					&& !entry.timestamp().isAfter(write));
	}

	/**
	 * The sync's writes that moved only the record's modification time: HubSpot keeps no
	 * history entry for a property set to the value it had.
	 */
	private static List<Instant> emptyWrites(HubSpotObject record, String modified) {
		Map<String, List<PropertyHistory>> history = record.propertiesWithHistory();
		if (history == null || history.get(modified) == null) {
			return List.of();
		}
		List<Instant> empty = new ArrayList<>();
		for (PropertyHistory touch : history.get(modified)) {
			if (!"INTEGRATION".equals(touch.sourceType())) {
				continue;
			}
			boolean changed = history.entrySet()
				.stream()
				.filter((entry) -> !entry.getKey().equals(modified))
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
					+ sql().rows("SELECT object_type_id, platform_key, hubspot_id, archived,"
							+ " synced_values::text AS synced FROM hubsync.link")
					+ "; sync log " + sql().rows("SELECT object_type_id, platform_key, hubspot_id, direction, outcome,"
							+ " field," + " platform_value, hubspot_value, detail FROM hubsync.sync_log ORDER BY id");
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
