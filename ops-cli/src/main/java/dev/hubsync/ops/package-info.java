/**
 * {@code hubsync-ops}: the operator's command line (ARCHITECTURE §10): replay of the two
 * event topics, dead letters and their re-drive, status, pause/resume and the guard.
 * Every connection is an option and an environment variable; defaults are the dev
 * stack's.
 */
@NullMarked
package dev.hubsync.ops;

import org.jspecify.annotations.NullMarked;
