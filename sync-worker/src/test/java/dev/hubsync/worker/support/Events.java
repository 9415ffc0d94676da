package dev.hubsync.worker.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.hubspot.WebhookEvent;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.infra.junit.SharedInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook events shaped as HubSpot sends them, published to the events topic exactly as
 * the ingress publishes them (key, {@code HubSpotEvent} envelope with the exact text,
 * headers).
 */
public final class Events implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicLong EVENT_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L);

	private final KafkaProducer<String, byte[]> producer;

	/** Creates a publisher on the shared broker. */
	public Events() {
		this(SharedInfra.kafka().bootstrapServers());
	}

	/**
	 * Creates a publisher on a broker.
	 * @param bootstrapServers the broker
	 */
	public Events(String bootstrapServers) {
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 20),
				new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * A user's change of a contact's property in HubSpot, occurring now.
	 * @param id the contact's id
	 * @param property the property
	 * @param value its new value
	 * @return the event's JSON
	 */
	public static String propertyChange(String id, String property, String value) {
		return event("contact.propertyChange", Long.parseLong(id), Instant.now(),
				Map.of("propertyName", property, "propertyValue", value));
	}

	/**
	 * Builds a webhook event of a user's UI change.
	 * @param subscriptionType e.g. {@code contact.propertyChange}
	 * @param objectId the record
	 * @param occurredAt when
	 * @param extra more fields (propertyName, propertyValue, changeSource …)
	 * @return the event's JSON
	 */
	public static String event(String subscriptionType, long objectId, Instant occurredAt, Map<String, ?> extra) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("eventId", EVENT_IDS.incrementAndGet());
		event.put("subscriptionId", 1);
		event.put("portalId", HubSpotEmulator.PORTAL_ID);
		event.put("appId", HubSpotEmulator.APP_ID);
		event.put("occurredAt", occurredAt.toEpochMilli());
		event.put("subscriptionType", subscriptionType);
		event.put("attemptNumber", 0);
		event.put("objectId", objectId);
		event.put("changeSource", "CRM_UI");
		event.put("sourceId", "userId:1");
		event.putAll(extra);
		return JSON.writeValueAsString(event);
	}

	/**
	 * Publishes events as the ingress does and waits for the acknowledgements.
	 * @param events the events' JSON texts
	 */
	public void send(List<String> events) {
		List<java.util.concurrent.Future<?>> sends = new java.util.ArrayList<>();
		for (String text : events) {
			WebhookEvent event = WebhookEvent.parse(text);
			HubSpotEvent envelope = new HubSpotEvent(event, Instant.now(), EventSource.WEBHOOK);
			ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.HUBSPOT_EVENTS, event.key().toString(),
					EventSerdes.hubSpotEvents().serialize(Topics.HUBSPOT_EVENTS, envelope));
			record.headers()
				.add(EventHeaders.CORRELATION_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
				.add(EventHeaders.SOURCE, "webhook".getBytes(StandardCharsets.UTF_8));
			sends.add(this.producer.send(record));
		}
		this.producer.flush();
		for (java.util.concurrent.Future<?> send : sends) {
			try {
				send.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (java.util.concurrent.ExecutionException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Publishes raw bytes (a poison record).
	 * @param key the key
	 * @param value the value
	 */
	public void sendRaw(String key, byte[] value) {
		try {
			this.producer.send(new ProducerRecord<>(Topics.HUBSPOT_EVENTS, key, value)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
