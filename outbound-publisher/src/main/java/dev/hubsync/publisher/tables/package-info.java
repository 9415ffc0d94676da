/**
 * The captured tables: checked at start-up (each must have a primary key; the publisher
 * refuses to start, naming the table, otherwise) and given {@code REPLICA IDENTITY FULL}
 * when configured.
 */
@NullMarked
package dev.hubsync.publisher.tables;

import org.jspecify.annotations.NullMarked;
