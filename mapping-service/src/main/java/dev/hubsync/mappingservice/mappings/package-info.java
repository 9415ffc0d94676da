/**
 * Mapping management: validation against the live schemas, saving, seeding, reloading,
 * suggestions and HubSpot property creation.
 */
@NullMarked
package dev.hubsync.mappingservice.mappings;

import org.jspecify.annotations.NullMarked;
