package dev.hubsync.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Pauses a listener until a time HubSpot names (its daily limit's reset, a locked
 * account's retry time) and resumes it then: nothing is consumed, so nothing is
 * dead-lettered or retried against a HubSpot that has said no.
 */
@Component
public class ListenerPauses implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ListenerPauses.class);

	private final KafkaListenerEndpointRegistry listeners;

	private final Clock clock;

	private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

	private final ScheduledExecutorService resumer = Executors
		.newSingleThreadScheduledExecutor(DaemonThreads.named("hubsync-listener-resume"));

	ListenerPauses(KafkaListenerEndpointRegistry listeners, Clock clock) {
		this.listeners = listeners;
		this.clock = clock;
	}

	/**
	 * Pauses a listener until a time.
	 * @param listenerId the listener
	 * @param until when to resume
	 * @param reason why, for the log
	 */
	public void pauseUntil(String listenerId, Instant until, String reason) {
		MessageListenerContainer container = this.listeners.getListenerContainer(listenerId);
		if (container == null) {
			return;
		}
		long delay = Math.max(0, Duration.between(this.clock.instant(), until).toMillis());
		logger.warn("HubSpot asks to stop until {} ({}): {} paused", until, reason, listenerId);
		this.pausedUntil.merge(listenerId, until, (a, b) -> a.isAfter(b) ? a : b);
		container.pause();
		this.resumer.schedule(() -> {
			logger.info("Resuming {}", listenerId);
			this.pausedUntil.remove(listenerId, until);
			container.resume();
		}, delay, TimeUnit.MILLISECONDS);
	}

	/**
	 * Refuses a batch while its listener is paused: the container's error handler retries
	 * the batch in memory, and those retries must not call HubSpot before the reset.
	 * @param listenerId the listener
	 * @throws IllegalStateException while the listener is paused
	 */
	public void check(String listenerId) {
		Instant until = this.pausedUntil.get(listenerId);
		if (until != null && until.isAfter(this.clock.instant())) {
			throw new IllegalStateException(listenerId + " is paused until " + until + " at HubSpot's request");
		}
	}

	@Override
	public void destroy() {
		this.resumer.shutdownNow();
	}

}
