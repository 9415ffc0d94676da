package dev.hubsync.worker.bulk;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many of the events a bulk sync published the workers have not consumed yet, read
 * from the consumer group's committed offsets, so it counts what every instance of the
 * worker consumed, whatever the outcome (written, skipped or dead-lettered).
 */
final class Backlog {

	private final Admin admin;

	private final String groupId;

	/** Per partition: the offsets of the published events not yet seen consumed. */
	private final Map<TopicPartition, ArrayDeque<Long>> pending = new HashMap<>();

	private int size;

	Backlog(Admin admin, String groupId) {
		this.admin = admin;
		this.groupId = groupId;
	}

	void published(RecordMetadata metadata) {
		this.pending
			.computeIfAbsent(new TopicPartition(metadata.topic(), metadata.partition()),
					(partition) -> new ArrayDeque<>())
			.add(metadata.offset());
		this.size++;
	}

	/**
	 * Reads the group's committed offsets and forgets the events below them.
	 * @return the events still ahead of the consumers
	 */
	int refresh() {
		if (this.size == 0) {
			return 0;
		}
		Map<TopicPartition, OffsetAndMetadata> committed;
		try {
			committed = this.admin.listConsumerGroupOffsets(this.groupId)
				.partitionsToOffsetAndMetadata()
				.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException(
					"cannot read the offsets of consumer group " + this.groupId + ": " + ex.getMessage(), ex);
		}
		this.pending.forEach((partition, offsets) -> {
			OffsetAndMetadata position = committed.get(partition);
			if (position == null) {
				return;
			}
			while (!offsets.isEmpty() && offsets.peekFirst() < position.offset()) {
				offsets.removeFirst();
				this.size--;
			}
		});
		return this.size;
	}

	/** Stops tracking what was published so far. */
	void forget() {
		this.pending.clear();
		this.size = 0;
	}

}
