package dev.hubsync.ingress.journal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.Topics;
import dev.hubsync.ingress.publishing.KafkaUnavailableException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the reader's position in the compacted topic {@link Topics#JOURNAL_OFFSETS},
 * keyed by the journal read ({@code journal-local:100000}): a store waits (bounded) for
 * Kafka's acknowledgement; a load reads the one-partition topic from the beginning to its
 * end and keeps the key's last value. No database: the ingress has none (ARCHITECTURE
 * §14).
 */
final class KafkaOffsetStore implements OffsetStore {

	private final KafkaTemplate<String, byte[]> kafka;

	private final Map<String, Object> consumerConfig;

	private final String key;

	private final Duration timeout;

	private final JsonMapper json;

	KafkaOffsetStore(KafkaTemplate<String, byte[]> kafka, Map<String, Object> consumerConfig, String key,
			Duration timeout, JsonMapper json) {
		this.kafka = kafka;
		this.consumerConfig = consumerConfig;
		this.key = key;
		this.timeout = timeout;
		this.json = json;
	}

	@Override
	public Optional<Position> load() {
		Map<String, Object> config = new HashMap<>(this.consumerConfig);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		TopicPartition partition = new TopicPartition(Topics.JOURNAL_OFFSETS, 0);
		byte @Nullable [] last = null;
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (consumer.position(partition) < end) {
				if (System.nanoTime() > deadline) {
					throw new KafkaUnavailableException("could not read " + Topics.JOURNAL_OFFSETS + " to its end",
							new TimeoutException("30 s"));
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (this.key.equals(record.key())) {
						last = record.value();
					}
				}
			}
		}
		if (last == null || last.length == 0) {
			return Optional.empty();
		}
		JsonNode node = this.json.readTree(last);
		return Optional.of(new Position(node.get("offset").asString(),
				node.hasNonNull("publishedAt") ? Instant.parse(node.get("publishedAt").asString()) : null));
	}

	@Override
	public void store(Position position) {
		Map<String, Object> value = new LinkedHashMap<>();
		value.put("offset", position.offset());
		value.put("publishedAt", (position.publishedAt() != null) ? position.publishedAt().toString() : null);
		try {
			this.kafka.send(Topics.JOURNAL_OFFSETS, this.key, this.json.writeValueAsBytes(value))
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			throw new KafkaUnavailableException("the journal offset was not acknowledged: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnavailableException("interrupted while storing the journal offset", ex);
		}
	}

}
