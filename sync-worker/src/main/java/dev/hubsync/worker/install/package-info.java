/**
 * HubSync's OAuth install ({@code hubsync.hubspot.auth=oauth}):
 * {@code GET /oauth/install} sends the browser to HubSpot's authorize page with a signed,
 * expiring {@code state}; {@code GET /oauth/callback} checks it, exchanges the code and
 * stores the portal and its tokens, encrypted; {@code /api/oauth} shows the installation
 * and re-encrypts it under the active key. Both browser endpoints sit outside
 * {@code /api/*}, whose API key a browser following HubSpot's redirect cannot send.
 */
@NullMarked
package dev.hubsync.worker.install;

import org.jspecify.annotations.NullMarked;
