package dev.hubsync.worker;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;

import dev.hubsync.events.EventFormatException;
import dev.hubsync.events.EventHeaders;
import dev.hubsync.events.Topics;
import dev.hubsync.events.serde.EventSerde;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.error.HubSpotException;
import dev.hubsync.hubspot.error.HubSpotPauseException;
import dev.hubsync.worker.mapping.MappingFollower;
import dev.hubsync.worker.observability.Stalls;
import dev.hubsync.worker.results.ResultPublisher;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * What the inbound and outbound batch listeners do around their processors: wait until
 * the mappings are read, stay still while HubSpot has paused the listener, decode each
 * record (an undecodable one, or one its decoder refuses, is dead-lettered with the
 * reason while the rest of the batch proceeds), hand the batch over, and turn HubSpot's
 * daily limit (or 423/477) into a listener paused until the reset. Other failures
 * propagate to the container's error handler as the batch's failure from its first
 * record: the batch is sought back and polled again after the back-off (never retried in
 * memory across a rebalance); identities make retries harmless. Each batch's progress and
 * failures are noted in {@link Stalls}, so a partition that does not advance is visible
 * (gauges, health, the admin status, a WARN line at least once per report interval).
 */
@Component
public class BatchReceiver {

	private static final Logger logger = LoggerFactory.getLogger(BatchReceiver.class);

	private final MappingFollower mappings;

	private final ListenerPauses pauses;

	private final ResultPublisher results;

	private final Stalls stalls;

	BatchReceiver(MappingFollower mappings, ListenerPauses pauses, ResultPublisher results, Stalls stalls) {
		this.mappings = mappings;
		this.pauses = pauses;
		this.results = results;
		this.stalls = stalls;
	}

	/**
	 * Receives one batch.
	 * @param <E> the event type of the topic
	 * @param <T> what the processor takes
	 * @param listenerId the listener's id (the one HubSpot pauses)
	 * @param groupId its consumer group, recorded on dead letters
	 * @param records the batch, in offset order
	 * @param serde the topic's serde
	 * @param decoder builds the processor's input from a decoded event
	 * @param processor applies the decoded batch, dead-lettering what it cannot apply
	 * @throws InterruptedException when interrupted while waiting for the mappings
	 */
	public <E, T extends Received> void receive(String listenerId, String groupId,
			List<ConsumerRecord<String, byte[]>> records, EventSerde<E> serde, Decoder<E, T> decoder,
			BiConsumer<List<T>, BiConsumer<T, Exception>> processor) throws InterruptedException {
		this.stalls.started(records);
		try {
			receiveInHand(listenerId, groupId, records, serde, decoder, processor);
		}
		catch (InterruptedException ex) {
			this.stalls.failed(records, ex);
			throw ex;
		}
		catch (RuntimeException ex) {
			this.stalls.failed(records, ex);
			if (records.isEmpty()) {
				throw ex;
			}
			// named as failing from its first record, the batch is sought back and
			// polled again after the back-off, not retried in memory: the container's
			// in-memory retry polls the consumer between attempts, and a rebalance in one
			// of those polls would leave this replica retrying records another replica
			// now owns and processes too (two batches of one record at once: chaos seeds
			// 42 and 2026, writes that changed nothing and recorded links clobbered). A
			// poll after a seek gives the records to their owner alone
			throw new BatchListenerFailedException("the batch failed and is polled again", ex, records.get(0));
		}
		this.stalls.succeeded(records);
	}

	private <E, T extends Received> void receiveInHand(String listenerId, String groupId,
			List<ConsumerRecord<String, byte[]>> records, EventSerde<E> serde, Decoder<E, T> decoder,
			BiConsumer<List<T>, BiConsumer<T, Exception>> processor) throws InterruptedException {
		if (!this.mappings.awaitCaughtUp(Duration.ofSeconds(30))) {
			throw new IllegalStateException("the mappings on " + Topics.MAPPING_CONFIG + " are not read yet");
		}
		this.pauses.check(listenerId);
		List<T> batch = new ArrayList<>(records.size());
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				E event = serde.deserialize(record.topic(), record.value());
				if (event == null) {
					throw new EventFormatException(null, "empty record");
				}
				batch.add(decoder.decode(record, event, correlation(record)));
			}
			catch (EventFormatException ex) {
				this.results.deadLetter(record, groupId, ex);
			}
		}
		try {
			processor.accept(batch, (input, failure) -> this.results.deadLetter(input.record(), groupId, failure));
		}
		catch (HubSpotPauseException ex) {
			this.pauses.pauseUntil(listenerId, ex.pauseUntil(), ex.getMessage());
			throw ex;
		}
		catch (RuntimeException ex) {
			HubSpotClientException refusal = HubSpotRefusedCredentials.in(ex);
			if (refusal != null) {
				// nobody's record's fault: the direction waits for the credentials
				this.pauses.pauseForCredentials(listenerId, refusal);
				throw ex;
			}
			// the container retries the batch with back-off: say why, every time
			if (ex instanceof HubSpotException) {
				logger.warn("{}: a batch of {} records failed and is retried: {}", listenerId, records.size(),
						ex.toString());
			}
			else {
				logger.warn("{}: a batch of {} records failed and is retried: {}", listenerId, records.size(),
						ex.toString(), ex);
			}
			throw ex;
		}
	}

	private static String correlation(ConsumerRecord<String, byte[]> record) {
		Header header = record.headers().lastHeader(EventHeaders.CORRELATION_ID);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : UUID.randomUUID().toString();
	}

	/** A processor's input: it knows the record it came from. */
	public interface Received {

		/**
		 * Returns the record.
		 * @return the consumer record
		 */
		ConsumerRecord<String, byte[]> record();

	}

	/**
	 * Builds a processor's input.
	 *
	 * @param <E> the event type
	 * @param <T> the input type
	 */
	@FunctionalInterface
	public interface Decoder<E, T> {

		/**
		 * Builds the input of one record.
		 * @param record the record
		 * @param event its decoded event
		 * @param correlationId its correlation id (a new one when the record has none)
		 * @return the input
		 * @throws EventFormatException when the event cannot be processed (dead-lettered)
		 */
		T decode(ConsumerRecord<String, byte[]> record, E event, String correlationId);

	}

}
