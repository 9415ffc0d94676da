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

	/**
	 * Describes the tokens without them: a record's own {@code toString()} would print
	 * both tokens into any log line or exception that mentions this object.
	 * @return the type and lifetime, tokens redacted
	 */
	@Override
	public String toString() {
		return "OAuthTokens[tokenType=" + this.tokenType + ", accessToken=(redacted), refreshToken="
				+ ((this.refreshToken != null) ? "(redacted)" : "null") + ", expiresIn=" + this.expiresIn + "]";
	}

}
