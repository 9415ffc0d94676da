package dev.hubsync.worker.outbound;

import java.nio.charset.StandardCharsets;

import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.EventSource;
import dev.hubsync.events.local.ChangeOp;
import org.apache.kafka.common.header.Header;

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

	/**
	 * Tells whether a bulk sync published this change: a snapshot of a row its link phase
	 * found no HubSpot record for, or of a pair it linked.
	 * @return whether it came from a bulk sync
	 */
	boolean fromBulk() {
		return snapshotFrom(EventSource.BULK);
	}

	/**
	 * Tells whether a reconcile run published this change to heal drift it found: a
	 * snapshot of a row that changed where the sync saw no event of it.
	 * @return whether it came from a reconcile run
	 */
	boolean fromReconcile() {
		return snapshotFrom(EventSource.RECONCILE);
	}

	private boolean snapshotFrom(EventSource expected) {
		Header source = this.record.headers().lastHeader(EventHeaders.SOURCE);
		return this.change.op() == ChangeOp.SNAPSHOT && source != null
				&& expected.wireValue().equals(new String(source.value(), StandardCharsets.UTF_8));
	}

}
