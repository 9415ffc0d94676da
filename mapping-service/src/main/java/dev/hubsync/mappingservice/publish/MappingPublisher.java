package dev.hubsync.mappingservice.publish;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.mappingservice.MappingServiceProperties;
import dev.hubsync.mappingservice.store.MappingStore;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes a stored version, whole, to the compacted mapping topic (key: the object type
 * id), waits for the acknowledgement and records it. Publication follows the database
 * commit; a version whose publication failed stays pending and is published again by the
 * {@code mappings.PublicationSweeper}. Workers ignore versions not above theirs, so
 * publishing twice or late is harmless.
 */
@Component
public class MappingPublisher {

	private static final Logger logger = LoggerFactory.getLogger(MappingPublisher.class);

	private final KafkaTemplate<String, byte[]> kafka;

	private final MappingStore store;

	private final MappingServiceProperties properties;

	private final Clock clock;

	private final RecordCodec<MappingConfig> codec = new RecordCodec<>(MappingConfig.class);

	MappingPublisher(KafkaTemplate<String, byte[]> kafka, MappingStore store, MappingServiceProperties properties,
			Clock clock) {
		this.kafka = kafka;
		this.store = store;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Publishes a version.
	 * @param config the version
	 * @return whether Kafka acknowledged it in time
	 */
	public boolean publish(MappingConfig config) {
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.MAPPING_CONFIG, config.objectTypeId(),
				this.codec.encode(config));
		record.headers()
			.add(EventHeaders.CORRELATION_ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
		try {
			this.kafka.send(record).get(this.properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException
				| org.springframework.kafka.KafkaException ex) {
			logger.warn("Mapping {} version {} is saved but not yet published ({}); it is retried every {}",
					config.objectTypeId(), config.version(), cause(ex), this.properties.republishInterval());
			return false;
		}
		this.store.markPublished(config.objectTypeId(), config.version(), this.clock.instant());
		logger.info("Published mapping {} version {}", config.objectTypeId(), config.version());
		return true;
	}

	/**
	 * The innermost cause, by type and message: Spring Kafka's "Send failed" around a
	 * {@code SaslAuthenticationException} (a wrong password) should read as the latter.
	 */
	private static String cause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

}
