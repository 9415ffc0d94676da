package dev.hubsync.worker.inbound;

import java.util.List;

import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.serde.EventSerde;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.worker.BatchReceiver;
import dev.hubsync.worker.WorkerProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The batch listener on {@code hubsync.hubspot.events.v1} ({@link BatchReceiver} around
 * the {@link InboundProcessor}): a record that cannot be decoded or whose subscription
 * type is unknown is dead-lettered with the reason while the rest of the batch proceeds;
 * HubSpot's daily limit pauses consumption until the reset.
 */
@Component
class InboundListener {

	static final String ID = "hubsync-inbound";

	private final InboundProcessor processor;

	private final BatchReceiver receiver;

	private final WorkerProperties properties;

	private final EventSerde<HubSpotEvent> serde = EventSerdes.hubSpotEvents();

	InboundListener(InboundProcessor processor, BatchReceiver receiver, WorkerProperties properties) {
		this.processor = processor;
		this.receiver = receiver;
		this.properties = properties;
	}

	@KafkaListener(id = ID, topics = Topics.HUBSPOT_EVENTS,
			groupId = "${hubsync.worker.inbound.group-id:hubsync-worker-inbound}",
			concurrency = "${hubsync.worker.inbound.concurrency:1}", batch = "true",
			properties = { "fetch.max.wait.ms=#{@inboundConsumer.lingerMillis()}", "fetch.min.bytes=1048576",
					"max.poll.records=#{@inboundConsumer.maxBatch()}" })
	void onEvents(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
		this.receiver.receive(
				ID, this.properties.inbound().groupId(), records, this.serde, (record, event,
						correlationId) -> new Incoming(record, event, HubSpotChange.of(event.event()), correlationId),
				this.processor::process);
	}

}
