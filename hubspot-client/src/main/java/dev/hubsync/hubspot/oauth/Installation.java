package dev.hubsync.hubspot.oauth;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * HubSync's installation in one HubSpot portal, tokens decrypted.
 *
 * @param hubId the portal
 * @param accessToken the current access token
 * @param refreshToken the refresh token
 * @param expiresAt when the access token expires
 * @param keyId the key the row is encrypted under
 * @param revokedAt when HubSpot refused the refresh token (uninstall, revocation), or
 * null while the installation works
 * @param revokedReason HubSpot's refusal
 */
public record Installation(long hubId, String accessToken, String refreshToken, Instant expiresAt, String keyId,
		@Nullable Instant revokedAt, @Nullable String revokedReason) {

	/**
	 * Tells whether the access token is due for a refresh.
	 * @param now the time
	 * @param margin how long before expiry a token is refreshed
	 * @return whether {@code now} is within the margin of the expiry (or past it)
	 */
	public boolean due(Instant now, Duration margin) {
		return !now.isBefore(this.expiresAt.minus(margin));
	}

	/**
	 * Tells whether HubSpot refused the refresh token: the app must be installed again.
	 * @return whether revoked
	 */
	public boolean revoked() {
		return this.revokedAt != null;
	}

	/**
	 * Describes the installation without its tokens.
	 * @return the portal, expiry and state, tokens redacted
	 */
	@Override
	public String toString() {
		return "Installation[hubId=" + this.hubId + ", accessToken=(redacted), refreshToken=(redacted), expiresAt="
				+ this.expiresAt + ", keyId=" + this.keyId + ", revokedAt=" + this.revokedAt + ", revokedReason="
				+ this.revokedReason + "]";
	}

}
