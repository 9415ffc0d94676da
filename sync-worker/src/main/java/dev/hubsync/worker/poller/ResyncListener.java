package dev.hubsync.worker.poller;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.events.Topics;
import dev.hubsync.events.request.ResyncRequested;
import dev.hubsync.events.serde.RecordCodec;
import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.worker.mapping.MappingFollower;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Takes {@link ResyncRequested} from {@link Topics#SYNC_REQUESTS} (the ingress's journal
 * reader sends one when it fell behind HubSpot's retention) and has the poller search
 * every mapped type for records modified since the request's time. One consumer group, so
 * one worker instance answers each request; a request that finds the poll lock held is
 * failed, and the container retries it.
 */
@Component
class ResyncListener {

	private static final Logger logger = LoggerFactory.getLogger(ResyncListener.class);

	private final ReconciliationPoller poller;

	private final MappingFollower mappings;

	private final long portalId;

	private final RecordCodec<ResyncRequested> codec = new RecordCodec<>(ResyncRequested.class);

	ResyncListener(ReconciliationPoller poller, MappingFollower mappings, HubSpotProperties hubspot) {
		this.poller = poller;
		this.mappings = mappings;
		this.portalId = hubspot.portalId();
	}

	@KafkaListener(id = "resync", topics = Topics.SYNC_REQUESTS,
			groupId = "${hubsync.worker.resync.group-id:hubsync-worker-resync}",
			autoStartup = "${hubsync.worker.resync.enabled:true}")
	void onRequests(List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
		if (!this.mappings.awaitCaughtUp(Duration.ofSeconds(30))) {
			throw new IllegalStateException("the mappings on " + Topics.MAPPING_CONFIG + " are not read yet");
		}
		for (ConsumerRecord<String, byte[]> record : records) {
			ResyncRequested request = this.codec.decode(record.value());
			if (this.portalId != 0 && request.portalId() != this.portalId) {
				logger.info("Resync request for portal {} ignored: this worker syncs portal {}", request.portalId(),
						this.portalId);
				continue;
			}
			logger.warn("Resync requested ({}): searching HubSpot for records modified since {}", request.reason(),
					request.since());
			Optional<Map<String, Integer>> published = this.poller.resync(request.since());
			if (published.isEmpty()) {
				throw new IllegalStateException("another instance is polling; the resync request is retried");
			}
			logger.info("Resync since {} published {}", request.since(), published.get());
		}
	}

}
