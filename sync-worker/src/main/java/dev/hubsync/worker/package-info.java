/**
 * The sync worker (port 8082): both directions between the platform database and HubSpot.
 */
@NullMarked
package dev.hubsync.worker;

import org.jspecify.annotations.NullMarked;
