/**
 * The admin API key of the services with an admin API: its properties, the filter on
 * {@code /api/*} that names the caller, and the auto-configuration that refuses to start
 * without a strong key.
 */
@NullMarked
package dev.hubsync.adminauth;

import org.jspecify.annotations.NullMarked;
