/**
 * Platform to HubSpot: batches of row changes become batch writes to HubSpot.
 */
@NullMarked
package dev.hubsync.worker.outbound;

import org.jspecify.annotations.NullMarked;
