package dev.hubsync.hubspot.signature;

import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * What a signature is checked against: the request as HubSpot sent it.
 *
 * @param method the HTTP method
 * @param uri the full URI HubSpot called: scheme, host, port, path and query string
 * @param body the raw body bytes
 * @param signature the {@code X-HubSpot-Signature} header (v1/v2)
 * @param signatureVersion the {@code X-HubSpot-Signature-Version} header
 * @param signatureV3 the {@code X-HubSpot-Signature-v3} header
 * @param timestamp the {@code X-HubSpot-Request-Timestamp} header
 */
public record SignedRequest(String method, String uri, byte[] body, @Nullable String signature,
		@Nullable String signatureVersion, @Nullable String signatureV3, @Nullable String timestamp) {

	/**
	 * Reads the signature headers through a lookup (e.g. a servlet request's
	 * {@code getHeader}).
	 * @param method the HTTP method
	 * @param uri the full URI HubSpot called
	 * @param body the raw body
	 * @param headers returns a header's value by name, or {@code null}
	 * @return the request
	 */
	public static SignedRequest of(String method, String uri, byte[] body, UnaryOperator<@Nullable String> headers) {
		return new SignedRequest(method, uri, body, headers.apply(WebhookSignatures.SIGNATURE_HEADER),
				headers.apply(WebhookSignatures.VERSION_HEADER), headers.apply(WebhookSignatures.V3_HEADER),
				headers.apply(WebhookSignatures.TIMESTAMP_HEADER));
	}

}
