/**
 * Remembers the API requests served, for tests that count calls
 * ({@code GET /_emulator/requests}).
 */
@NullMarked
package dev.hubsync.emulator.requestlog;

import org.jspecify.annotations.NullMarked;
