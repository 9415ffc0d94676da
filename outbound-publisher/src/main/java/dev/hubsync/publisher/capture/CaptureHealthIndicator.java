package dev.hubsync.publisher.capture;

import java.time.Instant;
import java.util.Optional;

import dev.hubsync.publisher.observability.PublisherMetrics;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up while streaming or standing by (a standby is healthy: it is ready to take over);
 * down when stopped, and while its engine keeps failing (the last one stopped with an
 * error and none has streamed since: a refused certificate or Kafka credentials).
 * Details: state, last event, slot lag, the last failure.
 */
public final class CaptureHealthIndicator implements HealthIndicator {

	private final CaptureService capture;

	private final PublisherMetrics metrics;

	/**
	 * Creates the indicator.
	 * @param capture the capture
	 * @param metrics the metrics
	 */
	public CaptureHealthIndicator(CaptureService capture, PublisherMetrics metrics) {
		this.capture = capture;
		this.metrics = metrics;
	}

	@Override
	public Health health() {
		EngineState state = this.capture.state();
		Optional<String> failure = this.capture.lastFailure();
		boolean failing = failure.isPresent() && state != EngineState.RUNNING;
		Health.Builder health = (state == EngineState.STOPPED || failing) ? Health.down() : Health.up();
		failure.ifPresent((message) -> health.withDetail("lastFailure", message));
		Instant last = this.metrics.lastEventAt();
		return health.withDetail("state", state)
			.withDetail("lastEventAt", (last != null) ? last.toString() : "none")
			.withDetail("slotLagBytes", this.metrics.slotLag())
			.build();
	}

}
