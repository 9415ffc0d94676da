package dev.hubsync.mappingservice.publish;

import java.time.Clock;
import java.util.Map;

import dev.hubsync.events.TopicSpec;
import dev.hubsync.mappingservice.MappingServiceProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The compacted mapping topic and an idempotent, bounded producer. */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	@Bean
	KafkaAdmin.NewTopics mappingTopic(MappingServiceProperties properties) {
		TopicSpec spec = TopicSpec.mappingConfig();
		return new KafkaAdmin.NewTopics(
				new NewTopic(spec.name(), spec.partitions(), properties.replicationFactor()).configs(spec.config()));
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer boundedProducer(MappingServiceProperties properties) {
		int bound = (int) properties.publishTimeout().toMillis();
		return (factory) -> factory.updateConfigs(Map.of(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.MAX_BLOCK_MS_CONFIG, bound, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
				Math.max(bound, 30_000), ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(bound, 30_000)));
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
