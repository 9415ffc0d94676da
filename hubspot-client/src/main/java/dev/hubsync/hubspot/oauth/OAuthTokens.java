package dev.hubsync.hubspot.oauth;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * HubSpot's token response (snake case on the wire; fields HubSpot may add are ignored).
 *
 * @param tokenType {@code bearer}
 * @param accessToken the access token
 * @param refreshToken the refresh token (HubSpot returns the same one on refresh; none
 * for client credentials)
 * @param expiresIn the access token's lifetime in seconds (1800)
 * @param hubId the portal that installed the app (code exchange and refresh)
 * @param scopes the granted scopes
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OAuthTokens(@JsonProperty("token_type") @Nullable String tokenType,
		@JsonProperty("access_token") String accessToken, @JsonProperty("refresh_token") @Nullable String refreshToken,
		@JsonProperty("expires_in") long expiresIn, @JsonProperty("hub_id") @Nullable Long hubId,
		@JsonProperty("scopes") @Nullable List<String> scopes) {

	/**
	 * Creates tokens without portal and scopes.
	 * @param tokenType {@code bearer}
	 * @param accessToken the access token
	 * @param refreshToken the refresh token
	 * @param expiresIn the lifetime in seconds
	 */
	public OAuthTokens(@Nullable String tokenType, String accessToken, @Nullable String refreshToken, long expiresIn) {
		this(tokenType, accessToken, refreshToken, expiresIn, null, null);
	}

	/**
	 * Describes the tokens without them: a record's own {@code toString()} would print
	 * both tokens into any log line or exception that mentions this object.
	 * @return the type and lifetime, tokens redacted
	 */
	@Override
	public String toString() {
		return "OAuthTokens[tokenType=" + this.tokenType + ", accessToken=(redacted), refreshToken="
				+ ((this.refreshToken != null) ? "(redacted)" : "null") + ", expiresIn=" + this.expiresIn + ", hubId="
				+ this.hubId + ", scopes=" + this.scopes + "]";
	}

}
