/**
 * The pipelines API (read-only here): an object type's pipelines and their stages, whose
 * ids are portal-specific.
 */
@NullMarked
package dev.hubsync.hubspot.pipelines;

import org.jspecify.annotations.NullMarked;
