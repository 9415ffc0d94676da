package dev.hubsync.worker.poller;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
import dev.hubsync.events.serde.EventSerde;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.error.HubSpotException;
import dev.hubsync.hubspot.objects.HubSpotObject;
import dev.hubsync.hubspot.objects.SearchClient;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.mapping.CompiledField;
import dev.hubsync.mapping.CompiledMapping;
import dev.hubsync.mapping.ValueConversionException;
import dev.hubsync.worker.merge.FieldMerge;
import dev.hubsync.worker.merge.RecordMerge;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.mapping.MappingInForce;
import dev.hubsync.worker.store.Link;
import dev.hubsync.worker.store.LinkStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The reconciliation poller (ARCHITECTURE §10): searches each mapped object type for
 * records modified since its watermark — {@code lastmodifieddate} for contacts,
 * {@code hs_lastmodifieddate} for the others, sliced past the 10,000-result cap — with
 * their mapped values, and publishes a {@code source=poll} event for each one whose
 * change the sync has not seen: unlinked, or with a mapped value other than the one last
 * synced. A record's modification time alone does not tell: the sync's own writes move it
 * past a change whose webhook was lost. Each such record is a webhook that never arrived,
 * counted as {@code hubsync.worker.poller.healed{object_type}}. A linked record the sync
 * wrote a mapped field of since that field's history was read is published too, once
 * ({@code poller.reread-written}), and counted as
 * {@code hubsync.worker.poller.rechecked{object_type}}: its read with history finds an
 * edit the write covered whose webhook was lost. Runs in the background lane of the rate
 * budget, in one instance at a time (a PostgreSQL advisory lock), at start-up and every
 * interval.
 * <p>
 * Over 300 lines: a run (lock, watermark, search paging) and what it publishes (a missed
 * change, a record to read again after a write) share one page of records; the decision
 * could become a class of its own (issue 25).
 */
@Component
public class ReconciliationPoller {

	private static final Logger logger = LoggerFactory.getLogger(ReconciliationPoller.class);

	private static final long LOCK = 0x6875_6273_796e_6370L; // "hubsyncp"

	private final MappingRegistry mappings;

	private final HubSpotClient hubspot;

	private final LinkStore links;

	private final JdbcClient jdbc;

	private final DataSource dataSource;

	private final KafkaTemplate<String, byte[]> kafka;

	private final WorkerProperties properties;

	private final long portalId;

	private final Clock clock;

	/** The missed-webhook counter, tagged {@code object_type}. */
	public static final String HEALED = "hubsync.worker.poller.healed";

	/**
	 * The counter of records read again after the sync's writes, tagged
	 * {@code object_type}.
	 */
	public static final String RECHECKED = "hubsync.worker.poller.rechecked";

	private final MeterRegistry meters;

	private final EventSerde<HubSpotEvent> serde = EventSerdes.hubSpotEvents();

