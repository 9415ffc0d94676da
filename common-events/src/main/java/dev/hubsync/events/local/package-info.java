/**
 * Platform-side events: {@link dev.hubsync.events.local.LocalChange}, one captured row
 * change with typed before and after images ({@link dev.hubsync.events.local.Row}), and
 * its key.
 */
@NullMarked
package dev.hubsync.events.local;

import org.jspecify.annotations.NullMarked;
