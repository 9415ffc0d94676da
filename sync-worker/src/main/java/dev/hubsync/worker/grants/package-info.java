/**
 * Grants to the other services' database roles on tables the worker's migrations create
 * ({@code deploy/postgres/roles.sql} runs before those tables exist, so it cannot name
 * them): the mapping service's role reads and refreshes the OAuth installation, the
 * operator's role records re-drives.
 */
@NullMarked
package dev.hubsync.worker.grants;

import org.jspecify.annotations.NullMarked;
