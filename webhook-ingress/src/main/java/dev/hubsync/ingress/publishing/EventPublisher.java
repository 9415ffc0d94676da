package dev.hubsync.ingress.publishing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.EventJson;
import dev.hubsync.events.serde.HubSpotEventCodec;
import dev.hubsync.hubspot.signature.SignatureVersion;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends the events of one request and waits, within a bound, until Kafka acknowledged
 * every one. An event is either durably in Kafka when the answer is 200, or HubSpot is
 * told to retry (and the duplicate that a retry may add is dropped downstream by the
 * event's identity).
 */
@Component
public class EventPublisher {

	private final KafkaTemplate<String, byte[]> kafka;

	private final HubSpotEventCodec codec = new HubSpotEventCodec();

	private final Clock clock;

	/**
	 * Creates the publisher.
	 * @param kafka the template
	 * @param clock the clock
	 */
	public EventPublisher(KafkaTemplate<String, byte[]> kafka, Clock clock) {
		this.kafka = kafka;
		this.clock = clock;
	}

	/**
	 * Publishes the slices of one request.
	 * @param slices the events and malformed elements
	 * @param signature the signature version that verified the request
	 * @param timeout how long to wait for the acknowledgements
	 * @return what was published
	 * @throws KafkaUnavailableException when not every record was acknowledged in time
	 */
	public PublishResult publish(List<Slice> slices, SignatureVersion signature, Duration timeout) {
		return publish(slices, EventSource.WEBHOOK, signature, timeout);
	}

	/**
	 * Publishes events that arrived another way than a signed request (the webhooks
	 * journal), with the same guarantee.
	 * @param slices the events and malformed elements
	 * @param source how they arrived
	 * @param signature the signature version that verified them, if any
	 * @param timeout how long to wait for the acknowledgements
	 * @return what was published
	 * @throws KafkaUnavailableException when not every record was acknowledged in time
	 */
	public PublishResult publish(List<Slice> slices, EventSource source, @Nullable SignatureVersion signature,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Instant receivedAt = this.clock.instant();
		List<CompletableFuture<?>> sends = new ArrayList<>(slices.size());
		int accepted = 0;
		int deadLettered = 0;
		try {
			for (Slice slice : slices) {
				if (slice instanceof Slice.Event event) {
					sends.add(this.kafka
						.send(eventRecord(new HubSpotEvent(event.event(), receivedAt, source), signature)));
					accepted++;
				}
				else if (slice instanceof Slice.Malformed malformed) {
					sends.add(this.kafka.send(deadLetter(malformed, receivedAt, source)));
					deadLettered++;
				}
			}
			CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
				.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			throw new KafkaUnavailableException("Kafka did not acknowledge within " + timeout, ex);
		}
		catch (ExecutionException ex) {
			throw new KafkaUnavailableException("Kafka refused a record: " + ex.getCause(), ex.getCause());
		}
		catch (KafkaException | org.springframework.kafka.KafkaException ex) {
			// send() itself fails (Spring wraps it) when metadata cannot be fetched
			// within max.block.ms
			throw new KafkaUnavailableException("Kafka is unavailable: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnavailableException("interrupted while waiting for Kafka", ex);
		}
		return new PublishResult(accepted, deadLettered);
	}

	private ProducerRecord<String, byte[]> eventRecord(HubSpotEvent event, @Nullable SignatureVersion signature) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.HUBSPOT_EVENTS, event.key().toString(),
				this.codec.encode(event));
		Headers headers = record.headers();
		header(headers, EventHeaders.CORRELATION_ID, UUID.randomUUID().toString());
		header(headers, EventHeaders.SOURCE, event.source().wireValue());
		header(headers, EventHeaders.SCHEMA_VERSION, String.valueOf(EventJson.SCHEMA_VERSION));
		if (signature != null) {
			header(headers, EventHeaders.SIGNATURE_VERSION, signature.headerValue());
		}
		return record;
	}

	private static ProducerRecord<String, byte[]> deadLetter(Slice.Malformed malformed, Instant receivedAt,
			EventSource source) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.HUBSPOT_EVENTS_DLT, null, malformed.raw());
		Headers headers = record.headers();
		header(headers, EventHeaders.CORRELATION_ID, UUID.randomUUID().toString());
		header(headers, EventHeaders.SOURCE, source.wireValue());
		header(headers, EventHeaders.DLT_REASON, malformed.reason());
		header(headers, EventHeaders.DLT_ORIGINAL_TOPIC, Topics.HUBSPOT_EVENTS);
		header(headers, EventHeaders.DLT_EXCEPTION_FQCN, EventFormatException.class.getName());
		header(headers, EventHeaders.DLT_EXCEPTION_MESSAGE, malformed.reason());
		header(headers, EventHeaders.RECEIVED_AT, receivedAt.toString());
		return record;
	}

	private static void header(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
