package dev.hubsync.chaos.run;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.hubsync.chaos.faults.FaultKind;

/**
 * How big a run is: the stack's shape, the workload, the faults and the time windows.
 *
 * @param name {@code short} or {@code long}
 * @param ingresses ingress instances
 * @param workers worker replicas
 * @param publishers publisher instances
 * @param keepMappingService whether mapping-service runs throughout
 * @param workload how long the workload runs (at least until the faults end)
 * @param rate workload operations per second
 * @param bornBefore records born on each side before the start
 * @param faults the fault kinds injected
 * @param faultCycles how many times each kind is injected
 * @param faultMin the shortest fault
 * @param faultMax the longest fault
 * @param convergenceTimeout how long after the last fault both sides may take to agree
 * @param checkInterval how often convergence is checked
 * @param ambiguity how close two writes' change times may be for either to count as the
 * latest
 * @param pollerInterval the worker's reconciliation poller interval
 * @param webhookRetrySchedule the emulator's webhook retry schedule
 * @param readyTimeout how long an instance may take to be ready
 * @param jvmOptions options of the service JVMs
 */
public record Profile(String name, int ingresses, int workers, int publishers, boolean keepMappingService,
		Duration workload, double rate, int bornBefore, Set<FaultKind> faults, int faultCycles, Duration faultMin,
		Duration faultMax, Duration convergenceTimeout, Duration checkInterval, Duration ambiguity,
		Duration pollerInterval, List<Duration> webhookRetrySchedule, Duration readyTimeout, List<String> jvmOptions) {

	private static final List<Duration> RETRIES = List.of(Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(15),
			Duration.ofSeconds(30), Duration.ofSeconds(60));

	private static final List<String> SMALL_JVM = List.of("-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-Xss512k");

	/**
	 * Validates the profile.
	 * @param name the name
	 * @param ingresses the ingresses
	 * @param workers the workers
	 * @param publishers the publishers
	 * @param keepMappingService whether mapping-service keeps running
	 * @param workload the workload duration
	 * @param rate the rate
	 * @param bornBefore the records born before
	 * @param faults the fault kinds
	 * @param faultCycles the cycles
	 * @param faultMin the shortest fault
	 * @param faultMax the longest fault
	 * @param convergenceTimeout the convergence timeout
	 * @param checkInterval the check interval
	 * @param ambiguity the ambiguity window
	 * @param pollerInterval the poller interval
	 * @param webhookRetrySchedule the retry schedule
	 * @param readyTimeout the ready timeout
	 * @param jvmOptions the JVM options
	 */
	public Profile {
		faults = Set.copyOf(faults);
		webhookRetrySchedule = List.copyOf(webhookRetrySchedule);
		jvmOptions = List.copyOf(jvmOptions);
		if (faultMax.compareTo(faultMin) < 0) {
			throw new IllegalArgumentException("the longest fault is shorter than the shortest");
		}
		if (convergenceTimeout.isNegative() || convergenceTimeout.isZero()) {
			throw new IllegalArgumentException("the convergence timeout must be positive");
		}
	}

	/**
	 * The short profile: at most 6 JVMs (the harness, the emulator, 1 ingress, 2 workers,
	 * 1 publisher; mapping-service only while the stack starts), about 4 minutes, every
	 * fault kind once.
	 * @return the profile
	 */
	public static Profile shortProfile() {
		return new Profile("short", 1, 2, 1, false, Duration.ofSeconds(60), 6, 10, EnumSet.allOf(FaultKind.class), 1,
				Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(90), Duration.ofSeconds(2),
				Duration.ofMillis(50), Duration.ofSeconds(10), RETRIES, Duration.ofMinutes(2), SMALL_JVM);
	}

	/**
	 * The long profile: the deployment shape (2 ingresses, 3 workers, 2 publishers,
	 * mapping-service), 30 minutes of workload, every fault kind in each cycle.
	 * @return the profile
	 */
	public static Profile longProfile() {
		return new Profile("long", 2, 3, 2, true, Duration.ofMinutes(30), 10, 50, EnumSet.allOf(FaultKind.class), 12,
				Duration.ofSeconds(3), Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(3),
				Duration.ofMillis(50), Duration.ofSeconds(30), RETRIES, Duration.ofMinutes(3), SMALL_JVM);
	}

	/**
	 * Returns the profile of a name.
	 * @param name {@code short} or {@code long}
	 * @return the profile
	 */
	public static Profile named(String name) {
		return switch (name) {
			case "short" -> shortProfile();
			case "long" -> longProfile();
			default -> throw new IllegalArgumentException("no profile '" + name + "' (short or long)");
		};
	}

	/**
	 * Returns a copy with another number of worker replicas.
	 * @param count the replicas
	 * @return the copy
	 */
	public Profile withWorkers(int count) {
		return new Profile(this.name, this.ingresses, count, this.publishers, this.keepMappingService, this.workload,
				this.rate, this.bornBefore, this.faults, this.faultCycles, this.faultMin, this.faultMax,
				this.convergenceTimeout, this.checkInterval, this.ambiguity, this.pollerInterval,
				this.webhookRetrySchedule, this.readyTimeout, this.jvmOptions);
	}

	/**
	 * Returns a copy whose workload runs this long, with as many fault cycles as fit
	 * (about one every two and a half minutes, at least one).
	 * @param duration the workload's duration
	 * @return the copy
	 */
	public Profile withWorkload(Duration duration) {
		int cycles = Math.max(1, (int) (duration.toSeconds() / 150));
		return new Profile(this.name, this.ingresses, this.workers, this.publishers, this.keepMappingService, duration,
				this.rate, this.bornBefore, this.faults, cycles, this.faultMin, this.faultMax, this.convergenceTimeout,
				this.checkInterval, this.ambiguity, this.pollerInterval, this.webhookRetrySchedule, this.readyTimeout,
				this.jvmOptions);
	}

	/**
	 * Returns a copy with other fault kinds.
	 * @param kinds the kinds
	 * @return the copy
	 */
	public Profile withFaults(Set<FaultKind> kinds) {
		return new Profile(this.name, this.ingresses, this.workers, this.publishers, this.keepMappingService,
				this.workload, this.rate, this.bornBefore, kinds, this.faultCycles, this.faultMin, this.faultMax,
				this.convergenceTimeout, this.checkInterval, this.ambiguity, this.pollerInterval,
				this.webhookRetrySchedule, this.readyTimeout, this.jvmOptions);
	}

	/**
	 * Returns a copy with another operation rate.
	 * @param perSecond operations per second
	 * @return the copy
	 */
	public Profile withRate(double perSecond) {
		return new Profile(this.name, this.ingresses, this.workers, this.publishers, this.keepMappingService,
				this.workload, perSecond, this.bornBefore, this.faults, this.faultCycles, this.faultMin, this.faultMax,
				this.convergenceTimeout, this.checkInterval, this.ambiguity, this.pollerInterval,
				this.webhookRetrySchedule, this.readyTimeout, this.jvmOptions);
	}

}
