/**
 * Access tokens: a private app's static token, or OAuth tokens refreshed before they
 * expire (HubSpot's access tokens live 30 minutes).
 */
@NullMarked
package dev.hubsync.hubspot.oauth;

import org.jspecify.annotations.NullMarked;
