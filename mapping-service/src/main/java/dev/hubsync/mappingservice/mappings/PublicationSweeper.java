package dev.hubsync.mappingservice.mappings;

import dev.hubsync.mappingservice.MappingServiceProperties;
import dev.hubsync.mappingservice.publish.MappingPublisher;
import dev.hubsync.mappingservice.store.MappingStore;
import dev.hubsync.mappingservice.store.StoredMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Seeds mappings from the file once at start-up (object types without any stored mapping)
 * and then, every {@code republish-interval}, publishes versions whose publication failed
 * (Kafka was down when they were saved).
 */
@Component
class PublicationSweeper implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PublicationSweeper.class);

	private final MappingService mappings;

	private final MappingStore store;

	private final MappingPublisher publisher;

	private final MappingServiceProperties properties;

	private volatile ThreadPoolTaskScheduler executor;

	PublicationSweeper(MappingService mappings, MappingStore store, MappingPublisher publisher,
			MappingServiceProperties properties) {
		this.mappings = mappings;
		this.store = store;
		this.publisher = publisher;
		this.properties = properties;
	}

	@Override
	public void start() {
		if (this.properties.seedFromFile()) {
			this.mappings.seed();
		}
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("hubsync-mapping-publisher-");
		scheduler.setDaemon(true);
		// a publication under way finishes: its version is marked published
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationSeconds(10);
		scheduler.initialize();
		scheduler.scheduleWithFixedDelay(this::sweep, this.properties.republishInterval());
		this.executor = scheduler;
	}

	void sweep() {
		try {
			for (StoredMapping pending : this.store.unpublished()) {
				if (!this.publisher.publish(pending.config())) {
					return;
				}
			}
		}
		catch (DataAccessException ex) {
			logger.warn("Could not look for unpublished mappings: {}", ex.getMessage());
		}
	}

	@Override
	public void stop() {
		ThreadPoolTaskScheduler scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdown();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
