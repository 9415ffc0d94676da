package dev.hubsync.worker.outbound;

import java.util.List;

import dev.hubsync.events.Topics;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.serde.EventSerde;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.worker.BatchReceiver;
import dev.hubsync.worker.WorkerProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The batch listener on {@code hubsync.local.changes.v1} ({@link BatchReceiver} around
 * the {@link OutboundProcessor}): undecodable records are dead-lettered with the reason,
 * the rest are processed; HubSpot's daily limit pauses consumption until the reset.
 */
@Component
class OutboundListener {

	static final String ID = "hubsync-outbound";

	private final OutboundProcessor processor;

	private final BatchReceiver receiver;

	private final WorkerProperties properties;

	private final EventSerde<LocalChange> serde = EventSerdes.localChanges();

	OutboundListener(OutboundProcessor processor, BatchReceiver receiver, WorkerProperties properties) {
		this.processor = processor;
		this.receiver = receiver;
		this.properties = properties;
	}

	@KafkaListener(id = ID, topics = Topics.LOCAL_CHANGES,
			groupId = "${hubsync.worker.outbound.group-id:hubsync-worker-outbound}",
			autoStartup = "${hubsync.worker.outbound.enabled:true}", batch = "true",
			properties = { "fetch.max.wait.ms=#{@outboundConsumer.lingerMillis()}", "fetch.min.bytes=1048576",
					"max.poll.records=#{@outboundConsumer.maxBatch()}" })
	void onChanges(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
		this.receiver.receive(ID, this.properties.outbound().groupId(), records, this.serde, Outgoing::new,
				this.processor::process);
	}

}
