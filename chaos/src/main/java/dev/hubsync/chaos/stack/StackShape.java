package dev.hubsync.chaos.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How many instances of each service run, and the time windows they are given
 * (compressed, as every window is configuration).
 *
 * @param ingresses webhook-ingress instances behind the forwarder (≥ 1)
 * @param workers sync-worker replicas in one consumer group (≥ 1)
 * @param publishers outbound-publisher instances, one capturing (≥ 1)
 * @param keepMappingService whether mapping-service keeps running once it published the
 * mappings (stopping it keeps the short profile within its JVM budget)
 * @param jvmOptions options of every service JVM
 * @param pollerInterval the worker's reconciliation poller interval
 * @param webhookRetrySchedule the emulator's waits before each webhook retry
 * @param liftedLimits whether HubSpot's rate limits are lifted (else a Professional
 * app's)
 * @param readyTimeout how long an instance may take to become ready
 * @param workDirectory where logs go
 */
public record StackShape(int ingresses, int workers, int publishers, boolean keepMappingService,
		List<String> jvmOptions, Duration pollerInterval, List<Duration> webhookRetrySchedule, boolean liftedLimits,
		Duration readyTimeout, Path workDirectory) {

	/**
	 * Validates the shape.
	 * @param ingresses the ingresses
	 * @param workers the workers
	 * @param publishers the publishers
	 * @param keepMappingService whether mapping-service keeps running
	 * @param jvmOptions the JVM options
	 * @param pollerInterval the poller interval
	 * @param webhookRetrySchedule the webhook retry schedule
	 * @param liftedLimits whether limits are lifted
	 * @param readyTimeout the ready timeout
	 * @param workDirectory the work directory
	 */
	public StackShape {
		if (ingresses < 1 || workers < 1 || publishers < 1) {
			throw new IllegalArgumentException("at least one ingress, worker and publisher are needed (got " + ingresses
					+ ", " + workers + ", " + publishers + ")");
		}
		if (webhookRetrySchedule.isEmpty()) {
			throw new IllegalArgumentException(
					"the webhook retry schedule is empty: events would be lost at the" + " first failed delivery");
		}
		jvmOptions = List.copyOf(jvmOptions);
		webhookRetrySchedule = List.copyOf(webhookRetrySchedule);
	}

	/**
	 * Returns how many JVMs run at once, the harness's own included.
	 * @return the count
	 */
	public int jvms() {
		return 2 + this.ingresses + this.workers + this.publishers + (this.keepMappingService ? 1 : 0);
	}

}
