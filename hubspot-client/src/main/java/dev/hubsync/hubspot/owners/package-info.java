/** The owners API (read-only): the users and queues records can be assigned to. */
@NullMarked
package dev.hubsync.hubspot.owners;

import org.jspecify.annotations.NullMarked;
