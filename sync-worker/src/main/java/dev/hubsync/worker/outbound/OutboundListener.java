package dev.hubsync.worker.outbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.local.LocalChange;
import dev.hubsync.events.serde.EventSerde;
import dev.hubsync.events.serde.EventSerdes;
import dev.hubsync.hubspot.error.HubSpotPauseException;
import dev.hubsync.worker.ListenerPauses;
import dev.hubsync.worker.WorkerProperties;
import dev.hubsync.worker.mapping.MappingFollower;
import dev.hubsync.worker.results.ResultPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The batch listener on {@code hubsync.local.changes.v1}: undecodable records are
 * dead-lettered with the reason, the rest go to the {@link OutboundProcessor}. HubSpot's
 * daily limit (and 423/477) pauses consumption until the reset; other failures retry the
 * batch with back-off (identities make that harmless).
 */
@Component
class OutboundListener {

	static final String ID = "hubsync-outbound";

	private final OutboundProcessor processor;

	private final ResultPublisher results;

	private final MappingFollower mappings;

	private final WorkerProperties properties;

	private final EventSerde<LocalChange> serde = EventSerdes.localChanges();

	private final ListenerPauses pauses;

	OutboundListener(OutboundProcessor processor, ResultPublisher results, MappingFollower mappings,
			WorkerProperties properties, ListenerPauses pauses) {
		this.pauses = pauses;
		this.processor = processor;
		this.results = results;
		this.mappings = mappings;
		this.properties = properties;
	}

	@KafkaListener(id = ID, topics = Topics.LOCAL_CHANGES,
			groupId = "${hubsync.worker.outbound.group-id:hubsync-worker-outbound}",
			autoStartup = "${hubsync.worker.outbound.enabled:true}", batch = "true",
			properties = { "fetch.max.wait.ms=#{@outboundConsumer.lingerMillis()}", "fetch.min.bytes=1048576",
					"max.poll.records=#{@outboundConsumer.maxBatch()}" })
	void onChanges(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
		if (!this.mappings.awaitCaughtUp(Duration.ofSeconds(30))) {
			throw new IllegalStateException("the mappings on " + Topics.MAPPING_CONFIG + " are not read yet");
		}
		this.pauses.check(ID);
		List<Outgoing> batch = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				LocalChange change = this.serde.deserialize(record.topic(), record.value());
				if (change == null) {
					throw new EventFormatException(null, "empty record");
				}
				batch.add(new Outgoing(record, change, correlation(record)));
			}
			catch (EventFormatException ex) {
				this.results.deadLetter(record, this.properties.outbound().groupId(), ex);
			}
		}
		try {
			this.processor.process(batch, (outgoing, failure) -> this.results.deadLetter(outgoing.record(),
					this.properties.outbound().groupId(), failure));
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
