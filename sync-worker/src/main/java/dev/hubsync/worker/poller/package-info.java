/**
 * The reconciliation poller (ARCHITECTURE §10): finds records whose webhooks never
 * arrived.
 */
@NullMarked
package dev.hubsync.worker.poller;

import org.jspecify.annotations.NullMarked;
