package dev.hubsync.ingress.support;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.awaitility.Awaitility;

/** Reads what is really on a topic: records from the beginning, and end offsets. */
public final class TopicReader {

	private final String bootstrapServers;

	public TopicReader(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	/**
	 * Waits until the records matching a filter number at least {@code count}, and
	 * returns them.
	 */
	public List<ConsumerRecord<String, byte[]>> await(String topic, Predicate<ConsumerRecord<String, byte[]>> filter,
			int count) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			consumer.subscribe(List.of(topic));
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (filter.test(record)) {
						found.add(record);
					}
				});
				return found.size() >= count;
			});
		}
		return found;
	}

	/**
	 * Reads every record of a topic written so far (up to its end offsets now) that
	 * matches a filter.
	 */
	public List<ConsumerRecord<String, byte[]>> all(String topic, Predicate<ConsumerRecord<String, byte[]>> filter) {
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = consumer()) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic)
				.stream()
				.map((p) -> new TopicPartition(topic, p.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach((record) -> {
					if (filter.test(record)) {
						found.add(record);
					}
				});
				return partitions.stream().allMatch((p) -> consumer.position(p) >= end.get(p));
			});
		}
		return found;
	}

	/** The sum of a topic's end offsets: changes whenever anything is written to it. */
	public long endOffsets(String topic) {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.bootstrapServers))) {
			if (!admin.listTopics().names().get().contains(topic)) {
				return 0;
			}
			List<TopicPartition> partitions = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get()
				.get(topic)
				.partitions()
				.stream()
				.map((p) -> new TopicPartition(topic, p.partition()))
				.toList();
			Map<TopicPartition, OffsetSpec> latest = partitions.stream()
				.collect(Collectors.toMap((p) -> p, (p) -> OffsetSpec.latest()));
			return admin.listOffsets(latest).all().get().values().stream().mapToLong((o) -> o.offset()).sum();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	private KafkaConsumer<String, byte[]> consumer() {
		Map<String, Object> config = new HashMap<>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
	}

}
