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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
 * <p>
 * Over 300 lines on purpose: one run's orchestration (lock, record, link phase, push and
 * pull per object type) with its gauges and its API's direction type; matching is
 * {@link LinkPhase}'s, pacing {@link Pacing}'s, state {@link BulkRun}'s.
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

	private final Map<String, BulkRun.Phase> gauged = new ConcurrentHashMap<>();

	/**
	 * Counted down when the worker stops: ends the waits between progress measurements.
	 */
	private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);

	private final Pacing pacing;

	private volatile @Nullable BulkRun current;

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
		this.pacing = new Pacing(this.settings, clock, this.stopping);
	}

	/**
	 * Runs the first start's bulk sync until one completes: a run cut short by a stop, a
	 * crash or a failure runs again on the next start (a run links and merges before it
	 * writes, so running it again is harmless), while any run an operator started counts
	 * as the first start's.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void onFirstStart() {
		if (this.settings.onFirstStart() && this.jdbc
			.sql("SELECT count(*) FROM hubsync.bulk_sync WHERE state IN ('finished', 'stalled')"
					+ " OR trigger <> 'first-start'")
			.query(Long.class)
			.single() == 0) {
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
	public synchronized BulkRun start(Set<String> objectTypes, Set<Direction> directions, String trigger) {
		BulkRun running = this.current;
		if (running != null && !running.isFinished()) {
			throw new IllegalStateException("a bulk sync is running (started " + running.startedAt() + ")");
		}
		BulkRun run = new BulkRun(trigger, this.clock.instant());
		this.current = run;
		this.executor.execute(() -> execute(run, objectTypes, directions));
		return run;
	}

	/**
	 * Returns the current or last run of this instance.
	 * @return the run, if any
	 */
	public @Nullable BulkRun current() {
		return this.current;
	}

	private void execute(BulkRun run, Set<String> requested, Set<Direction> directions) {
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
	private void push(BulkRun run, CompiledMapping mapping, LinkPhase linkPhase) throws InterruptedException {
		String objectTypeId = mapping.objectTypeId();
		BulkRun.Phase phase = run.phase(objectTypeId, Direction.PUSH, this.clock.instant());
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
			this.pacing.await(sends, backlog);
			this.pacing.throttle(phase, backlog);
			this.pacing.measure(phase, backlog, false);
		}
		this.pacing.settle(phase, backlog);
		long linked = this.links.byPlatformKeysCount(objectTypeId, published);
		phase.setAside = phase.duplicates + (published.size() - linked);
		phase.linkedAfter = linked;
		Pacing.log(phase);
	}

	/**
	 * Publishes a polled event for every HubSpot record no row was linked to, whatever
	 * its age: the inbound direction matches it once more and imports it.
	 */
	private void pull(BulkRun run, CompiledMapping mapping, LinkPhase linkPhase) throws InterruptedException {
		String objectTypeId = mapping.objectTypeId();
		BulkRun.Phase phase = run.phase(objectTypeId, Direction.PULL, this.clock.instant());
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
				this.pacing.await(sends, backlog);
				this.pacing.throttle(phase, backlog);
				this.pacing.measure(phase, backlog, false);
			}
		}
		this.pacing.await(sends, backlog);
		this.pacing.settle(phase, backlog);
		long linked = this.links.countLinked(objectTypeId, records.keySet());
		phase.linkedAfter = linked;
		phase.setAside = records.size() - linked;
		Pacing.log(phase);
	}

	private void gauge(BulkRun.Phase phase) {
		String name = phase.objectTypeId + "/" + phase.direction;
		BulkRun.Phase previous = this.gauged.put(name, phase);
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

}
