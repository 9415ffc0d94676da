/**
 * Type inference (column type × property definition → transform) and mapping suggestions
 * by name similarity.
 */
@NullMarked
package dev.hubsync.mapping.inference;

import org.jspecify.annotations.NullMarked;
