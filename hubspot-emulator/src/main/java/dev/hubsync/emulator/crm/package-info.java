/**
 * CRM records: their storage with HubSpot's uniqueness rules, the writes (validation,
 * system properties, property history, webhook events) and the v3 object and batch
 * endpoints.
 */
@NullMarked
package dev.hubsync.emulator.crm;

import org.jspecify.annotations.NullMarked;
