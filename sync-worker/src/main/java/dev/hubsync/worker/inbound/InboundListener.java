package dev.hubsync.worker.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.events.serde.EventSerde;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.hubspot.error.HubSpotPauseException;
import dev.hubsync.worker.ListenerPauses;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.mapping.MappingFollower;
import dev.hubsync.worker.results.ResultPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The batch listener on {@code hubsync.hubspot.events.v1}. A record that cannot be
 * decoded or whose subscription type is unknown is dead-lettered with the reason while
 * the rest of the batch proceeds. HubSpot's daily limit (and 423/477) pauses consumption
 * until the reset; nothing is dead-lettered for it. Other failures propagate to the
 * container's error handler, which retries the batch with back-off: applied identities
 * make retries harmless.
 */
@Component
class InboundListener {

	static final String ID = "hubsync-inbound";

	private static final Logger logger = LoggerFactory.getLogger(InboundListener.class);

	private final InboundProcessor processor;

	private final ResultPublisher results;

	private final MappingFollower mappings;

	private final ListenerPauses pauses;

	private final WorkerProperties properties;

	private final EventSerde<HubSpotEvent> serde = EventSerdes.hubSpotEvents();

	InboundListener(InboundProcessor processor, ResultPublisher results, MappingFollower mappings,
			ListenerPauses pauses, WorkerProperties properties) {
		this.processor = processor;
		this.results = results;
		this.mappings = mappings;
		this.pauses = pauses;
		this.properties = properties;
	}

	@KafkaListener(id = ID, topics = Topics.HUBSPOT_EVENTS,
			groupId = "${hubsync.worker.inbound.group-id:hubsync-worker-inbound}",
			concurrency = "${hubsync.worker.inbound.concurrency:1}", batch = "true",
			properties = { "fetch.max.wait.ms=#{@inboundConsumer.lingerMillis()}", "fetch.min.bytes=1048576",
					"max.poll.records=#{@inboundConsumer.maxBatch()}" })
	void onEvents(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
		if (!this.mappings.awaitCaughtUp(Duration.ofSeconds(30))) {
			throw new IllegalStateException("the mappings on " + Topics.MAPPING_CONFIG + " are not read yet");
		}
		this.pauses.check(ID);
		List<Incoming> batch = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				HubSpotEvent event = this.serde.deserialize(record.topic(), record.value());
				if (event == null) {
					throw new EventFormatException(null, "empty record");
				}
				batch.add(new Incoming(record, event, HubSpotChange.of(event.event()), correlation(record)));
			}
			catch (EventFormatException ex) {
				this.results.deadLetter(record, this.properties.inbound().groupId(), ex);
			}
		}
		try {
			this.processor.process(batch, (incoming, failure) -> this.results.deadLetter(incoming.record(),
					this.properties.inbound().groupId(), failure));
		}
		catch (HubSpotPauseException ex) {
			this.pauses.pauseUntil(ID, ex.pauseUntil(), ex.getMessage());
			throw ex;
		}
	}

	private static String correlation(ConsumerRecord<String, byte[]> record) {
		Header header = record.headers().lastHeader(EventHeaders.CORRELATION_ID);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : UUID.randomUUID().toString();
	}

}
