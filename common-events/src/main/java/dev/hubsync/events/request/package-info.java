/**
 * Requests one service makes of another through Kafka
 * ({@link dev.hubsync.events.Topics#SYNC_REQUESTS}), e.g. a resynchronisation.
 */
@NullMarked
package dev.hubsync.events.request;

import org.jspecify.annotations.NullMarked;
