/**
 * Who calls: bearer tokens map to users or apps, which decides the {@code changeSource}
 * and {@code sourceId} of their writes; unknown tokens get HubSpot's 401. Tokens the
 * OAuth server issued ({@link IssuedTokens}) act as its app.
 */
@NullMarked
package dev.hubsync.emulator.caller;

import org.jspecify.annotations.NullMarked;
