package dev.hubsync.hubspot.signature;

import java.util.Locale;
import java.util.Optional;

/** The versions of HubSpot's request signature. */
public enum SignatureVersion {

	/**
	 * SHA-256 hex of client secret + body ({@code X-HubSpot-Signature}, CRM webhooks).
	 */
	V1,

	/**
	 * SHA-256 hex of client secret + method + URI + body ({@code X-HubSpot-Signature}).
	 */
	V2,

	/**
	 * Base64 HMAC-SHA256, keyed with the client secret, of method + URI + body +
	 * timestamp ({@code X-HubSpot-Signature-v3} with
	 * {@code X-HubSpot-Request-Timestamp}).
	 */
	V3;

	/**
	 * Returns the header value form.
	 * @return {@code v1}, {@code v2} or {@code v3}
	 */
	public String headerValue() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses the {@code X-HubSpot-Signature-Version} header.
	 * @param value the header's value
	 * @return the version, if known
	 */
	public static Optional<SignatureVersion> fromHeader(String value) {
		for (SignatureVersion version : values()) {
			if (version.headerValue().equalsIgnoreCase(value.trim())) {
				return Optional.of(version);
			}
		}
		return Optional.empty();
	}

}
