package dev.hubsync.publisher;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.hubsync.events.TopicSpec;
import dev.hubsync.publisher.capture.CaptureHealthIndicator;
import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.observability.PublisherMetrics;
import dev.hubsync.publisher.observability.SlotLagMonitor;
import dev.hubsync.publisher.tables.CapturedTable;
import dev.hubsync.publisher.tables.TableInspector;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Wires the publisher: tables checked first (start-up fails naming a bad table), then
 * capture.
 */
@Configuration(proxyBeanMethods = false)
class PublisherConfiguration {

	@Bean
	Clock publisherClock() {
		return Clock.systemUTC();
	}

	@Bean
	List<CapturedTable> capturedTables(DataSource dataSource, PublisherProperties settings) {
		return new TableInspector(dataSource).inspect(settings.tables(), settings.replicaIdentity());
	}

	@Bean
	PublisherMetrics publisherMetrics(MeterRegistry registry) {
		return new PublisherMetrics(registry);
	}

	@Bean
	CaptureService captureService(PublisherProperties settings, List<CapturedTable> capturedTables,
			DataSource dataSource, DataSourceProperties database, KafkaProperties kafka,
			KafkaTemplate<String, byte[]> template, PublisherMetrics metrics, Clock clock) {
		String bootstrap = String.join(",", kafka.getBootstrapServers());
		return new CaptureService(settings, capturedTables, dataSource,
				CaptureService.engineConfig(settings, capturedTables, database.determineUrl(),
						database.determineUsername(), database.determinePassword(), bootstrap,
						kafka.buildAdminProperties()),
				template, metrics, clock);
	}

	@Bean
	SlotLagMonitor slotLagMonitor(DataSource dataSource, PublisherProperties settings, PublisherMetrics metrics) {
		return new SlotLagMonitor(dataSource, settings, metrics);
	}

	@Bean("capture")
	CaptureHealthIndicator captureHealthIndicator(CaptureService capture, PublisherMetrics metrics) {
		return new CaptureHealthIndicator(capture, metrics);
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer durableProducer(PublisherProperties settings) {
		return (factory) -> factory
			.updateConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
					ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) settings.publishTimeout().toMillis()));
	}

	@Bean
	KafkaAdmin.NewTopics publisherTopics(PublisherProperties settings) {
		TopicSpec changes = TopicSpec.localChanges(settings.partitions());
		List<NewTopic> topics = new ArrayList<>();
		topics.add(newTopic(changes));
		TopicSpec.failureTopicsOf(changes).forEach((spec) -> topics.add(newTopic(spec)));
		return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
	}

	private static NewTopic newTopic(TopicSpec spec) {
		return new NewTopic(spec.name(), spec.partitions(), (short) -1).configs(spec.config());
	}

}
