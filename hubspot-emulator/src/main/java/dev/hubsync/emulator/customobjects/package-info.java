/**
 * Custom object schemas ({@code /crm/v3/schemas},
 * {@code /crm-object-schemas/2026-03/schemas}): creating one defines an object type
 * {@code 2-<n>} with its properties, required properties, fully qualified name and
 * association types, served by the generic object, search, association and webhook code
 * like any other type.
 */
@NullMarked
package dev.hubsync.emulator.customobjects;

import org.jspecify.annotations.NullMarked;
