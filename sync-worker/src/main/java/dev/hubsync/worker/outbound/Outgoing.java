package dev.hubsync.worker.outbound;

import dev.hubsync.events.local.LocalChange;
import dev.hubsync.worker.BatchReceiver;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One platform change of a batch with where it came from.
 *
 * @param record the Kafka record (for dead-lettering)
 * @param change the decoded change
 * @param correlationId the record's correlation id
 */
public record Outgoing(ConsumerRecord<String, byte[]> record, LocalChange change,
		String correlationId) implements BatchReceiver.Received {

	String identity() {
		return this.change.identity().value();
	}

}
