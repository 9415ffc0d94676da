package dev.hubsync.ingress.journal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.hubsync.events.Topics;
import dev.hubsync.events.request.ResyncRequested;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.ingress.publishing.KafkaUnavailableException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Asks the sync worker for a resynchronisation by search ({@link ResyncRequested} on
 * {@link Topics#SYNC_REQUESTS}), and returns once Kafka acknowledged it.
 */
final class ResyncRequests {

	private final KafkaTemplate<String, byte[]> kafka;

	private final RecordCodec<ResyncRequested> codec = new RecordCodec<>(ResyncRequested.class);

	private final Clock clock;

	private final Duration timeout;

	ResyncRequests(KafkaTemplate<String, byte[]> kafka, Clock clock, Duration timeout) {
		this.kafka = kafka;
		this.clock = clock;
		this.timeout = timeout;
	}

	/**
	 * Requests a resynchronisation.
	 * @param portalId the portal
	 * @param since changes from this time on may be lost
	 * @param reason why
	 * @return the request sent
	 */
	ResyncRequested request(long portalId, Instant since, String reason) {
		ResyncRequested request = new ResyncRequested(portalId, since, reason, this.clock.instant(),
				UUID.randomUUID().toString());
		try {
			this.kafka.send(Topics.SYNC_REQUESTS, String.valueOf(portalId), this.codec.encode(request))
				.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			throw new KafkaUnavailableException("the resync request was not acknowledged: " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnavailableException("interrupted while requesting a resync", ex);
		}
		return request;
	}

}
