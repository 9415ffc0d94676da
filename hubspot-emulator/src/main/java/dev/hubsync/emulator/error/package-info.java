/**
 * HubSpot's error responses: every error is JSON with {@code status}, {@code message},
 * {@code correlationId} and {@code category} (reference §7, §16), whatever went wrong.
 */
@NullMarked
package dev.hubsync.emulator.error;

import org.jspecify.annotations.NullMarked;
