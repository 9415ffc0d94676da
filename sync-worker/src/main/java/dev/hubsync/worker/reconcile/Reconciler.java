package dev.hubsync.worker.reconcile;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.ObjectTypes;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.error.HubSpotException;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.ReadOptions;
import dev.hubsync.hubspot.objects.SearchClient;
import dev.hubsync.hubspot.objects.SearchRequest;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.worker.DaemonThreads;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.mapping.MappingFollower;
import dev.hubsync.worker.matching.IdentityRule;
import dev.hubsync.worker.poller.ReconciliationPoller;
import dev.hubsync.worker.reconcile.Drift.FieldDifference;
import dev.hubsync.worker.reconcile.Drift.Healing;
import dev.hubsync.worker.reconcile.Drift.Kind;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import dev.hubsync.worker.store.PlatformRows;
import dev.hubsync.worker.triggers.Triggers;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import static dev.hubsync.worker.OwnProperties.RECORD_ID;
import static dev.hubsync.worker.OwnProperties.SOURCE_SYSTEM;

/**
 * Compares both sides of one object type record by record through the mapping
 * (ARCHITECTURE §10): every HubSpot record (listed on the background lane) against its
 * linked row, then every live row no record pointed at. It reports drift — missing on
 * either side, field differences, duplicates by email — and, asked to fix, enqueues
 * healing events into the normal pipeline rather than writing itself, so matching,
 * conflict rules, the deletion guard and the rate budget apply as for live changes:
 * <ul>
 * <li>a row HubSpot lacks, a field the platform changed: a snapshot change carrying the
 * log's current position (newer than every change the row already holds);</li>
 * <li>a record the platform lacks, a field HubSpot changed: a polled event;</li>
 * <li>a field whose last-synced value matches neither side, or that flows only the other
 * way: its last-synced value is forgotten and both directions get an event, so the
 * mapping's rule decides.</li>
 * </ul>
 * Asked to relink, it first rebuilds lost links: a HubSpot record whose
 * {@code hubsync_record_id} names a live, unlinked row, or (for a mapping with an email
 * field) whose email belongs to exactly one live, unlinked row, is linked to it, with the
 * values both sides agree on as last synced.
 * <p>
 * Over 300 lines, without a good reason: a run's {@code Pass} (scan, compare, relink,
 * report) and its {@code Run} (progress and drift) belong in classes of their own (issue
 * 25).
 */
