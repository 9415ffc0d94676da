package dev.hubsync.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.hubsync.hubspot.HubSpotClient;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.objects.ReadOptions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Pauses a listener until a time HubSpot names (its daily limit's reset, a locked
 * account's retry time) and resumes it then: nothing is consumed, so nothing is
 * dead-lettered or retried against a HubSpot that has said no.
 * <p>
 * HubSpot refusing HubSync's credentials (401, or 403 for a missing scope) pauses the
 * listener too, with no time to resume at: a probe (one cheap authenticated read) runs
 * every {@code hubsync.worker.auth-probe-interval} and resumes the listener when HubSpot
 * accepts the credentials again (a new token, the scope granted), or an admin resumes the
 * direction. The pause is logged at ERROR, is {@code hubsync_worker_auth_paused} (1), and
 * is in {@code /api/status}.
 */
@Component
public class ListenerPauses implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(ListenerPauses.class);

	private final KafkaListenerEndpointRegistry listeners;

	private final Clock clock;

	private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

	private final Map<String, AuthPause> authPaused = new ConcurrentHashMap<>();

	private final Runnable probe;

	private final Duration probeInterval;

	private final ScheduledExecutorService resumer = Executors
		.newSingleThreadScheduledExecutor(DaemonThreads.named("hubsync-listener-resume"));

	ListenerPauses(KafkaListenerEndpointRegistry listeners, Clock clock, ObjectProvider<HubSpotClient> hubspot,
			WorkerProperties properties, MeterRegistry meters) {
		this.listeners = listeners;
		this.clock = clock;
		this.probeInterval = properties.authProbeInterval();
		this.probe = () -> hubspot.getObject().objects().list("contacts", ReadOptions.properties(List.of()), 1, null);
		for (String direction : List.of("inbound", "outbound")) {
			Gauge.builder("hubsync.worker.auth.paused", this, (pauses) -> pauses.authPaused(direction) ? 1 : 0)
				.description("1 while a direction is paused because HubSpot refuses HubSync's credentials")
				.tag("direction", direction)
				.register(meters);
		}
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
			this.pausedUntil.remove(listenerId, until);
			if (this.authPaused.containsKey(listenerId)) {
				// HubSpot refuses the credentials meanwhile: its probe resumes it
				return;
			}
			logger.info("Resuming {}", listenerId);
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
		AuthPause auth = this.authPaused.get(listenerId);
		if (auth != null) {
			throw new IllegalStateException(listenerId + " is paused since " + auth.since()
					+ ": HubSpot refuses HubSync's credentials (" + auth.reason() + "); it resumes when a probe"
					+ " succeeds (every " + this.probeInterval + ") or on an admin resume");
		}
		Instant until = this.pausedUntil.get(listenerId);
		if (until != null && until.isAfter(this.clock.instant())) {
			throw new IllegalStateException(listenerId + " is paused until " + until + " at HubSpot's request");
		}
	}

	/**
	 * Pauses a listener because HubSpot refused the credentials, until a probe succeeds
	 * or an admin resumes it.
	 * @param listenerId the listener
	 * @param refusal HubSpot's answer
	 */
	public void pauseForCredentials(String listenerId, HubSpotClientException refusal) {
		MessageListenerContainer container = this.listeners.getListenerContainer(listenerId);
		String reason = refusal.status() + " " + refusal.getMessage();
		AuthPause pause = new AuthPause(this.clock.instant(), reason);
		if (container == null || this.authPaused.putIfAbsent(listenerId, pause) != null) {
			return;
		}
		logger.error("HubSpot refuses HubSync's credentials ({}): {} paused, nothing is dead-lettered; it resumes"
				+ " when a probe succeeds (every {}) — renew the token or grant the scope — or on an admin resume",
				reason, listenerId, this.probeInterval);
		container.pause();
		scheduleProbe(listenerId, pause);
	}

	private void scheduleProbe(String listenerId, AuthPause pause) {
		this.resumer.schedule(() -> probe(listenerId, pause), this.probeInterval.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void probe(String listenerId, AuthPause pause) {
		if (this.authPaused.get(listenerId) != pause) {
			// resumed meanwhile (and perhaps paused again, with a probe of its own)
			return;
		}
		try {
			this.probe.run();
		}
		catch (RuntimeException ex) {
			HubSpotClientException refusal = HubSpotRefusedCredentials.in(ex);
			logger.warn("{} stays paused: the probe of HubSpot's credentials failed: {}", listenerId,
					(refusal != null) ? refusal.status() + " " + refusal.getMessage() : ex.toString());
			scheduleProbe(listenerId, pause);
			return;
		}
		logger.info("HubSpot accepts HubSync's credentials again: resuming {}", listenerId);
		if (this.authPaused.remove(listenerId, pause)) {
			resumeContainer(listenerId);
		}
	}

	/**
	 * Resumes a listener paused for HubSpot's refusal of the credentials (an admin's
	 * resume; the next batch that meets the refusal pauses it again).
	 * @param listenerId the listener
	 * @return whether it was paused for that
	 */
	public boolean resumeCredentials(String listenerId) {
		if (this.authPaused.remove(listenerId) == null) {
			return false;
		}
		resumeContainer(listenerId);
		return true;
	}

	/** Resumes a listener unless HubSpot's daily limit (or a lock) still holds it. */
	private void resumeContainer(String listenerId) {
		MessageListenerContainer container = this.listeners.getListenerContainer(listenerId);
		Instant until = this.pausedUntil.get(listenerId);
		if (container != null && (until == null || !until.isAfter(this.clock.instant()))) {
			container.resume();
		}
	}

	/**
	 * Resumes a direction's listener paused for HubSpot's refusal of the credentials.
	 * @param direction {@code inbound} or {@code outbound}
	 * @return whether it was paused for that
	 */
	public boolean resumeCredentialsOf(String direction) {
		return this.authPaused.keySet()
			.stream()
			.filter((listener) -> listener.endsWith("-" + direction))
			.toList()
			.stream()
			.map(this::resumeCredentials)
			.reduce(false, Boolean::logicalOr);
	}

	/**
	 * Returns the listeners paused because HubSpot refuses the credentials.
	 * @return since when and why, by listener
	 */
	public Map<String, AuthPause> credentialPauses() {
		return Map.copyOf(this.authPaused);
	}

	private boolean authPaused(String direction) {
		return this.authPaused.keySet().stream().anyMatch((listener) -> listener.endsWith("-" + direction));
	}

	/**
	 * A listener paused because HubSpot refuses the credentials.
	 *
	 * @param since when
	 * @param reason HubSpot's answer
	 */
	public record AuthPause(Instant since, String reason) {
	}

	@Override
	public void destroy() {
		this.resumer.shutdownNow();
	}

}
