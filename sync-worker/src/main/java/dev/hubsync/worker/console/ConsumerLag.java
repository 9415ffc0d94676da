package dev.hubsync.worker.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.Topics;
import dev.hubsync.worker.WorkerProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * The worker's consumer lag per direction and partition, read with a Kafka admin client
 * (committed offsets of the worker's groups against the topics' end offsets). The age of
 * the oldest unprocessed event is known for a stalled partition (the overview shows the
 * worker's stalls beside the lag).
 */
@Component
class ConsumerLag implements DisposableBean {

	private final KafkaAdmin kafkaAdmin;

	private final WorkerProperties properties;

	private final KafkaProperties kafkaProperties;

	private volatile @Nullable Admin admin;

	private @Nullable KafkaConsumer<byte[], byte[]> reader;

	ConsumerLag(KafkaAdmin kafkaAdmin, WorkerProperties properties, KafkaProperties kafkaProperties) {
		this.kafkaAdmin = kafkaAdmin;
		this.properties = properties;
		this.kafkaProperties = kafkaProperties;
	}

	/**
	 * One partition's lag.
	 *
	 * @param direction inbound or outbound
	 * @param topic the topic
	 * @param partition the partition
	 * @param committed the group's committed offset
	 * @param end the end offset
	 * @param lag events not yet processed
	 * @param oldestAge how long the oldest of them has waited, when known
	 */
	record PartitionLag(String direction, String topic, int partition, long committed, long end, long lag,
			@Nullable Duration oldestAge) {
	}

	/**
	 * Reads the lag of both directions.
	 * @return one entry per partition, or the reason it could not be read
	 */
	Result read() {
		try {
			List<PartitionLag> lags = new ArrayList<>();
			lags.addAll(read("inbound", this.properties.inbound().groupId(), Topics.HUBSPOT_EVENTS));
			lags.addAll(read("outbound", this.properties.outbound().groupId(), Topics.LOCAL_CHANGES));
			lags.sort(Comparator.comparing(PartitionLag::direction).thenComparing(PartitionLag::partition));
			return new Result(lags, null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(List.of(), "interrupted");
		}
		catch (Exception ex) {
			return new Result(List.of(), "could not read the lag from Kafka: " + ex.getMessage());
		}
	}

	/**
	 * The lag, or why there is none.
	 *
	 * @param partitions per partition
	 * @param error why it could not be read
	 */
	record Result(List<PartitionLag> partitions, @Nullable String error) {

	}

	private List<PartitionLag> read(String direction, String group, String topic) throws Exception {
		Admin client = admin();
		Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		Map<TopicPartition, Integer> partitions = new HashMap<>();
		client.describeTopics(List.of(topic))
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.get(topic)
			.partitions()
			.forEach((info) -> partitions.put(new TopicPartition(topic, info.partition()), info.partition()));
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.keySet().forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = client.listOffsets(latest)
			.all()
			.get(10, TimeUnit.SECONDS);
		List<PartitionLag> lags = new ArrayList<>();
		for (TopicPartition partition : partitions.keySet()) {
			OffsetAndMetadata offset = committed.get(partition);
			long position = (offset != null) ? offset.offset() : 0;
			long end = ends.get(partition).offset();
			long lag = Math.max(0, end - position);
			lags.add(new PartitionLag(direction, topic, partition.partition(), position, end, lag, null));
		}
		return withAges(lags);
	}

	/**
	 * The lags, with the age of the record at each lagging partition's committed offset.
	 */
	private synchronized List<PartitionLag> withAges(List<PartitionLag> lags) {
		Map<TopicPartition, Long> lagging = new HashMap<>();
		for (PartitionLag lag : lags) {
			if (lag.lag() > 0) {
				lagging.put(new TopicPartition(lag.topic(), lag.partition()), lag.committed());
			}
		}
		if (lagging.isEmpty()) {
			return lags;
		}
		KafkaConsumer<byte[], byte[]> reader = reader();
		reader.assign(lagging.keySet());
		lagging.forEach(reader::seek);
		Map<TopicPartition, Long> timestamps = new HashMap<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
		while (timestamps.size() < lagging.size() && System.nanoTime() < deadline) {
			for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(200))) {
				TopicPartition partition = new TopicPartition(record.topic(), record.partition());
				timestamps.putIfAbsent(partition, record.timestamp());
				reader.pause(List.of(partition));
			}
		}
		reader.unsubscribe();
		Instant now = Instant.now();
		List<PartitionLag> aged = new ArrayList<>();
		for (PartitionLag lag : lags) {
			Long at = timestamps.get(new TopicPartition(lag.topic(), lag.partition()));
			aged.add((at == null) ? lag : new PartitionLag(lag.direction(), lag.topic(), lag.partition(),
					lag.committed(), lag.end(), lag.lag(), Duration.between(Instant.ofEpochMilli(at), now)));
		}
		return aged;
	}

	private KafkaConsumer<byte[], byte[]> reader() {
		KafkaConsumer<byte[], byte[]> consumer = this.reader;
		if (consumer == null) {
			Map<String, Object> config = new HashMap<>(this.kafkaProperties.buildConsumerProperties());
			config.remove(ConsumerConfig.GROUP_ID_CONFIG);
			config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
			config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
			consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
			this.reader = consumer;
		}
		return consumer;
	}

	private Admin admin() {
		Admin client = this.admin;
		if (client == null) {
			synchronized (this) {
				client = this.admin;
				if (client == null) {
					client = Admin.create(this.kafkaAdmin.getConfigurationProperties());
					this.admin = client;
				}
			}
		}
		return client;
	}

	@Override
	public void destroy() {
		Admin client = this.admin;
		if (client != null) {
			client.close(Duration.ofSeconds(5));
		}
		synchronized (this) {
			if (this.reader != null) {
				this.reader.close();
			}
		}
	}

}
