/**
 * One chaos run from start to report, and the profiles that size it.
 */
@NullMarked
package dev.hubsync.chaos.run;

import org.jspecify.annotations.NullMarked;
