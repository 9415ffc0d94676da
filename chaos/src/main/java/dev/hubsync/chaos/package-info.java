/**
 * The chaos and convergence harness (issue #20): {@code java -jar chaos/target/chaos.jar}
 * runs HubSync as it is deployed, with a seeded workload and seeded faults, and exits 0
 * only when every invariant holds.
 */
@NullMarked
package dev.hubsync.chaos;

import org.jspecify.annotations.NullMarked;
