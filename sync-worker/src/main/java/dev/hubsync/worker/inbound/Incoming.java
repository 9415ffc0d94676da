package dev.hubsync.worker.inbound;

import dev.hubsync.events.hubspot.HubSpotChange;
import dev.hubsync.events.hubspot.HubSpotEvent;
import dev.hubsync.worker.BatchReceiver;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One event of a batch with where it came from.
 *
 * @param record the Kafka record (for dead-lettering)
 * @param event the decoded envelope
 * @param change the parsed change
 * @param correlationId the record's correlation id
 */
public record Incoming(ConsumerRecord<String, byte[]> record, HubSpotEvent event, HubSpotChange change,
		String correlationId) implements BatchReceiver.Received {

	String identity() {
		return this.event.identity().value();
	}

	String objectTypeId() {
		return this.event.key().objectTypeId();
	}

	long objectId() {
		return this.event.key().objectId();
	}

}
