package dev.hubsync.ingress.kafka;

import java.util.List;

import dev.hubsync.events.TopicSpec;
import dev.hubsync.ingress.IngressProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The producer: idempotent, {@code acks=all}, and never blocking longer than the publish
 * bound (a producer waiting for metadata of an unreachable broker would otherwise block
 * for a minute, long after HubSpot gave up on the request).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	DefaultKafkaProducerFactoryCustomizer durableProducer(IngressProperties properties) {
		int bound = (int) properties.publishTimeout().toMillis();
		return (factory) -> factory
			.updateConfigs(java.util.Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
					true, ProducerConfig.MAX_BLOCK_MS_CONFIG, bound, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
					Math.max(bound * 10, 30_000), ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(bound, 2_000)));
	}

	@Bean
	KafkaAdmin.NewTopics ingressTopics(IngressProperties properties) {
		TopicSpec events = TopicSpec.hubSpotEvents(properties.partitions());
		List<NewTopic> topics = new java.util.ArrayList<>();
		topics.add(newTopic(events));
		TopicSpec.failureTopicsOf(events).forEach((spec) -> topics.add(newTopic(spec)));
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	static NewTopic newTopic(TopicSpec spec) {
		return new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.config());
	}

}