@Component
public class Reconciler implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Reconciler.class);

	private static final int HUBSPOT_PAGE = 100;

	private final MappingRegistry mappings;

	private final MappingFollower follower;

	private final PlatformRows rows;

	private final LinkStore links;

	private final HubSpotClient hubspot;

	private final KafkaTemplate<String, byte[]> kafka;

	private final WorkerProperties.Reconcile settings;

	private final String installId;

	private final long portalId;

	private final Clock clock;

	private final AtomicLong ids = new AtomicLong();

	private final Deque<Run> runs = new ArrayDeque<>();

	private final ExecutorService executor = Executors
		.newSingleThreadExecutor(DaemonThreads.named("hubsync-reconcile"));

	Reconciler(MappingRegistry mappings, MappingFollower follower, PlatformRows rows, LinkStore links,
			HubSpotClient hubspot, KafkaTemplate<String, byte[]> kafka, WorkerProperties properties,
			HubSpotProperties hubspotProperties, Clock clock) {
		this.mappings = mappings;
		this.follower = follower;
		this.rows = rows;
		this.links = links;
		this.hubspot = hubspot.withLane(Lane.BACKGROUND);
		this.kafka = kafka;
		this.settings = properties.reconcile();
		this.installId = properties.installId();
		this.portalId = hubspotProperties.portalId();
		this.clock = clock;
	}

	/**
	 * Starts a run in the background; runs queue behind each other.
	 * @param objectType the object type (id or name, e.g. {@code contacts})
	 * @param fix whether to enqueue healing events
	 * @param relink whether to rebuild lost links first
	 * @return the run
	 * @throws IllegalArgumentException for an object type without a mapping
	 */
	public Run start(String objectType, boolean fix, boolean relink) {
		String objectTypeId = ObjectTypes.isObjectTypeId(objectType) ? objectType
				: ObjectTypes.byPathSegment(objectType)
					.orElseThrow(() -> new IllegalArgumentException("'" + objectType + "' is not an object type"));
		if (this.mappings.get(objectTypeId).isEmpty()) {
			throw new IllegalArgumentException("no mapping for " + ObjectTypes.pathName(objectTypeId) + " is in force");
		}
		Run run = new Run(this.ids.incrementAndGet(), objectTypeId, fix, relink, this.clock.instant(),
				this.settings.maxReported());
		synchronized (this.runs) {
			this.runs.addFirst(run);
			while (this.runs.size() > this.settings.keptRuns()) {
				this.runs.removeLast();
			}
		}
		this.executor.execute(() -> execute(run));
		return run;
	}

	/**
	 * Returns a run of this instance.
	 * @param id its id
	 * @return the run, unless unknown or forgotten
	 */
	public Optional<Run> run(long id) {
		synchronized (this.runs) {
			return this.runs.stream().filter((run) -> run.id() == id).findFirst();
		}
	}

	/**
	 * Returns the runs this instance remembers, newest first.
	 * @return the runs
	 */
	public List<Run> runs() {
		synchronized (this.runs) {
			return List.copyOf(this.runs);
		}
	}

	private void execute(Run run) {
		try {
			if (!this.follower.awaitCaughtUp(Duration.ofMinutes(1))) {
				run.finish("failed", "the mappings were not read within a minute", this.clock.instant());
				return;
			}
			CompiledMapping mapping = this.mappings.get(run.objectTypeId())
				.orElseThrow(() -> new IllegalArgumentException(
						"no mapping for " + ObjectTypes.pathName(run.objectTypeId()) + " is in force"));
			new Pass(run, mapping).execute();
			run.finish("finished", run.summary(), this.clock.instant());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			run.finish("cancelled", "the worker is stopping", this.clock.instant());
		}
		catch (RuntimeException ex) {
			logger.warn("Reconcile {} of {} failed: {}", run.id(), ObjectTypes.pathName(run.objectTypeId()),
					ex.getMessage(), ex);
			run.finish("failed", String.valueOf(ex.getMessage()), this.clock.instant());
		}
		logger.info("Reconcile {} of {} {}: {}", run.id(), ObjectTypes.pathName(run.objectTypeId()), run.state(),
				run.detail());
	}

	@Override
	public void destroy() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(10, TimeUnit.SECONDS);
	}

	/** One run's work over one object type. */
	private final class Pass {

		private final Run run;

		private final CompiledMapping mapping;

		private final MappingConfig config;

		private final String objectTypeId;

		private final @Nullable CompiledField email;

		private final Set<String> seenKeys = new HashSet<>();

		private final Map<String, List<Long>> hubspotEmails = new HashMap<>();

		private final Map<String, List<String>> platformEmails = new HashMap<>();

		private final List<CompletableFuture<?>> sends = new ArrayList<>();

		Pass(Run run, CompiledMapping mapping) {
			this.run = run;
			this.mapping = mapping;
			this.config = mapping.config();
			this.objectTypeId = mapping.objectTypeId();
			this.email = mapping.emailField().orElse(null);
		}

		void execute() {
			this.run.phase = "counting";
			long platformTotal = Reconciler.this.rows.countLive(this.config);
			Long hubspotTotal = hubspotTotal();
			this.run.expected = platformTotal + ((hubspotTotal != null) ? hubspotTotal : platformTotal);
			this.run.phase = "hubspot";
			scanHubSpot();
			this.run.phase = "platform";
			scanPlatform();
			duplicates();
			await();
		}

		private @Nullable Long hubspotTotal() {
			try {
				return Reconciler.this.hubspot.search()
					.search(ObjectTypes.pathName(this.objectTypeId),
							new SearchRequest(List.of(), List.of(), List.of("hs_object_id"), null, 1, null))
					.total();
			}
			catch (HubSpotException ex) {
				logger.debug("No HubSpot total for the ETA: {}", ex.getMessage());
				return null;
			}
		}

		private void scanHubSpot() {
			Set<String> properties = new LinkedHashSet<>(this.mapping.properties());
			properties.add(RECORD_ID);
			properties.add(SOURCE_SYSTEM);
			properties.add(SearchClient.lastModifiedProperty(this.objectTypeId));
			List<HubSpotObject> page = new ArrayList<>(HUBSPOT_PAGE);
			try (Stream<HubSpotObject> all = Reconciler.this.hubspot.objects()
				.listAll(ObjectTypes.pathName(this.objectTypeId), ReadOptions.properties(List.copyOf(properties)))) {
				for (HubSpotObject object : (Iterable<HubSpotObject>) all::iterator) {
					page.add(object);
					if (page.size() == HUBSPOT_PAGE) {
						compare(page);
						page.clear();
					}
				}
			}
			compare(page);
		}

		private void compare(List<HubSpotObject> page) {
			if (page.isEmpty()) {
				return;
			}
			List<Long> ids = page.stream().map((object) -> Long.parseLong(object.id())).toList();
			Map<Long, Link> linked = new HashMap<>(Reconciler.this.links.byHubSpotIds(this.objectTypeId, ids));
			if (this.run.relink()) {
				relink(page, linked);
			}
			Map<String, Row> current = Reconciler.this.rows.read(this.config,
					linked.values().stream().map(Link::platformKey).toList());
			long lsn = lsnForHealing();
			for (HubSpotObject object : page) {
				long id = Long.parseLong(object.id());
				if (this.email != null) {
					String address = normalised(object.property(this.email.property()));
					if (address != null) {
						this.hubspotEmails.computeIfAbsent(address, (a) -> new ArrayList<>(1)).add(id);
					}
				}
				Link link = linked.get(id);
				if (link == null) {
					report(new Drift(Kind.MISSING_ON_PLATFORM, null, id, List.of(), "no platform row is linked",
							Healing.INBOUND), null, object);
				}
				else {
					this.seenKeys.add(link.platformKey());
					comparePair(object, link, current.get(link.platformKey()), lsn);
				}
				this.run.scanned.incrementAndGet();
			}
		}

		private void comparePair(HubSpotObject object, Link link, @Nullable Row row, long lsn) {
			long id = link.hubspotId();
			String key = link.platformKey();
			if (row == null || PlatformRows.archived(this.config, row)) {
				if (!link.archived()) {
					report(new Drift(Kind.PLATFORM_ROW_GONE, key, id, List.of(),
							(row == null) ? "row deleted, HubSpot record live" : "row archived, HubSpot record live",
							Healing.OUTBOUND), snapshot(key, row, lsn), null);
				}
				else {
					report(new Drift(Kind.MISSING_ON_PLATFORM, key, id, List.of(),
							"record restored in HubSpot, row still archived", Healing.INBOUND), null, object);
				}
				return;
			}
			List<FieldDifference> differences = new ArrayList<>();
			boolean outbound = false;
			boolean inbound = false;
			List<String> forget = new ArrayList<>();
			try {
				for (CompiledField field : this.mapping.fields()) {
					String platform = field.toHubSpot(key, row.get(field.column()));
					String hub = field.canonical(object.id(), object.property(field.property()));
					if (platform.equals(hub)) {
						continue;
					}
					String synced = link.syncedValues().get(field.property());
					differences.add(new FieldDifference(field.property(), field.column(), platform, hub, synced));
					boolean platformMoved = hub.equals(synced) && field.direction().toHubSpot();
					boolean hubspotMoved = platform.equals(synced) && field.direction().toPlatform();
					if (platformMoved) {
						outbound = true;
					}
					else if (hubspotMoved) {
						inbound = true;
					}
					else {
						// both moved, neither is known, or the side that moved is not the
						// one the field flows from: the rule decides between the values.
						// When both moved, the link's last-synced value stays: it is the
						// ancestor that tells an edit from a clear, and the later of the
						// two wins (the product's time from its change-time column, as
						// the change's event was lost). When only the side the field does
						// not flow from moved, the value is forgotten and the values are
						// judged as on a first link; so is a field that does not flow to
						// HubSpot, whose product change no event times (its conflict is
						// then decided by the change-time column, not left waiting).
						if (platform.equals(synced) || hub.equals(synced) || !field.direction().toHubSpot()) {
							forget.add(field.property());
						}
						outbound |= field.direction().toHubSpot();
						inbound |= field.direction().toPlatform();
					}
				}
			}
			catch (ValueConversionException ex) {
				report(new Drift(Kind.FIELDS, key, id, List.of(),
						"a value does not convert (" + ex.getMessage() + "); fix it at its source", Healing.NONE), null,
						null);
				return;
			}
			if (differences.isEmpty()) {
				return;
			}
			Healing healing = (outbound && inbound) ? Healing.BOTH
					: outbound ? Healing.OUTBOUND : inbound ? Healing.INBOUND : Healing.NONE;
			String detail = differences.stream().map(FieldDifference::property).toList() + " differ";
			if (this.run.fix()) {
				Reconciler.this.links.forgetSynced(this.objectTypeId, id, forget);
			}
			report(new Drift(Kind.FIELDS, key, id, differences, detail, healing),
					outbound ? snapshot(key, row, lsn) : null, inbound ? object : null);
		}

		private void relink(List<HubSpotObject> page, Map<Long, Link> linked) {
			Map<Long, String> candidates = new LinkedHashMap<>();
			Map<String, Long> byEmail = new HashMap<>();
			for (HubSpotObject object : page) {
				long id = Long.parseLong(object.id());
				if (linked.containsKey(id)) {
					continue;
				}
				String recordId = object.property(RECORD_ID);
				String source = object.property(SOURCE_SYSTEM);
				if (recordId != null && !recordId.isBlank()
						&& (source == null || source.isBlank() || source.equals(Reconciler.this.installId))) {
					candidates.put(id, recordId);
				}
				else if (this.email != null) {
					String address = normalised(object.property(this.email.property()));
					if (address != null) {
						// two records with one email: neither is relinked by it
						byEmail.merge(address, id, (a, b) -> -1L);
					}
				}
			}
			if (this.email != null && !byEmail.isEmpty()) {
				// the identity rule picks the row among those sharing the email, as the
				// live directions and the bulk sync do
				Map<String, List<PlatformRows.KeyedRow>> sharing = Reconciler.this.rows.byEmails(this.config,
						this.email.column(), byEmail.keySet());
				Map<String, Link> sharingLinks = Reconciler.this.links.byPlatformKeys(this.objectTypeId,
						sharing.values().stream().flatMap(List::stream).map(PlatformRows.KeyedRow::key).toList());
				byEmail.forEach((address, id) -> {
					List<IdentityRule.Candidate> rows = new ArrayList<>();
					for (PlatformRows.KeyedRow row : sharing.getOrDefault(address, List.of())) {
						Link link = sharingLinks.get(row.key());
						rows.add(new IdentityRule.Candidate(row.key(), row.createdAt(),
								(link != null) ? link.hubspotId() : null));
					}
					String keeper = (id > 0) ? IdentityRule.choose(rows, id).keeper() : null;
					if (keeper != null) {
						candidates.put(id, keeper);
					}
				});
			}
			if (candidates.isEmpty()) {
				return;
			}
			Map<String, Row> candidateRows = Reconciler.this.rows.read(this.config, candidates.values());
			Set<String> taken = new HashSet<>(
					Reconciler.this.links.byPlatformKeys(this.objectTypeId, candidates.values()).keySet());
			Map<Long, HubSpotObject> objects = new HashMap<>();
			page.forEach((object) -> objects.put(Long.parseLong(object.id()), object));
			for (Map.Entry<Long, String> candidate : candidates.entrySet()) {
				String key = candidate.getValue();
				Row row = candidateRows.get(key);
				if (row == null || PlatformRows.archived(this.config, row) || !taken.add(key)) {
					continue;
				}
				HubSpotObject object = objects.get(candidate.getKey());
				try {
					Link link = new Link(this.objectTypeId, candidate.getKey(), key, 0,
							this.mapping.hashOfRow(key, row),
							this.mapping.hashOfHubSpot(object.id(), object.properties()), agreed(key, row, object),
							ReconciliationPoller.modifiedAt(object,
									SearchClient.lastModifiedProperty(this.objectTypeId)),
							false);
					Reconciler.this.links.save(link);
					linked.put(candidate.getKey(), link);
					this.run.relinked.incrementAndGet();
				}
				catch (ValueConversionException ex) {
					logger.debug("Not relinking {} to {}: {}", object.id(), key, ex.getMessage());
				}
			}
		}

		/**
		 * The values both sides hold: what was last synced, as far as anyone can tell.
		 */
		private Map<String, String> agreed(String key, Row row, HubSpotObject object) {
			Map<String, String> agreed = new LinkedHashMap<>();
			for (CompiledField field : this.mapping.fields()) {
				String platform = field.toHubSpot(key, row.get(field.column()));
				if (platform.equals(field.canonical(object.id(), object.property(field.property())))) {
					agreed.put(field.property(), platform);
				}
			}
			return agreed;
		}

		private void scanPlatform() {
			String keyColumn = this.config.keyColumn();
			String after = null;
			while (true) {
				List<Row> page = Reconciler.this.rows.live(this.config, after, Reconciler.this.settings.pageSize());
				if (page.isEmpty()) {
					return;
				}
				after = String.valueOf(page.get(page.size() - 1).get(keyColumn));
				List<String> unseen = new ArrayList<>();
				for (Row row : page) {
					String key = String.valueOf(row.get(keyColumn));
					if (this.email != null) {
						String address = normalised((row.get(this.email.column()) != null)
								? String.valueOf(row.get(this.email.column())) : null);
						if (address != null) {
							this.platformEmails.computeIfAbsent(address, (a) -> new ArrayList<>(1)).add(key);
						}
					}
					if (!this.seenKeys.contains(key)) {
						unseen.add(key);
					}
				}
				Map<String, Link> linked = Reconciler.this.links.byPlatformKeys(this.objectTypeId, unseen);
				long lsn = lsnForHealing();
				for (Row row : page) {
					String key = String.valueOf(row.get(keyColumn));
					if (this.seenKeys.contains(key)) {
						continue;
					}
					Link link = linked.get(key);
					if (link == null) {
						report(new Drift(Kind.MISSING_IN_HUBSPOT, key, null, List.of(), "no HubSpot record is linked",
								Healing.OUTBOUND), snapshot(key, row, lsn), null);
					}
					else if (link.archived()) {
						report(new Drift(Kind.MISSING_IN_HUBSPOT, key, link.hubspotId(), List.of(),
								"its HubSpot record is archived; the row is live", Healing.OUTBOUND),
								snapshot(key, row, lsn), null);
					}
					else {
						report(new Drift(Kind.HUBSPOT_RECORD_GONE, key, link.hubspotId(), List.of(),
								"the linked HubSpot record is gone (deleted in HubSpot without a webhook applied):"
										+ " archive the row, or resume outbound after unlinking to re-create it",
								Healing.NONE), null, null);
					}
				}
				this.run.scanned.addAndGet(page.size());
			}
		}

		private void duplicates() {
			this.hubspotEmails.forEach((address, ids) -> {
				if (ids.size() > 1) {
					report(new Drift(Kind.DUPLICATE_EMAIL_IN_HUBSPOT, null, ids.get(0), List.of(),
							ids.size() + " records share " + address + ": " + ids + " (merge them in HubSpot)",
							Healing.NONE), null, null);
				}
			});
			this.platformEmails.forEach((address, keys) -> {
				if (keys.size() > 1) {
					report(new Drift(Kind.DUPLICATE_EMAIL_ON_PLATFORM, keys.get(0), null, List.of(),
							keys.size() + " rows share " + address + ": " + keys, Healing.NONE), null, null);
				}
			});
		}

		/**
		 * The log position healing snapshots of the next page carry, read after the
		 * page's rows; none is read when nothing is healed.
		 */
		private long lsnForHealing() {
			return this.run.fix() ? Triggers.snapshotPosition(Reconciler.this.rows.currentLsn()) : 0;
		}

		private LocalChange snapshot(String key, @Nullable Row row, long lsn) {
			String correlation = UUID.randomUUID().toString();
			if (row == null) {
				return new LocalChange(this.config.platformTable(), key, ChangeOp.DELETE,
						Reconciler.this.rows.keyOnly(this.config, key), null, 0, lsn, Reconciler.this.clock.instant(),
						false, correlation);
			}
			return new LocalChange(this.config.platformTable(), key, ChangeOp.SNAPSHOT, null, row, 0, lsn,
					Reconciler.this.clock.instant(), false, correlation);
		}

		private void report(Drift drift, @Nullable LocalChange outbound, @Nullable HubSpotObject inbound) {
			this.run.add(drift);
			if (!this.run.fix()) {
				return;
			}
			if (outbound != null) {
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOCAL_CHANGES,
						outbound.key().toString(),
						EventSerdes.localChanges().serialize(Topics.LOCAL_CHANGES, outbound));
				headers(record, outbound.correlationId());
				this.sends.add(Reconciler.this.kafka.send(record));
				this.run.healingEvents.incrementAndGet();
			}
			if (inbound != null) {
				Instant modified = ReconciliationPoller.modifiedAt(inbound,
						SearchClient.lastModifiedProperty(this.objectTypeId));
				WebhookEvent event = WebhookEvent.polled(Reconciler.this.portalId, this.objectTypeId,
						Long.parseLong(inbound.id()), (modified != null) ? modified : Reconciler.this.clock.instant());
				HubSpotEvent envelope = new HubSpotEvent(event, Reconciler.this.clock.instant(), EventSource.RECONCILE);
				ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.HUBSPOT_EVENTS,
						event.key().toString(), EventSerdes.hubSpotEvents().serialize(Topics.HUBSPOT_EVENTS, envelope));
				headers(record, UUID.randomUUID().toString());
				this.sends.add(Reconciler.this.kafka.send(record));
				this.run.healingEvents.incrementAndGet();
			}
			if (this.sends.size() >= 1000) {
				await();
			}
		}

		private void await() {
			try {
				CompletableFuture.allOf(this.sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
				this.sends.clear();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("Kafka did not acknowledge the healing events: " + ex.getMessage(), ex);
			}
		}

	}

	private static void headers(ProducerRecord<String, byte[]> record, @Nullable String correlationId) {
		record.headers()
			.add(EventHeaders.CORRELATION_ID,
					((correlationId != null) ? correlationId : UUID.randomUUID().toString())
						.getBytes(StandardCharsets.UTF_8))
			.add(EventHeaders.SOURCE, EventSource.RECONCILE.wireValue().getBytes(StandardCharsets.UTF_8));
	}

	private static @Nullable String normalised(@Nullable String email) {
		return (email == null || email.isBlank()) ? null : email.trim().toLowerCase(Locale.ROOT);
	}

	/**
	 * One reconcile run: its progress while it runs, its drift when done.
	 */
	public static final class Run {

		private final long id;

		private final String objectTypeId;

		private final boolean fix;

		private final boolean relink;

		private final Instant startedAt;

		private final int maxReported;

		private final List<Drift> drift = new ArrayList<>();

		private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);

		final AtomicLong scanned = new AtomicLong();

		final AtomicLong relinked = new AtomicLong();

		final AtomicLong healingEvents = new AtomicLong();

		volatile long expected;

		volatile String phase = "queued";

		private volatile String state = "running";

		private volatile @Nullable String detail;

		private volatile @Nullable Instant finishedAt;

		Run(long id, String objectTypeId, boolean fix, boolean relink, Instant startedAt, int maxReported) {
			this.id = id;
			this.objectTypeId = objectTypeId;
			this.fix = fix;
			this.relink = relink;
			this.startedAt = startedAt;
			this.maxReported = maxReported;
		}

		synchronized void add(Drift found) {
			this.counts.merge(found.kind(), 1L, Long::sum);
			if (this.drift.size() < this.maxReported) {
				this.drift.add(found);
			}
		}

		void finish(String state, String detail, Instant at) {
			this.detail = detail;
			this.finishedAt = at;
			this.phase = "done";
			this.state = state;
		}

		synchronized String summary() {
			long total = this.counts.values().stream().mapToLong(Long::longValue).sum();
			return (total == 0) ? "no drift" : total + " drift(s) " + counts();
		}

		/**
		 * Returns the run's id.
		 * @return the id
		 */
		public long id() {
			return this.id;
		}

		/**
		 * Returns the object type.
		 * @return its id
		 */
		public String objectTypeId() {
			return this.objectTypeId;
		}

		/**
		 * Returns whether healing events are enqueued.
		 * @return whether it fixes
		 */
		public boolean fix() {
			return this.fix;
		}

		/**
		 * Returns whether lost links are rebuilt.
		 * @return whether it relinks
		 */
		public boolean relink() {
			return this.relink;
		}

		/**
		 * Returns the state: {@code running}, {@code finished} or {@code failed}.
		 * @return the state
		 */
		public String state() {
			return this.state;
		}

		/**
		 * Returns what it is doing: {@code counting}, {@code hubspot}, {@code platform},
		 * {@code done}.
		 * @return the phase
		 */
		public String phase() {
			return this.phase;
		}

		/**
		 * Returns the summary or the failure.
		 * @return the detail, once finished
		 */
		public @Nullable String detail() {
			return this.detail;
		}

		/**
		 * Returns when it started.
		 * @return the time
		 */
		public Instant startedAt() {
			return this.startedAt;
		}

		/**
		 * Returns when it finished.
		 * @return the time, once finished
		 */
		public @Nullable Instant finishedAt() {
			return this.finishedAt;
		}

		/**
		 * Returns the records and rows compared so far.
		 * @return the count
		 */
		public long scanned() {
			return this.scanned.get();
		}

		/**
		 * Returns the records and rows there are to compare (HubSpot's search total plus
		 * the live rows).
		 * @return the estimate
		 */
		public long expected() {
			return Math.max(this.expected, this.scanned.get());
		}

		/**
		 * Returns the links rebuilt.
		 * @return the count
		 */
		public long relinked() {
			return this.relinked.get();
		}

		/**
		 * Returns the healing events enqueued.
		 * @return the count
		 */
		public long healingEvents() {
			return this.healingEvents.get();
		}

		/**
		 * Returns the drift found, per kind.
		 * @return counts by wire value
		 */
		public synchronized Map<String, Long> counts() {
			Map<String, Long> counts = new LinkedHashMap<>();
			this.counts.forEach((kind, count) -> counts.put(kind.wireValue(), count));
			return counts;
		}

		/**
		 * Returns the drift found so far (at most {@code max-reported} entries).
		 * @return the entries
		 */
		public synchronized List<Drift> drift() {
			return List.copyOf(this.drift);
		}

		/**
		 * Returns records compared per second since the start.
		 * @param now the time now
		 * @return the rate
		 */
		public double perSecond(Instant now) {
			Instant end = (this.finishedAt != null) ? this.finishedAt : now;
			double seconds = Math.max(0.001, Duration.between(this.startedAt, end).toMillis() / 1000.0);
			return this.scanned.get() / seconds;
		}

		/**
		 * Returns the seconds left at the rate so far.
		 * @param now the time now
		 * @return the estimate, unknown before the first comparison
		 */
		public @Nullable Long etaSeconds(Instant now) {
			double rate = perSecond(now);
			if (this.finishedAt != null) {
				return 0L;
			}
			if (rate <= 0) {
				return null;
			}
			return (long) Math.ceil((expected() - this.scanned.get()) / rate);
		}

	}

}
