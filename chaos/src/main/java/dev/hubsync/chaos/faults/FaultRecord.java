package dev.hubsync.chaos.faults;

import java.time.Instant;

/**
 * A fault as it happened.
 *
 * @param kind what it was
 * @param detail its target and parameters
 * @param began when it began
 * @param ended when it ended (the instance restarted and ready, the fault cleared)
 * @param error why it could not be injected or undone, or {@code null}
 */
public record FaultRecord(FaultKind kind, String detail, Instant began, Instant ended,
		@org.jspecify.annotations.Nullable String error) {
}
