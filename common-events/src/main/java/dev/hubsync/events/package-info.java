/**
 * The wire contract every HubSync module shares: topic names
 * ({@link dev.hubsync.events.Topics}), record headers
 * ({@link dev.hubsync.events.EventHeaders}), event sources and the format exception
 * raised for a value that breaks the contract. Event records live in the sub-packages by
 * the side they describe; serdes live in {@code serde}.
 */
@NullMarked
package dev.hubsync.events;

import org.jspecify.annotations.NullMarked;
