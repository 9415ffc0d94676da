package dev.hubsync.chaos.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The seeded fault schedule: each cycle injects every fault kind once, in an order and
 * with lengths drawn from the seed, spread evenly over the fault window.
 *
 * @param faults the faults, in start order
 */
public record FaultPlan(List<ScheduledFault> faults) {

	/**
	 * Freezes the list.
	 * @param faults the faults
	 */
	public FaultPlan {
		faults = List.copyOf(faults);
	}

	/**
	 * Draws a plan.
	 * @param seed the seed
	 * @param window how long faults are injected
	 * @param kinds the kinds to inject
	 * @param cycles how many times each kind is injected
	 * @param minLength the shortest fault
	 * @param maxLength the longest fault
	 * @return the plan
	 */
	public static FaultPlan draw(long seed, Duration window, Set<FaultKind> kinds, int cycles, Duration minLength,
			Duration maxLength) {
		Random random = new Random(seed ^ 0x5DEECE66DL);
		List<FaultKind> order = new ArrayList<>();
		for (int cycle = 0; cycle < cycles; cycle++) {
			List<FaultKind> one = new ArrayList<>(kinds);
			Collections.sort(one);
			Collections.shuffle(one, random);
			order.addAll(one);
		}
		List<ScheduledFault> faults = new ArrayList<>();
		if (order.isEmpty()) {
			return new FaultPlan(faults);
		}
		long slot = window.toMillis() / order.size();
		for (int i = 0; i < order.size(); i++) {
			long length = minLength.toMillis()
					+ (long) (random.nextDouble() * (maxLength.toMillis() - minLength.toMillis()));
			long offset = i * slot + (long) (random.nextDouble() * Math.max(0, slot - length) / 2);
			faults.add(new ScheduledFault(Duration.ofMillis(offset), order.get(i), Duration.ofMillis(length),
					random.nextInt(1000)));
		}
		return new FaultPlan(faults);
	}

}
