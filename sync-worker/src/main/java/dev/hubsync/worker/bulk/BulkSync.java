package dev.hubsync.worker.bulk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.DaemonThreads;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.mapping.MappingFollower;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.store.SyncState;
import dev.hubsync.worker.triggers.Triggers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Brings together what exists on both sides when HubSync first starts against populated
 * systems, and on demand (ARCHITECTURE §4, §7). Per object type, in this order:
 * <ol>
 * <li>link: HubSpot's records are listed once and every unlinked row is paired with the
 * record its {@code hubsync_record_id} or email names, under the identity rule
 * ({@link LinkPhase}); duplicates go to review;</li>
 * <li>merge and push: each row just linked, and each row still unlinked, becomes a
 * snapshot {@link LocalChange} on {@value Topics#LOCAL_CHANGES}: the outbound direction
 * merges a linked pair field by field by the first-link rule (a value on one side only is
 * kept and copied), and creates the record of an unlinked row;</li>
 * <li>pull: every HubSpot record still unlinked, whatever its age, becomes a polled event
 * on {@value Topics#HUBSPOT_EVENTS} and is imported.</li>
 * </ol>
 * The bulk sync writes nothing to either side itself: everything goes through the normal
 * pipeline (the rate budget's background lane, so live changes go first; dead letters;
 * the merge). A phase is done when the workers have consumed its events; records set
 * aside (duplicates, dead letters) are counted, never waited on. Progress (done/total,
 * rate, ETA) is logged, exported as metrics and served by the admin API. One run at a
 * time across instances (a PostgreSQL advisory lock).
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

	private final SyncState state;

	private final Triggers triggers;

	private final String installId;

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
			HubSpotClient hubspot, SyncState state, Triggers triggers, JdbcClient jdbc, DataSource dataSource,
			WorkerProperties properties, HubSpotProperties hubspotProperties, Clock clock, MeterRegistry meters,
			KafkaAdmin kafkaAdmin) {
		this.mappings = mappings;
		this.follower = follower;
		this.rows = rows;
		this.links = links;
		this.hubspot = hubspot.withLane(Lane.BACKGROUND);
		this.state = state;
		this.triggers = triggers;
		this.installId = properties.installId();
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
					// both sides are matched before anything is written: pairs are linked
					// and merged, then what is left on either side is pushed or pulled
					LinkPhase links = new LinkPhase(mapping, this.links, this.rows, this.state, this.installId);
					links.list(this.hubspot, this.clock.instant());
					if (directions.contains(Direction.PUSH)) {
						push(run, mapping, links);
					}
					if (directions.contains(Direction.PULL)) {
						pull(run, mapping, links);
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

	/**
	 * Walks the live rows: each unlinked row is linked to its HubSpot record when one
	 * matches (its merge follows as a snapshot event) or pushed (the outbound direction
	 * creates its record); duplicates are set aside for review.
	 */
	private void push(Run run, CompiledMapping mapping, LinkPhase linkPhase) throws InterruptedException {
		String objectTypeId = mapping.objectTypeId();
		Phase phase = run.phase(objectTypeId, Direction.PUSH, this.clock.instant());
		gauge(phase);
		phase.total = this.rows.countUnlinked(mapping.config(), objectTypeId);
		Backlog backlog = new Backlog(admin(), this.outboundGroup);
		List<String> published = new ArrayList<>();
		String after = null;
		String keyColumn = mapping.config().keyColumn();
		while (true) {
			List<Row> page = this.rows.live(mapping.config(), after, this.settings.pageSize());
			if (page.isEmpty()) {
				break;
			}
			after = String.valueOf(page.get(page.size() - 1).get(keyColumn));
			Map<String, Row> byKey = new LinkedHashMap<>();
			page.forEach((row) -> byKey.put(String.valueOf(row.get(keyColumn)), row));
			List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>(page.size());
			for (Map.Entry<String, LinkPhase.Outcome> outcome : linkPhase.link(page).entrySet()) {
				String key = outcome.getKey();
				switch (outcome.getValue()) {
					case LINKED, PUSHED -> {
						if (outcome.getValue() == LinkPhase.Outcome.LINKED) {
							phase.linked++;
						}
						sends.add(this.triggers.snapshot(mapping.config(), key, byKey.get(key), null, run.id,
								EventSource.BULK, null));
						published.add(key);
					}
					case DUPLICATE -> phase.duplicates++;
				}
			}
			phase.published = published.size();
			if (phase.published + phase.duplicates > phase.total) {
				phase.total = phase.published + phase.duplicates; // rows inserted since
																	// the count
			}
			await(sends, backlog);
			throttle(phase, backlog);
			measure(phase, backlog, false);
		}
		settle(phase, backlog);
		long linked = this.links.byPlatformKeysCount(objectTypeId, published);
		phase.setAside = phase.duplicates + (published.size() - linked);
		phase.linkedAfter = linked;
		log(phase);
	}

	/**
	 * Publishes a polled event for every HubSpot record no row was linked to, whatever
	 * its age: the inbound direction matches it once more and imports it.
	 */
	private void pull(Run run, CompiledMapping mapping, LinkPhase linkPhase) throws InterruptedException {
		String objectTypeId = mapping.objectTypeId();
		Phase phase = run.phase(objectTypeId, Direction.PULL, this.clock.instant());
		gauge(phase);
		Backlog backlog = new Backlog(admin(), this.inboundGroup);
		Map<Long, Instant> records = new LinkedHashMap<>(linkPhase.unlinkedRecords());
		// linked meanwhile (by the live directions, or by this run's push)
		Set<Long> linkedNow = this.links.byHubSpotIds(objectTypeId, records.keySet()).keySet();
		records.keySet().removeAll(linkedNow);
		phase.total = records.size();
		List<CompletableFuture<SendResult<String, byte[]>>> sends = new ArrayList<>();
		for (Map.Entry<Long, Instant> record : records.entrySet()) {
			sends.add(this.triggers.polled(objectTypeId, record.getKey(), record.getValue(), EventSource.BULK, null));
			phase.published++;
			if (sends.size() >= this.settings.pageSize()) {
				await(sends, backlog);
				throttle(phase, backlog);
				measure(phase, backlog, false);
			}
		}
		await(sends, backlog);
		settle(phase, backlog);
		long linked = this.links.countLinked(objectTypeId, records.keySet());
		phase.linkedAfter = linked;
		phase.setAside = records.size() - linked;
		log(phase);
	}

	/**
	 * Waits until the workers have consumed every event a phase published (written,
	 * linked, set aside or dead-lettered: nothing is waited on twice), measuring every
	 * progress interval; a phase whose events are not consumed for the stall timeout is
	 * reported stalled.
	 */
	private void settle(Phase phase, Backlog backlog) throws InterruptedException {
		Instant lastProgress = this.clock.instant();
		long lastDone = -1;
		while (true) {
			if (measure(phase, backlog, true) == 0) {
				phase.state = "finished";
				return;
			}
			if (phase.done != lastDone) {
				lastDone = phase.done;
				lastProgress = this.clock.instant();
			}
			else if (Duration.between(lastProgress, this.clock.instant()).compareTo(this.settings.stallTimeout()) > 0) {
				phase.state = "stalled";
				logger.warn(
						"Bulk sync {} {}: {} of {} events not consumed after {} without progress; is a worker"
								+ " consuming? (see hubsync-ops status)",
						ObjectTypes.pathName(phase.objectTypeId), phase.direction.wireValue(),
						phase.published - phase.done, phase.published, this.settings.stallTimeout());
				return;
			}
			if (this.stopping.await(this.settings.progressInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				throw new InterruptedException("stopping");
			}
		}
	}

	/**
	 * Measures a phase's progress: records done are events consumed plus rows set aside
	 * before publishing.
	 * @return the events not consumed yet, or -1 when not measured now
	 */
	private int measure(Phase phase, Backlog backlog, boolean force) {
		Instant now = this.clock.instant();
		if (!force && Duration.between(phase.measuredAt, now).compareTo(this.settings.progressInterval()) < 0) {
			return -1;
		}
		int waiting = backlog.refresh();
		phase.done = Math.max(0, phase.published - waiting) + phase.duplicates;
		phase.measuredAt = now;
		if (!force) {
			log(phase);
		}
		return waiting;
	}

	private static void log(Phase phase) {
		Progress progress = phase.progress();
		logger.info("Bulk sync {} {}: {}/{} ({} %), {}/s, ETA {}; {} linked to existing records, {} set aside",
				ObjectTypes.pathName(phase.objectTypeId), phase.direction.wireValue(), progress.done(),
				progress.total(), (progress.total() == 0) ? 100 : progress.done() * 100 / progress.total(),
				String.format(Locale.ROOT, "%.0f", progress.perSecond()),
				(progress.etaSeconds() != null) ? progress.etaSeconds() + " s" : "-", progress.linked(),
				progress.setAside());
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
				.description("Records the current or last bulk sync has handled")
				.tags(tags)
				.register(this.meters);
			Gauge.builder("hubsync.worker.bulk.set.aside", this.gauged, (g) -> g.get(name).setAside)
				.description("Records the current or last bulk sync set aside (duplicates for review, dead letters)")
				.tags(tags)
				.register(this.meters);
		}
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

	/**
	 * One phase's progress.
	 *
	 * @param objectType the object type's name
	 * @param direction push or pull
	 * @param state running, finished or stalled
	 * @param total records to link
	 * @param published events published
	 * @param done records handled (their events consumed, or set aside before)
	 * @param linked rows linked to an existing HubSpot record by the link phase
	 * @param setAside records not linked once every event was consumed: duplicates for
	 * review, dead letters
	 * @param perSecond records handled per second since the phase started
	 * @param etaSeconds seconds left at that rate, if known
	 * @param startedAt when the phase started
	 */
	public record Progress(String objectType, String direction, String state, long total, long published, long done,
			long linked, long setAside, double perSecond, @Nullable Long etaSeconds, Instant startedAt) {
	}

	/** One phase: an object type in one direction. */
	static final class Phase {

		final String objectTypeId;

		final Direction direction;

		final Instant startedAt;

		volatile String state = "running";

		volatile long total;

		volatile long published;

		volatile long done;

		/** Rows the link phase paired with an existing HubSpot record. */
		volatile long linked;

		/** Rows the link phase set aside as duplicates, never published. */
		volatile long duplicates;

		/** Records not linked once every event was consumed (reviews, dead letters). */
		volatile long setAside;

		/** Records linked once every event was consumed. */
		volatile long linkedAfter;

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
					this.total, this.published, this.done, this.linked, this.setAside, rate, eta, this.startedAt);
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
						+ phase.done + "/" + phase.total + " (" + phase.linked + " linked to existing records, "
						+ phase.setAside + " set aside)");
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
