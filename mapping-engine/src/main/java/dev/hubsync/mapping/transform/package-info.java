/**
 * Transforms: how one field's values convert between platform columns and HubSpot
 * properties, round-trip safe.
 */
@NullMarked
package dev.hubsync.mapping.transform;

import org.jspecify.annotations.NullMarked;
