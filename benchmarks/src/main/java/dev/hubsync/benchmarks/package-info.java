/**
 * Benchmarks: each one a command of {@code java -jar benchmarks/target/benchmarks.jar},
 * printing its figures (with the machine's core count) for {@code docs/benchmarks.md}.
 */
@NullMarked
package dev.hubsync.benchmarks;

import org.jspecify.annotations.NullMarked;
