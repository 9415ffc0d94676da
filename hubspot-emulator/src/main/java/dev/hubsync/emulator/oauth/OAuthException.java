package dev.hubsync.emulator.oauth;

/**
 * A refusal of HubSpot's OAuth endpoints, answered as
 * {@code {"status":"BAD_REFRESH_TOKEN","message":"missing or invalid refresh token",…}}
 * (the shape of {@code hubspot-api.md} §11; codes other than {@code BAD_REFRESH_TOKEN}
 * are unconfirmed).
 */
class OAuthException extends RuntimeException {

	private final int httpStatus;

	private final String status;

	OAuthException(int httpStatus, String status, String message) {
		super(message);
		this.httpStatus = httpStatus;
		this.status = status;
	}

	int httpStatus() {
		return this.httpStatus;
	}

	String status() {
		return this.status;
	}

	static OAuthException badRefreshToken() {
		return new OAuthException(400, "BAD_REFRESH_TOKEN", "missing or invalid refresh token");
	}

}
