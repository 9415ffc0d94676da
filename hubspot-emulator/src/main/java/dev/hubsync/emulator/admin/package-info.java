/**
 * The emulator's own API under {@code /_emulator/} (never a HubSpot path): reset, request
 * log, webhook settings and deliveries, faults, seeding and the restore HubSpot only
 * offers in its UI.
 */
@NullMarked
package dev.hubsync.emulator.admin;

import org.jspecify.annotations.NullMarked;
