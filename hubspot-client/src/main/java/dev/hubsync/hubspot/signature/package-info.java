/**
 * HubSpot request signatures: computing and verifying v1, v2 and v3 (reference §10) over
 * the exact request bytes, in constant time, with v3's URI decoding rules and timestamp
 * window.
 */
@NullMarked
package dev.hubsync.hubspot.signature;

import org.jspecify.annotations.NullMarked;
