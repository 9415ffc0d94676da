/**
 * HubSpot's OAuth authorization server for the emulator's one app and its clients
 * (reference {@code hubspot-2026.md} §4.1, {@code hubspot-api.md} §11): the authorize
 * redirect (auto-approving), the token endpoint in its v1, v3 and dated paths
 * ({@code authorization_code}, {@code refresh_token}, {@code client_credentials}),
 * introspection and revocation. The access tokens it issues act as the app; its
 * client-credentials tokens, with their scopes, are the webhooks journal's.
 */
@NullMarked
package dev.hubsync.emulator.oauth;

import org.jspecify.annotations.NullMarked;
