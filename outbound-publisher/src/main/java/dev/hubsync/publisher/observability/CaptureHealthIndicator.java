package dev.hubsync.publisher.observability;

import java.time.Instant;

import dev.hubsync.publisher.capture.CaptureService;
import dev.hubsync.publisher.capture.EngineState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Up while streaming or standing by (a standby is healthy: it is ready to take over);
 * down when stopped. Details: state, last event, slot lag.
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
		Health.Builder health = (state == EngineState.STOPPED) ? Health.down() : Health.up();
		Instant last = this.metrics.lastEventAt();
		return health.withDetail("state", state)
			.withDetail("lastEventAt", (last != null) ? last.toString() : "none")
			.withDetail("slotLagBytes", this.metrics.slotLag())
			.build();
	}

}
