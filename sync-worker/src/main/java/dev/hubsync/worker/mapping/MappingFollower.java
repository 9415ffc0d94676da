package dev.hubsync.worker.mapping;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.Topics;
import dev.hubsync.events.mapping.MappingConfig;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.mapping.MappingRegistry;
import dev.hubsync.mapping.transform.Directories;
import dev.hubsync.worker.store.PlatformTables;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Follows the compacted mapping topic from its beginning (every worker reads all of it,
 * no consumer group) into the {@link MappingRegistry}: a new version takes effect without
 * a restart, an older one is ignored, one that does not compile against the platform
 * table is logged and the previous one stays in force. Starts before the listeners, which
 * wait until the topic's existing versions are read.
 */
@Component
public class MappingFollower implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(MappingFollower.class);

	private final MappingRegistry registry;

	private final KafkaProperties kafka;

	private final RecordCodec<MappingConfig> codec = new RecordCodec<>(MappingConfig.class);

	private final CountDownLatch caughtUp = new CountDownLatch(1);

	private volatile KafkaConsumer<String, byte[]> consumer;

	private volatile Thread thread;

	MappingFollower(MappingRegistry registry, KafkaProperties kafka) {
		this.registry = registry;
		this.kafka = kafka;
	}

	@Override
	public void start() {
		Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		KafkaConsumer<String, byte[]> follower = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer());
		this.consumer = follower;
		Thread runner = new Thread(() -> follow(follower), "hubsync-mapping-follower");
		runner.setDaemon(true);
		this.thread = runner;
		runner.start();
	}

	private void follow(KafkaConsumer<String, byte[]> follower) {
		try {
			List<TopicPartition> partitions = partitions(follower);
			follower.assign(partitions);
			follower.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = follower.endOffsets(partitions);
			while (!Thread.currentThread().isInterrupted()) {
				if (this.caughtUp.getCount() > 0 && partitions.stream()
					.allMatch((partition) -> follower.position(partition) >= end.getOrDefault(partition, 0L))) {
					this.caughtUp.countDown();
				}
				for (ConsumerRecord<String, byte[]> record : follower.poll(Duration.ofMillis(500))) {
					apply(record);
				}
			}
		}
		catch (WakeupException ex) {
			// stopping
		}
		catch (org.apache.kafka.common.KafkaException ex) {
			logger.error("Stopped following {}: {}", Topics.MAPPING_CONFIG, ex.getMessage(), ex);
		}
		finally {
			follower.close();
		}
	}

	/**
	 * The topic's partitions (it has one when created by HubSync; all are read in case it
	 * was created otherwise), waiting for the topic to exist.
	 */
	private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> follower) {
		while (true) {
			List<org.apache.kafka.common.PartitionInfo> infos = follower.partitionsFor(Topics.MAPPING_CONFIG,
					Duration.ofSeconds(10));
			if (infos != null && !infos.isEmpty()) {
				return infos.stream().map((info) -> new TopicPartition(info.topic(), info.partition())).toList();
			}
			logger.info("Waiting for {} to exist", Topics.MAPPING_CONFIG);
		}
	}

	private void apply(ConsumerRecord<String, byte[]> record) {
		if (record.value() == null) {
			return;
		}
		MappingConfig config;
		try {
			config = this.codec.decode(record.value());
		}
		catch (EventFormatException ex) {
			logger.error("Ignoring an unreadable mapping at offset {}: {}", record.offset(), ex.getMessage());
			return;
		}
		MappingRegistry.Offer offer;
		try {
			offer = this.registry.offer(config);
		}
		catch (IllegalStateException ex) {
			logger.error("Mapping {} version {} cannot be used: {}", config.objectTypeId(), config.version(),
					ex.getMessage());
			return;
		}
		switch (offer.outcome()) {
			case APPLIED -> logger.info("Mapping {} version {} in force", config.objectTypeId(), config.version());
			case INVALID -> logger.error("Mapping {} version {} does not compile against {}; version {} stays: {}",
					config.objectTypeId(), config.version(), config.platformTable(), offer.versionInForce(),
					offer.problems());
			case STALE -> logger.debug("Mapping {} version {} is not newer than {}", config.objectTypeId(),
					config.version(), offer.versionInForce());
		}
	}

	/**
	 * Waits until the mappings already on the topic are read.
	 * @param timeout the longest wait
	 * @return whether they were
	 * @throws InterruptedException when interrupted
	 */
	public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
		return this.caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		KafkaConsumer<String, byte[]> follower = this.consumer;
		if (follower != null) {
			follower.wakeup();
		}
		Thread runner = this.thread;
		if (runner != null) {
			try {
				runner.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.consumer = null;
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.thread != null;
	}

	@Override
	public int getPhase() {
		// before the Kafka listener containers (which start in the default phase)
		return Integer.MAX_VALUE / 2 - 100;
	}

	/**
	 * The registry, compiled against the platform tables' column types.
	 */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@org.springframework.context.annotation.Bean
		MappingRegistry mappingRegistry(PlatformTables tables, MappingTrust trust, Directories directories) {
			return new MappingRegistry(tables::columnTypes, trust.allowedSchemas(), directories);
		}

	}

}
