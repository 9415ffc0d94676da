/**
 * The worker's admin API: status, pause and resume, the deletion guard.
 */
@NullMarked
package dev.hubsync.worker.admin;

import org.jspecify.annotations.NullMarked;
