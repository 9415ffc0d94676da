/**
 * HubSpot to platform: batches of events become platform rows.
 */
@NullMarked
package dev.hubsync.worker.inbound;

import org.jspecify.annotations.NullMarked;
