package dev.hubsync.hubspot.oauth;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An access token's metadata (introspection; reference {@code hubspot-2026.md} §4.1, item
 * 5). The token itself, which HubSpot echoes, is not kept.
 *
 * @param hubId the portal the token acts in
 * @param appId the app
 * @param userId the user who installed the app
 * @param scopes the granted scopes
 * @param expiresIn seconds left
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OAuthTokenInfo(@JsonProperty("hub_id") @Nullable Long hubId, @JsonProperty("app_id") @Nullable Long appId,
		@JsonProperty("user_id") @Nullable Long userId, @JsonProperty("scopes") @Nullable List<String> scopes,
		@JsonProperty("expires_in") @Nullable Long expiresIn) {
}
