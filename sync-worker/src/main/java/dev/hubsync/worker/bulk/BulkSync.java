package dev.hubsync.worker.bulk;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.objects.SearchClient;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.DaemonThreads;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.mapping.MappingFollower;
import dev.hubsync.worker.poller.ReconciliationPoller;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.PlatformRows;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Links the records that exist on one side only (ARCHITECTURE §4): on the first start
 * against a database and on demand. It does not write to HubSpot or the platform itself:
 * it publishes events into the normal pipeline, so matching (link, then
 * {@code hubsync_record_id}, then email) runs first and duplicates are impossible for the
 * same reasons as for live changes.
 * <ul>
 * <li>push: every live row without a link becomes a snapshot {@link LocalChange} on
 * {@value Topics#LOCAL_CHANGES}; snapshot changes use the rate budget's background lane,
 * so live changes go first;</li>
 * <li>pull: every HubSpot record without a link becomes a polled event on
 * {@value Topics#HUBSPOT_EVENTS}.</li>
 * </ul>
 * Progress (done/total, rate, ETA) is measured by counting links, logged, exported as
 * metrics and served by the admin API. One run at a time across instances (a PostgreSQL
 * advisory lock).
 */
@Component
public class BulkSync implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(BulkSync.class);

	private static final long LOCK = 0x4855_4253_594e_4342L; // "HUBSYNCB"

	private final MappingRegistry mappings;

	private final MappingFollower follower;

	private final PlatformRows rows;

	private final LinkStore links;

	private final HubSpotClient hubspot;

	private final KafkaTemplate<String, byte[]> kafka;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final WorkerProperties.Bulk settings;

	private final String outboundGroup;

	private final String inboundGroup;

	private final KafkaAdmin kafkaAdmin;

	private @Nullable Admin admin;

	private final long portalId;

	private final Clock clock;

	private final MeterRegistry meters;

	private final ExecutorService executor = Executors
		.newSingleThreadExecutor(DaemonThreads.named("hubsync-bulk-sync"));

	private final Map<String, Phase> gauged = new ConcurrentHashMap<>();

	/**
	 * Counted down when the worker stops: ends the waits between progress measurements.
	 */
	private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);

	private volatile @Nullable Run current;

	BulkSync(MappingRegistry mappings, MappingFollower follower, PlatformRows rows, LinkStore links,
			HubSpotClient hubspot, KafkaTemplate<String, byte[]> kafka, JdbcClient jdbc, DataSource dataSource,
			WorkerProperties properties, HubSpotProperties hubspotProperties, Clock clock, MeterRegistry meters,
			KafkaAdmin kafkaAdmin) {
		this.mappings = mappings;
		this.follower = follower;
		this.rows = rows;
		this.links = links;
		this.hubspot = hubspot.withLane(Lane.BACKGROUND);
		this.kafka = kafka;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.settings = properties.bulk();
		this.outboundGroup = properties.outbound().groupId();
		this.inboundGroup = properties.inbound().groupId();
		this.kafkaAdmin = kafkaAdmin;
		this.portalId = hubspotProperties.portalId();
		this.clock = clock;
		this.meters = meters;
	}

	@EventListener(ApplicationReadyEvent.class)
	void onFirstStart() {
		if (this.settings.onFirstStart()
				&& this.jdbc.sql("SELECT count(*) FROM hubsync.bulk_sync").query(Long.class).single() == 0) {
			start(Set.of(), Set.of(Direction.PUSH, Direction.PULL), "first-start");
		}
	}

	/**
	 * Starts a run in the background.
	 * @param objectTypes the object types (ids or names); empty for every mapped one
	 * @param directions push, pull or both
	 * @param trigger what started it, for the record
	 * @return the run
	 * @throws IllegalStateException when a run is in progress in this instance
	 */
	public synchronized Run start(Set<String> objectTypes, Set<Direction> directions, String trigger) {
		Run running = this.current;
		if (running != null && !running.isFinished()) {
			throw new IllegalStateException("a bulk sync is running (started " + running.startedAt() + ")");
		}
		Run run = new Run(trigger, this.clock.instant());
		this.current = run;
		this.executor.execute(() -> execute(run, objectTypes, directions));
		return run;
	}

	/**
	 * Returns the current or last run of this instance.
	 * @return the run, if any
	 */
	public @Nullable Run current() {
		return this.current;
	}

	private void execute(Run run, Set<String> requested, Set<Direction> directions) {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!this.follower.awaitCaughtUp(Duration.ofMinutes(1))) {
				run.finish("failed", "the mappings were not read within a minute");
				return;
			}
			if (!advisoryLock(connection, "pg_try_advisory_lock")) {
				run.finish("skipped", "another instance is running a bulk sync");
				return;
			}
			try {
				List<CompiledMapping> chosen = chosen(requested);
				long id = this.jdbc
					.sql("INSERT INTO hubsync.bulk_sync (object_types, trigger, state) VALUES (?, ?, 'running')"
							+ " RETURNING id")
					.params(String.join(",",
							chosen.stream().map((m) -> ObjectTypes.pathName(m.objectTypeId())).toList()), run.trigger())
					.query(Long.class)
					.single();
				run.id = id;
				logger.info("Bulk sync {} ({}) started: {} {}", id, run.trigger(),
						chosen.stream().map((m) -> ObjectTypes.pathName(m.objectTypeId())).toList(), directions);
				for (CompiledMapping mapping : chosen) {
					if (directions.contains(Direction.PUSH)) {
						push(run, mapping);
					}
					if (directions.contains(Direction.PULL)) {
						pull(run, mapping);
					}
				}
				boolean stalled = run.phases().stream().anyMatch((phase) -> phase.state.equals("stalled"));
				run.finish(stalled ? "stalled" : "finished", run.summary());
			}
			finally {
				advisoryLock(connection, "pg_advisory_unlock");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			run.finish("cancelled", "the worker is stopping");
		}
		catch (RuntimeException | SQLException ex) {
			logger.warn("Bulk sync failed: {}", ex.getMessage(), ex);
			run.finish("failed", ex.getMessage());
		}
		if (run.id != 0) {
			this.jdbc.sql("UPDATE hubsync.bulk_sync SET state = ?, summary = ?, finished_at = now() WHERE id = ?")
				.params(run.state(), run.detail(), run.id)
				.update();
		}
		logger.info("Bulk sync {} {}: {}", run.id, run.state(), run.detail());
	}

	private List<CompiledMapping> chosen(Set<String> requested) {
		Set<String> ids = ConcurrentHashMap.newKeySet();
		for (String type : requested) {
			ids.add(ObjectTypes.isObjectTypeId(type) ? type : ObjectTypes.byPathSegment(type)
				.orElseThrow(() -> new IllegalArgumentException("unknown object type '" + type + "'")));
		}
		// records others point at first, so most associations apply at once
		return this.mappings.all()
			.stream()
			.filter((mapping) -> ids.isEmpty() || ids.contains(mapping.objectTypeId()))
			.sorted(Comparator.comparingInt((CompiledMapping mapping) -> mapping.config().associations().size()))
			.toList();
	}

	private void push(Run run, CompiledMapping mapping) throws InterruptedException {
		String objectTypeId = mapping.objectTypeId();
		Phase phase = run.phase(objectTypeId, Direction.PUSH, this.clock.instant());
		gauge(phase);
		phase.total = this.rows.countUnlinked(mapping.config(), objectTypeId);
		Backlog backlog = new Backlog(admin(), this.outboundGroup);
		String after = null;
		while (true) {
			List<Row> page = this.rows.live(mapping.config(), after, this.settings.pageSize());
			if (page.isEmpty()) {
				break;
			}
			String keyColumn = mapping.config().keyColumn();
			after = String.valueOf(page.get(page.size() - 1).get(keyColumn));
			Set<String> linked = this.links
				.byPlatformKeys(objectTypeId, page.stream().map((row) -> String.valueOf(row.get(keyColumn))).toList())
				.keySet();
			List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(page.size());
			for (Row row : page) {
				String key = String.valueOf(row.get(keyColumn));
				if (linked.contains(key)) {
					continue;
				}
				LocalChange change = new LocalChange(mapping.config().platformTable(), key, ChangeOp.SNAPSHOT, null,
						row, 0, run.id, this.clock.instant(), false, null);
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOCAL_CHANGES,
						change.key().toString(), EventSerdes.localChanges().serialize(Topics.LOCAL_CHANGES, change));
				headers(record);
				sends.add(this.kafka.send(record));
			}
			phase.published += sends.size();
			await(sends, backlog);
			throttle(phase, backlog);
			if (phase.published > phase.total) {
				phase.total = phase.published; // rows inserted since the count
			}
			measure(phase, () -> phase.total - this.rows.countUnlinked(mapping.config(), objectTypeId), false);
		}
		settle(phase, () -> phase.total - this.rows.countUnlinked(mapping.config(), objectTypeId));
	}

	private void pull(Run run, CompiledMapping mapping) throws InterruptedException {
		String objectTypeId = mapping.objectTypeId();
		Phase phase = run.phase(objectTypeId, Direction.PULL, this.clock.instant());
		gauge(phase);
		String modifiedProperty = SearchClient.lastModifiedProperty(objectTypeId);
		Backlog backlog = new Backlog(admin(), this.inboundGroup);
		List<Long> published = new ArrayList<>();
		List<Long> page = new ArrayList<>();
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
		try (Stream<HubSpotObject> all = this.hubspot.objects()
			.listAll(ObjectTypes.pathName(objectTypeId), ReadOptions.properties(List.of(modifiedProperty)))) {
			for (HubSpotObject object : (Iterable<HubSpotObject>) all::iterator) {
				long id = Long.parseLong(object.id());
				Instant modified = ReconciliationPoller.modifiedAt(object, modifiedProperty);
				phase.modified.put(id, (modified != null) ? modified : Instant.EPOCH);
				page.add(id);
				if (page.size() == 100) {
					publishUnlinked(phase, page, published, sends);
					if (sends.size() >= this.settings.pageSize()) {
						await(sends, backlog);
						throttle(phase, backlog);
					}
				}
			}
		}
		publishUnlinked(phase, page, published, sends);
		await(sends, backlog);
		phase.total = published.size();
		phase.published = published.size();
		settle(phase, () -> this.links.countLinked(objectTypeId, published));
	}

	private void publishUnlinked(Phase phase, List<Long> page, List<Long> published,
			List<CompletableFuture<SendResult<String, byte[]>>> sends) {
		if (page.isEmpty()) {
			return;
		}
		String objectTypeId = phase.objectTypeId;
		Set<Long> linked = this.links.byHubSpotIds(objectTypeId, page).keySet();
		for (long id : page) {
			if (linked.contains(id)) {
				continue;
			}
			Instant modified = phase.modified.get(id);
			WebhookEvent event = WebhookEvent.polled(this.portalId, objectTypeId, id,
					(modified != null) ? modified : this.clock.instant());
			HubSpotEvent envelope = new HubSpotEvent(event, this.clock.instant(), EventSource.BULK);
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.HUBSPOT_EVENTS, event.key().toString(),
					EventSerdes.hubSpotEvents().serialize(Topics.HUBSPOT_EVENTS, envelope));
			headers(record);
			sends.add(this.kafka.send(record));
			published.add(id);
		}
		phase.published = published.size();
		phase.total = published.size();
		phase.modified.clear();
		page.clear();
	}

	/**
	 * Waits until a phase's records are linked, measuring every progress interval; a
	 * phase without progress for the stall timeout is reported stalled.
	 */
	private void settle(Phase phase, Counter done) throws InterruptedException {
		Instant lastProgress = this.clock.instant();
		long lastDone = -1;
		while (true) {
			measure(phase, done, true);
			if (phase.done >= phase.total) {
				phase.state = "finished";
				log(phase);
				return;
			}
			if (phase.done != lastDone) {
				lastDone = phase.done;
				lastProgress = this.clock.instant();
			}
			else if (Duration.between(lastProgress, this.clock.instant()).compareTo(this.settings.stallTimeout()) > 0) {
				phase.state = "stalled";
				logger.warn(
						"Bulk sync {} {}: {} of {} records not linked after {} without progress; see the"
								+ " dead-letter topics and the review queue",
						ObjectTypes.pathName(phase.objectTypeId), phase.direction.wireValue(), phase.total - phase.done,
						phase.total, this.settings.stallTimeout());
				return;
			}
			if (this.stopping.await(this.settings.progressInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new InterruptedException("stopping");
			}
		}
	}

	private void measure(Phase phase, Counter done, boolean force) {
		Instant now = this.clock.instant();
		if (!force && Duration.between(phase.measuredAt, now).compareTo(this.settings.progressInterval()) < 0) {
			return;
		}
		phase.done = Math.max(0, Math.min(phase.total, done.count()));
		phase.measuredAt = now;
		if (!force || phase.done < phase.total) {
			log(phase);
		}
	}

	private static void log(Phase phase) {
		Progress progress = phase.progress();
		logger.info("Bulk sync {} {}: {}/{} ({} %), {}/s, ETA {}", ObjectTypes.pathName(phase.objectTypeId),
				phase.direction.wireValue(), progress.done(), progress.total(),
				(progress.total() == 0) ? 100 : progress.done() * 100 / progress.total(),
				String.format(Locale.ROOT, "%.0f", progress.perSecond()),
				(progress.etaSeconds() != null) ? progress.etaSeconds() + " s" : "-");
	}

	private void gauge(Phase phase) {
		String name = phase.objectTypeId + "/" + phase.direction;
		Phase previous = this.gauged.put(name, phase);
		if (previous == null) {
			Tags tags = Tags.of("object_type", ObjectTypes.pathName(phase.objectTypeId), "direction",
					phase.direction.wireValue());
			Gauge.builder("hubsync.worker.bulk.size", this.gauged, (g) -> g.get(name).total)
				.description("Records the current or last bulk sync set out to link")
				.tags(tags)
				.register(this.meters);
			Gauge.builder("hubsync.worker.bulk.done", this.gauged, (g) -> g.get(name).done)
				.description("Records the current or last bulk sync has linked")
				.tags(tags)
				.register(this.meters);
		}
	}

	private static void headers(ProducerRecord<String, byte[]> record) {
		record.headers()
			.add(EventHeaders.CORRELATION_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
			.add(EventHeaders.SOURCE, EventSource.BULK.wireValue().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Waits until the workers are at most {@code max-ahead} events behind what this phase
	 * published. Without progress for the stall timeout (no worker consuming) it stops
	 * waiting and publishes the rest: the events then wait in the topic.
	 */
	private void throttle(Phase phase, Backlog backlog) throws InterruptedException {
		int last = Integer.MAX_VALUE;
		Instant lastProgress = this.clock.instant();
		int ahead;
		while ((ahead = backlog.refresh()) > this.settings.maxAhead()) {
			if (ahead < last) {
				last = ahead;
				lastProgress = this.clock.instant();
			}
			else if (Duration.between(lastProgress, this.clock.instant()).compareTo(this.settings.stallTimeout()) > 0) {
				logger.warn(
						"Bulk sync {} {}: the workers consumed none of its {} waiting events in {}; publishing the"
								+ " rest without waiting",
						ObjectTypes.pathName(phase.objectTypeId), phase.direction.wireValue(), ahead,
						this.settings.stallTimeout());
				backlog.forget();
				return;
			}
			if (this.stopping.await(this.settings.aheadCheckInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new InterruptedException("stopping");
			}
		}
	}

	private static void await(List<CompletableFuture<SendResult<String, byte[]>>> sends, Backlog backlog) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			for (CompletableFuture<SendResult<String, byte[]>> send : sends) {
				backlog.published(send.get().getRecordMetadata());
			}
			sends.clear();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge the bulk sync's events: " + ex.getMessage(), ex);
		}
	}

	private static boolean advisoryLock(Connection connection, String function) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
			statement.setLong(1, LOCK);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			this.admin = Admin.create(this.kafkaAdmin.getConfigurationProperties());
		}
		return this.admin;
	}

	@Override
	public void destroy() throws InterruptedException {
		this.stopping.countDown();
		this.executor.shutdownNow();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
		synchronized (this) {
			if (this.admin != null) {
				this.admin.close(Duration.ofSeconds(5));
			}
		}
	}

	/** Which way a phase links records. */
	public enum Direction {

		/** Platform rows without a link go to HubSpot. */
		PUSH,
		/** HubSpot records without a link come to the platform. */
		PULL;

		/**
		 * Returns the wire form.
		 * @return {@code push} or {@code pull}
		 */
		public String wireValue() {
			return name().toLowerCase(Locale.ROOT);
		}

		/**
		 * Reads the wire form.
		 * @param value {@code push}, {@code pull} or {@code both}
		 * @return the directions
		 */
		public static Set<Direction> parse(String value) {
			return switch (value.toLowerCase(Locale.ROOT)) {
				case "push" -> Set.of(PUSH);
				case "pull" -> Set.of(PULL);
				case "both" -> Set.of(PUSH, PULL);
				default ->
					throw new IllegalArgumentException("direction must be push, pull or both, not '" + value + "'");
			};
		}

	}

	@FunctionalInterface
	private interface Counter {

		long count();

	}

	/**
	 * One phase's progress.
	 *
	 * @param objectType the object type's name
	 * @param direction push or pull
	 * @param state running, finished or stalled
	 * @param total records to link
	 * @param published events published
	 * @param done records linked
	 * @param perSecond records linked per second since the phase started
	 * @param etaSeconds seconds left at that rate, if known
	 * @param startedAt when the phase started
	 */
	public record Progress(String objectType, String direction, String state, long total, long published, long done,
			double perSecond, @Nullable Long etaSeconds, Instant startedAt) {
	}

	/** One phase: an object type in one direction. */
	static final class Phase {

		final String objectTypeId;

		final Direction direction;

		final Instant startedAt;

		final Map<Long, Instant> modified = new ConcurrentHashMap<>();

		volatile String state = "running";

		volatile long total;

		volatile long published;

		volatile long done;

		volatile Instant measuredAt;

		Phase(String objectTypeId, Direction direction, Instant startedAt) {
			this.objectTypeId = objectTypeId;
			this.direction = direction;
			this.startedAt = startedAt;
			this.measuredAt = startedAt;
		}

		Progress progress() {
			double seconds = Math.max(0.001, Duration.between(this.startedAt, this.measuredAt).toMillis() / 1000.0);
			double rate = this.done / seconds;
			Long eta = null;
			if (this.done >= this.total) {
				eta = 0L;
			}
			else if (rate > 0) {
				eta = (long) Math.ceil((this.total - this.done) / rate);
			}
			return new Progress(ObjectTypes.pathName(this.objectTypeId), this.direction.wireValue(), this.state,
					this.total, this.published, this.done, rate, eta, this.startedAt);
		}

	}

	/** A run: its phases, in order. */
	public static final class Run {

		private final String trigger;

		private final Instant startedAt;

		private final List<Phase> phases = new java.util.concurrent.CopyOnWriteArrayList<>();

		private volatile long id;

		private volatile String state = "running";

		private volatile @Nullable String detail;

		private volatile @Nullable Instant finishedAt;

		Run(String trigger, Instant startedAt) {
			this.trigger = trigger;
			this.startedAt = startedAt;
		}

		Phase phase(String objectTypeId, Direction direction, Instant now) {
			for (Phase phase : this.phases) {
				if (phase.objectTypeId.equals(objectTypeId) && phase.direction == direction) {
					return phase;
				}
			}
			Phase phase = new Phase(objectTypeId, direction, now);
			this.phases.add(phase);
			return phase;
		}

		List<Phase> phases() {
			return this.phases;
		}

		void finish(String state, @Nullable String detail) {
			this.detail = detail;
			this.finishedAt = Instant.now();
			this.state = state;
		}

		String summary() {
			List<String> parts = new ArrayList<>();
			for (Phase phase : this.phases) {
				parts.add(ObjectTypes.pathName(phase.objectTypeId) + " " + phase.direction.wireValue() + " "
						+ phase.done + "/" + phase.total);
			}
			return String.join(", ", parts);
		}

		/**
		 * Returns the run's id in {@code hubsync.bulk_sync} (0 before it has the lock).
		 * @return the id
		 */
		public long id() {
			return this.id;
		}

		/**
		 * Returns what started it.
		 * @return {@code first-start} or {@code admin}
		 */
		public String trigger() {
			return this.trigger;
		}

		/**
		 * Returns when it started.
		 * @return the time
		 */
		public Instant startedAt() {
			return this.startedAt;
		}

		/**
		 * Returns its state.
		 * @return running, finished, stalled, skipped, failed or cancelled
		 */
		public String state() {
			return this.state;
		}

		/**
		 * Returns the outcome's detail.
		 * @return the detail, if any
		 */
		public @Nullable String detail() {
			return this.detail;
		}

		/**
		 * Returns when it finished.
		 * @return the time, if it has
		 */
		public @Nullable Instant finishedAt() {
			return this.finishedAt;
		}

		/**
		 * Returns whether it has finished.
		 * @return whether it has
		 */
		public boolean isFinished() {
			return !this.state.equals("running");
		}

		/**
		 * Returns each phase's progress.
		 * @return the progress, in order
		 */
		public List<Progress> progress() {
			return this.phases.stream().map(Phase::progress).toList();
		}

	}

}
