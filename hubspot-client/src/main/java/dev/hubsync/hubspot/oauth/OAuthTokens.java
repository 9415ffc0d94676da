package dev.hubsync.hubspot.oauth;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot's token response (snake case on the wire).
 *
 * @param tokenType {@code bearer}
 * @param accessToken the access token
 * @param refreshToken the refresh token (HubSpot returns the same one on refresh)
 * @param expiresIn the access token's lifetime in seconds (1800)
 */
public record OAuthTokens(@JsonProperty("token_type") @Nullable String tokenType,
		@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") @Nullable String refreshToken,
		@JsonProperty("expires_in") long expiresIn) {
}
