package dev.hubsync.worker.triggers;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.events.local.ChangeOp;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.local.Row;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes trigger events: a snapshot of a product row on {@value Topics#LOCAL_CHANGES}
 * (the outbound direction reads the row and merges it) and a polled record on
 * {@value Topics#HUBSPOT_EVENTS} (the inbound direction reads the record and merges it).
 * Events are triggers: what is applied is what both sides hold when they are processed.
 */
@Component
public class Triggers {

	private static final Duration ACKNOWLEDGE = Duration.ofSeconds(60);

	private final KafkaTemplate<String, byte[]> kafka;

	private final long portalId;

	private final Clock clock;

	Triggers(KafkaTemplate<String, byte[]> kafka, HubSpotProperties hubspot, Clock clock) {
		this.kafka = kafka;
		this.portalId = hubspot.portalId();
		this.clock = clock;
	}

	/**
	 * Publishes a snapshot of a product row.
	 * @param config the row's mapping
	 * @param key the row's key
	 * @param row the row as read, or null for a row deleted with SQL (a delete event
	 * carrying the key alone)
	 * @param keyOnly the key-only row for a deleted row
	 * @param position the log position the event carries (its identity; LSN)
	 * @param source who publishes it
	 * @param correlationId the correlation id, or null for a new one
	 * @return the send
	 */
	public CompletableFuture<SendResult<String, byte[]>> snapshot(MappingConfig config, String key, @Nullable Row row,
			@Nullable Row keyOnly, long position, EventSource source, @Nullable String correlationId) {
		String correlation = (correlationId != null) ? correlationId : UUID.randomUUID().toString();
		LocalChange change = (row != null)
				? new LocalChange(config.platformTable(), key, ChangeOp.SNAPSHOT, null, row, 0, position,
						this.clock.instant(), false, correlation)
				: new LocalChange(config.platformTable(), key, ChangeOp.DELETE, keyOnly, null, 0, position,
						this.clock.instant(), false, correlation);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.LOCAL_CHANGES, change.key().toString(),
				EventSerdes.localChanges().serialize(Topics.LOCAL_CHANGES, change));
		headers(record, source, correlation);
		return this.kafka.send(record);
	}

	/**
	 * Returns the position a snapshot published now carries: the write-ahead log's
	 * position, negated. A change event is identified by its table, key and position, so
	 * a snapshot must never carry a real change's LSN (the next change of the row can
	 * start at exactly the position read now); negated, it is distinct per snapshot time
	 * and never a real LSN. Snapshots are triggers: the outbound direction neither drops
	 * them by the link's high-water mark nor raises the mark with them.
	 * @param walPosition {@code pg_current_wal_lsn()} as a number
	 * @return the snapshot's position
	 */
	public static long snapshotPosition(long walPosition) {
		return -Math.max(1, walPosition);
	}

	/**
	 * Publishes a polled HubSpot record.
	 * @param objectTypeId the object type
	 * @param id the record
	 * @param modified its last-modified time (part of the event's identity)
	 * @param source who publishes it
	 * @param correlationId the correlation id, or null for a new one
	 * @return the send
	 */
	public CompletableFuture<SendResult<String, byte[]>> polled(String objectTypeId, long id, Instant modified,
			EventSource source, @Nullable String correlationId) {
		WebhookEvent event = WebhookEvent.polled(this.portalId, objectTypeId, id, modified);
		HubSpotEvent envelope = new HubSpotEvent(event, this.clock.instant(), source);
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.HUBSPOT_EVENTS, event.key().toString(),
				EventSerdes.hubSpotEvents().serialize(Topics.HUBSPOT_EVENTS, envelope));
		headers(record, source, (correlationId != null) ? correlationId : UUID.randomUUID().toString());
		return this.kafka.send(record);
	}

	/**
	 * Waits until Kafka acknowledged sends.
	 * @param sends the sends
	 * @throws IllegalStateException when Kafka does not acknowledge within a minute
	 */
	public static void await(List<? extends CompletableFuture<?>> sends) {
		try {
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(ACKNOWLEDGE.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Kafka did not acknowledge the worker's trigger events: " + ex.getMessage(),
					ex);
		}
	}

	private static void headers(ProducerRecord<String, byte[]> record, EventSource source, String correlationId) {
		record.headers()
			.add(EventHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8))
			.add(EventHeaders.SOURCE, source.wireValue().getBytes(StandardCharsets.UTF_8));
	}

}
