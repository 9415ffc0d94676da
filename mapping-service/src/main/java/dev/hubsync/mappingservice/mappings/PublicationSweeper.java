package dev.hubsync.mappingservice.mappings;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.hubsync.mappingservice.MappingServiceProperties;
import dev.hubsync.mappingservice.publish.MappingPublisher;
import dev.hubsync.mappingservice.store.MappingStore;
import dev.hubsync.mappingservice.store.StoredMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
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

	private volatile ScheduledExecutorService executor;

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
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "hubsync-mapping-publisher");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.republishInterval().toMillis();
		scheduler.scheduleWithFixedDelay(this::sweep, 0, interval, TimeUnit.MILLISECONDS);
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
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
