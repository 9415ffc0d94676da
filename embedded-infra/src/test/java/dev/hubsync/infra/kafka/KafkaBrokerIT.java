package dev.hubsync.infra.kafka;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.hubsync.infra.InfraContract;
import dev.hubsync.infra.ServerState;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.infra.junit.SharedInfra;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedInfra
class KafkaBrokerIT {

	@Test
	void recordProducedWithSpringKafkaIsConsumed(KafkaBroker broker) throws Exception {
		assertThat(broker.state()).isEqualTo(ServerState.RUNNING);
		InfraContract.recordTravelsThroughTheBroker(broker.bootstrapServers());
	}

	@Test
	void restartedBrokerKeepsItsTopicsAndRecords(@TempDir Path data) throws Exception {
		String topic = SharedInfra.uniqueName("durable");
		try (KafkaBroker broker = KafkaBroker.builder().dataDirectory(data).start()) {
			broker.createTopics(new NewTopic(topic, 2, (short) 1));
			produce(broker, topic, "before-restart");
			int port = broker.port();
			broker.stop();
			assertThat(broker.state()).isEqualTo(ServerState.STOPPED);
			broker.start();
			assertThat(broker.port()).isEqualTo(port);
			produce(broker, topic, "after-restart");
			assertThat(InfraContract.readAll(broker.bootstrapServers(), topic, 2))
				.containsExactlyInAnyOrder("before-restart", "after-restart");
		}
		try (KafkaBroker again = KafkaBroker.builder().dataDirectory(data).start()) {
			assertThat(InfraContract.readAll(again.bootstrapServers(), topic, 2)).hasSize(2);
		}
	}

	@Test
	void temporaryDataIsDeletedOnClose() {
		Path data;
		try (KafkaBroker broker = KafkaBroker.startTemporary()) {
			data = broker.dataDirectory();
			assertThat(data).isDirectory();
		}
		assertThat(data).doesNotExist();
	}

	private static void produce(KafkaBroker broker, String topic, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map
			.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
		}
	}

}
