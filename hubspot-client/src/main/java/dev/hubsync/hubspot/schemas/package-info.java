/**
 * Custom object schemas ({@code /crm-object-schemas/2026-03/schemas}, or
 * {@code /crm/v3/schemas}): read-only, to resolve a custom object's name or fully
 * qualified name to its object type id.
 */
@NullMarked
package dev.hubsync.hubspot.schemas;

import org.jspecify.annotations.NullMarked;
