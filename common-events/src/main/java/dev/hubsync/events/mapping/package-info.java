/**
 * The value of {@link dev.hubsync.events.Topics#MAPPING_CONFIG}: the whole, versioned
 * mapping of one object type between a platform table and HubSpot properties, as data.
 * The mapping engine compiles it; the mapping service stores and publishes it.
 */
@NullMarked
package dev.hubsync.events.mapping;

import org.jspecify.annotations.NullMarked;