	ReconciliationPoller(MappingRegistry mappings, HubSpotClient hubspot, LinkStore links, JdbcClient jdbc,
			DataSource dataSource, KafkaTemplate<String, byte[]> kafka, WorkerProperties properties,
			HubSpotProperties hubspotProperties, Clock clock, MeterRegistry meters) {
		this.mappings = mappings;
		this.hubspot = hubspot.withLane(Lane.BACKGROUND);
		this.links = links;
		this.jdbc = jdbc;
		this.dataSource = dataSource;
		this.kafka = kafka;
		this.properties = properties;
		this.portalId = hubspotProperties.portalId();
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Registers the counters of a mapped object type at zero, so an alert on their
	 * increase sees the first missed webhook.
	 * @param mapping the mapping now in force
	 */
	@EventListener
	void registerCounters(MappingInForce mapping) {
		healed(mapping.objectTypeId());
		rechecked(mapping.objectTypeId());
	}

	private Counter rechecked(String objectTypeId) {
		return Counter.builder(RECHECKED)
			.description("Records the sync wrote, read again with history by the poller's event")
			.tag("object_type", ObjectTypes.pathName(objectTypeId))
			.register(this.meters);
	}

	private Counter healed(String objectTypeId) {
		return Counter.builder(HEALED)
			.description("Records the poller found changed that no webhook had brought (missed webhooks)")
			.tag("object_type", ObjectTypes.pathName(objectTypeId))
			.register(this.meters);
	}

	@Scheduled(initialDelayString = "${hubsync.worker.poller.initial-delay:5s}",
			fixedDelayString = "${hubsync.worker.poller.interval:1h}")
	void scheduled() {
		if (this.properties.poller().enabled()) {
			poll();
		}
	}

	/**
	 * Polls every mapped object type once, if no other instance is polling.
	 * @return records published (missed changes and records read again after the sync's
	 * writes), by object type; empty when another instance holds the lock
	 */
	public Map<String, Integer> poll() {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!tryLock(connection)) {
				logger.debug("Another instance is polling");
				return Map.of();
			}
			try {
				Map<String, Integer> published = new java.util.LinkedHashMap<>();
				for (CompiledMapping mapping : this.mappings.all()) {
					try {
						published.put(mapping.objectTypeId(), poll(mapping));
					}
					catch (HubSpotException ex) {
						logger.warn("Polling {} failed; it is tried again next time: {}",
								ObjectTypes.pathName(mapping.objectTypeId()), ex.getMessage());
					}
				}
				return published;
			}
			finally {
				unlock(connection);
			}
		}
		catch (SQLException ex) {
			logger.warn("Polling skipped: {}", ex.getMessage());
			return Map.of();
		}
	}

	/**
	 * Resynchronises by search after changes may have been lost since a time (the
	 * webhooks-journal reader fell behind HubSpot's retention): moves every mapped type's
	 * watermark back to that time (never forward), then polls, so every record modified
	 * since then is compared with its link and re-applied when it differs.
	 * @param since changes from this time on may be lost
	 * @return records published by object type, or empty when another instance holds the
	 * poll lock (its run may move the watermarks forward again: ask again)
	 */
	public Optional<Map<String, Integer>> resync(Instant since) {
		for (CompiledMapping mapping : this.mappings.all()) {
			this.jdbc
				.sql("INSERT INTO hubsync.poll_watermark (object_type_id, watermark) VALUES (?, ?) ON CONFLICT"
						+ " (object_type_id) DO UPDATE SET watermark = least(hubsync.poll_watermark.watermark,"
						+ " excluded.watermark), updated_at = now()")
				.params(mapping.objectTypeId(), Timestamp.from(since))
				.update();
		}
		logger.warn("Resynchronising by search: every mapped type's records modified since {} are read again", since);
		Map<String, Integer> published = poll();
		return (published.isEmpty() && !this.mappings.all().isEmpty()) ? Optional.empty() : Optional.of(published);
	}

	private int poll(CompiledMapping mapping) {
		String objectTypeId = mapping.objectTypeId();
		Instant now = this.clock.instant();
		Instant watermark = watermark(objectTypeId).orElse(now.minus(this.properties.poller().initialLookback()));
		Instant since = watermark.minus(this.properties.poller().overlap());
		String modifiedProperty = SearchClient.lastModifiedProperty(objectTypeId);
		Instant[] newest = { watermark };
		List<CompletableFuture<?>> sends = new ArrayList<>();
		List<CompletableFuture<?>> rechecks = new ArrayList<>();
		List<HubSpotObject> page = new ArrayList<>(100);
		try (Stream<HubSpotObject> changed = this.hubspot.search()
			.modifiedSince(ObjectTypes.pathName(objectTypeId), since, mapping.properties())) {
			for (HubSpotObject object : (Iterable<HubSpotObject>) changed::iterator) {
				page.add(object);
				if (page.size() == 100) {
					publishMissed(mapping, page, modifiedProperty, newest, sends, rechecks);
				}
			}
		}
		publishMissed(mapping, page, modifiedProperty, newest, sends, rechecks);
		await(sends);
		await(rechecks);
		int published = sends.size();
		if (published > 0) {
			healed(objectTypeId).increment(published);
			logger.info("Poller found {} {} changed without a webhook applied", published,
					ObjectTypes.pathName(objectTypeId));
		}
		if (!rechecks.isEmpty()) {
			rechecked(objectTypeId).increment(rechecks.size());
			logger.debug("Poller has {} {} the sync wrote read again with history", rechecks.size(),
					ObjectTypes.pathName(objectTypeId));
		}
		// HubSpot's search index trails writes by up to a second: never move the
		// watermark closer to now than that.
		Instant safe = now.minus(this.properties.poller().overlap());
		saveWatermark(objectTypeId, newest[0].isAfter(safe) ? safe : newest[0]);
		return published + rechecks.size();
	}

	/**
	 * Publishes a poll event for each record of a page whose change the sync has not
	 * seen: one not linked, or one with a mapped value other than the last-synced one. A
	 * record whose HubSpot modification is newer than the link's high-water mark but
	 * whose values all equal the last-synced ones changed nothing the sync maps; one
	 * whose modification is older than the mark but whose values differ (a webhook lost,
	 * then the sync's own write of another field moved the mark) is healed all the same.
	 */
	private void publishMissed(CompiledMapping mapping, List<HubSpotObject> page, String modifiedProperty,
			Instant[] newest, List<CompletableFuture<?>> sends, List<CompletableFuture<?>> rechecks) {
		if (page.isEmpty()) {
			return;
		}
		String objectTypeId = mapping.objectTypeId();
		Map<Long, Link> links = this.links.byHubSpotIds(objectTypeId,
				page.stream().map((object) -> Long.parseLong(object.id())).toList());
		for (HubSpotObject object : page) {
			Instant modified = modifiedAt(object, modifiedProperty);
			if (modified == null) {
				continue;
			}
			if (modified.isAfter(newest[0])) {
				newest[0] = modified;
			}
			long id = Long.parseLong(object.id());
			Link link = links.get(id);
			if (link != null && (link.archived() || seen(mapping, object, link))) {
				if (!link.archived() && writtenSinceRead(mapping, object, link)) {
					rechecks.add(this.kafka.send(record(objectTypeId, id, modified)));
				}
				continue;
			}
			sends.add(this.kafka.send(record(objectTypeId, id, modified)));
		}
		page.clear();
	}

	/**
	 * Whether the sync wrote a mapped field of a record since that field's history was
	 * last read: its history is accounted for only up to before the write, older than the
	 * link's high-water mark, and a write of ours may have covered an edit nobody read.
	 * Such a record is read again with history, once, by the inbound direction.
	 */
	private boolean writtenSinceRead(CompiledMapping mapping, HubSpotObject object, Link link) {
		if (!this.properties.poller().rereadWritten() || link.hubspotModifiedAt() == null) {
			return false;
		}
		for (String property : RecordMerge.historyProperties(mapping)) {
			Instant accounted = link.hubspotSeen().get(property);
			if (accounted != null && accounted.isBefore(link.hubspotModifiedAt())
					&& object.properties().containsKey(property)
					&& mapping.byProperty(property).map((f) -> f.direction().toPlatform()).orElse(false)) {
				return true;
			}
		}
		return false;
	}

	/** Whether every mapped value of a record is the last-synced one. */
	private static boolean seen(CompiledMapping mapping, HubSpotObject object, Link link) {
		for (CompiledField field : mapping.fields()) {
			if (!field.direction().toPlatform() || !object.properties().containsKey(field.property())) {
				continue;
			}
			String synced = link.syncedValues().get(field.property());
			try {
				String value = field.canonical(object.id(), object.property(field.property()));
				if (synced == null || !FieldMerge.normalise(value).equals(FieldMerge.normalise(synced))) {
					return false;
				}
			}
			catch (ValueConversionException ex) {
				return false; // the inbound direction sets it aside with the reason
			}
		}
		return true;
	}

	private ProducerRecord<String, byte[]> record(String objectTypeId, long id, Instant modified) {
		WebhookEvent event = WebhookEvent.polled(this.portalId, objectTypeId, id, modified);
		HubSpotEvent envelope = new HubSpotEvent(event, this.clock.instant(), EventSource.POLL);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.HUBSPOT_EVENTS, event.key().toString(),
				this.serde.serialize(Topics.HUBSPOT_EVENTS, envelope));
		record.headers()
			.add(EventHeaders.CORRELATION_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
			.add(EventHeaders.SOURCE, EventSource.POLL.wireValue().getBytes(StandardCharsets.UTF_8));
		return record;
	}

	/**
	 * Reads a record's last-modified time from its last-modified property, else its
	 * {@code updatedAt}.
	 * @param object the record
	 * @param property the type's last-modified property
	 * @return the time, if known
	 */
	public static @Nullable Instant modifiedAt(HubSpotObject object, String property) {
		String value = object.property(property);
		if (value == null || value.isBlank()) {
			return object.updatedAt();
		}
		try {
			return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value))
					: Instant.parse(value);
		}
		catch (java.time.format.DateTimeParseException | NumberFormatException ex) {
			return object.updatedAt();
		}
	}

	private Optional<Instant> watermark(String objectTypeId) {
		return this.jdbc.sql("SELECT watermark FROM hubsync.poll_watermark WHERE object_type_id = ?")
			.param(objectTypeId)
			.query(Timestamp.class)
			.optional()
			.map(Timestamp::toInstant);
	}

	private void saveWatermark(String objectTypeId, Instant watermark) {
		this.jdbc
			.sql("INSERT INTO hubsync.poll_watermark (object_type_id, watermark) VALUES (?, ?) ON CONFLICT"
					+ " (object_type_id) DO UPDATE SET watermark = greatest(hubsync.poll_watermark.watermark,"
					+ " excluded.watermark), updated_at = now()")
			.params(objectTypeId, Timestamp.from(watermark))
			.update();
	}

	private static boolean tryLock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			statement.setLong(1, LOCK);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() && rs.getBoolean(1);
			}
		}
	}

	private static void unlock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			statement.setLong(1, LOCK);
			statement.execute();
		}
	}

	private static void await(List<CompletableFuture<?>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge the poll events: " + ex.getMessage(), ex);
		}
	}

}
