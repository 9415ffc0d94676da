package dev.hubsync.chaos.faults;

import java.time.Duration;

/**
 * One fault of the plan.
 *
 * @param offset when it starts, from the start of the fault window
 * @param kind what it is
 * @param length how long it lasts (a killed instance stays down this long)
 * @param target which instance, for kills (an index, taken modulo the instances)
 */
public record ScheduledFault(Duration offset, FaultKind kind, Duration length, int target) {
}
