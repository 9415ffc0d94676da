/**
 * Associations v4: typed, directional edges kept in both directions (creating one implies
 * its inverse; a primary type implies the unlabeled one), the v4 endpoints, and
 * {@code associationChange} events for both sides.
 */
@NullMarked
package dev.hubsync.emulator.associations;

import org.jspecify.annotations.NullMarked;
