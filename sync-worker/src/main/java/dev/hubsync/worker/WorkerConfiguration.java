package dev.hubsync.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.hubsync.events.TopicSpec;
import dev.hubsync.worker.inbound.DeletionGuard;
import dev.hubsync.worker.observability.Stalls;
import dev.hubsync.worker.observability.SyncHealthIndicator;
import dev.hubsync.worker.store.SyncState;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.util.backoff.ExponentialBackOff;

/** The worker's topics, producer, error handling, guard and housekeeping. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(WorkerConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	KafkaAdmin.NewTopics workerTopics(WorkerProperties properties) {
		List<NewTopic> topics = new ArrayList<>();
		for (TopicSpec spec : List.of(TopicSpec.hubSpotEvents(properties.partitions()),
				TopicSpec.localChanges(properties.partitions()), TopicSpec.syncResults(properties.partitions()))) {
			topics.add(newTopic(spec));
			if (!spec.name().equals(dev.hubsync.events.Topics.SYNC_RESULTS)) {
				TopicSpec.failureTopicsOf(spec).forEach((failure) -> topics.add(newTopic(failure)));
			}
		}
		topics.add(newTopic(TopicSpec.mappingConfig()));
		topics.add(newTopic(TopicSpec.syncRequests()));
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	private static NewTopic newTopic(TopicSpec spec) {
		return new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.config());
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer durableProducer() {
		return (factory) -> factory.updateConfigs(Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5));
	}

	/**
	 * Transient failures (HubSpot 5xx after the client's own retries, the database or
	 * Kafka away) retry the batch with exponential back-off, without end: a partition
	 * waits rather than losing events. Poison records never get here; they are
	 * dead-lettered one by one.
	 */
	@Bean
	DefaultErrorHandler workerErrorHandler(WorkerProperties properties, KafkaProperties kafka) {
		checkBackOffFitsPollInterval(properties.retry().maxBackoff(),
				kafka.getConsumer().getProperties().get(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG));
		ExponentialBackOff backOff = new ExponentialBackOff(properties.retry().initialBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(properties.retry().maxBackoff().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
		handler.setLogLevel(org.springframework.kafka.KafkaException.Level.WARN);
		return handler;
	}

	/**
	 * Refuses a retry back-off the consumer group would not wait for: a failed batch
	 * sleeps its back-off on the consumer thread before it is polled again, and a member
	 * that does not poll within {@code max.poll.interval.ms} is put out of its group (its
	 * partitions move, and it rejoins at once: a rebalance after every sleep).
	 * @param maxBackoff {@code hubsync.worker.retry.max-backoff}
	 * @param maxPollInterval the consumer's {@code max.poll.interval.ms} as configured,
	 * if at all (Kafka's default: 300000)
	 */
	static void checkBackOffFitsPollInterval(Duration maxBackoff, @Nullable String maxPollInterval) {
		long interval = (maxPollInterval != null) ? Long.parseLong(maxPollInterval.trim()) : 300_000L;
		// half the interval: the batch's own work comes on top of the sleep
		if (maxBackoff.toMillis() > interval / 2) {
			throw new IllegalStateException("hubsync.worker.retry.max-backoff (" + maxBackoff.toMillis() + " ms"
					+ ") must be at most half the consumer's max.poll.interval.ms (" + interval
					+ " ms, spring.kafka.consumer.properties.max.poll.interval.ms): a failed batch sleeps its"
					+ " back-off on the consumer thread, and a member that does not poll in time leaves its group");
		}
	}

	/**
	 * The inbound consumer's settings, named for the listener's annotation: the linger is
	 * Kafka's own fetch wait (with a large minimum fetch), so the broker holds a poll
	 * until a burst has arrived or the linger is over.
	 */
	@Bean
	InboundConsumer inboundConsumer(WorkerProperties properties) {
		return new InboundConsumer(properties.inbound().linger().toMillis(), properties.inbound().maxBatch());
	}

	@Bean
	InboundConsumer outboundConsumer(WorkerProperties properties) {
		return new InboundConsumer(properties.outbound().linger().toMillis(), properties.outbound().maxBatch());
	}

	/**
	 * Settings of the inbound consumer.
	 *
	 * @param lingerMillis {@code fetch.max.wait.ms}
	 * @param maxBatch {@code max.poll.records}
	 */
	record InboundConsumer(long lingerMillis, int maxBatch) {
	}

	@Bean
	Stalls stalls(Clock clock, MeterRegistry meters, WorkerProperties properties) {
		return new Stalls(clock, meters, properties.retry().degradedAfter());
	}

	@Bean
	SyncHealthIndicator syncHealthIndicator(Stalls stalls) {
		return new SyncHealthIndicator(stalls);
	}

	/**
	 * Tells {@link Stalls} which partitions a replica gives up and gets in a rebalance
	 * (another replica reports those it gave up).
	 */
	@Bean
	ConsumerAwareRebalanceListener stallsOnRebalance(Stalls stalls) {
		return new ConsumerAwareRebalanceListener() {

			@Override
			public void onPartitionsRevokedAfterCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				stalls.revoked(partitions);
			}

			@Override
			public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				stalls.revoked(partitions);
			}

			@Override
			public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
				stalls.assigned(partitions);
			}

		};
	}

	@Bean
	DeletionGuard deletionGuard(WorkerProperties properties, Clock clock) {
		return new DeletionGuard(properties.guard().maxDeletions(), properties.guard().window(), clock);
	}

	@Bean
	Housekeeping housekeeping(SyncState state, WorkerProperties properties, Clock clock) {
		return new Housekeeping(state, properties, clock);
	}

	/** Expires applied identities and old log rows. */
	static final class Housekeeping {

		private final SyncState state;

		private final WorkerProperties properties;

		private final Clock clock;

		Housekeeping(SyncState state, WorkerProperties properties, Clock clock) {
			this.state = state;
			this.properties = properties;
			this.clock = clock;
		}

		@Scheduled(fixedDelayString = "${hubsync.worker.cleanup-interval:10m}",
				initialDelayString = "${hubsync.worker.cleanup-interval:10m}")
		void expire() {
			Instant now = this.clock.instant();
			int removed = this.state.expire(now.minus(this.properties.processedRetention()),
					now.minus(this.properties.syncLogRetention()))
					+ this.state.expireDeadLetters(now.minus(TopicSpec.DEAD_LETTER_RETENTION));
			if (removed > 0) {
				logger.info("Expired {} processed identities, sync log rows and dead-letter counts", removed);
			}
		}

	}

}
