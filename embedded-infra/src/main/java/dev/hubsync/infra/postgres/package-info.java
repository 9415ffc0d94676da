/**
 * A real PostgreSQL server with logical decoding, from zonky's platform binaries, as a
 * child process of this JVM. As root it runs in a user namespace ({@code unshare -U}) or,
 * where that is not allowed, as an unprivileged user ({@code runuser}), since PostgreSQL
 * refuses to run as root.
 */
@NullMarked
package dev.hubsync.infra.postgres;

import org.jspecify.annotations.NullMarked;
