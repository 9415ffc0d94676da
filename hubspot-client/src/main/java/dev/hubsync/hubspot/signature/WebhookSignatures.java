package dev.hubsync.hubspot.signature;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes HubSpot request signatures exactly as reference §10 describes. Inputs are the
 * raw body bytes (never re-serialized JSON); strings are UTF-8. Header names are
 * constants here so the emulator (which signs) and the ingress (which verifies) agree.
 */
public final class WebhookSignatures {

	/** Header of v1 and v2 signatures. */
	public static final String SIGNATURE_HEADER = "X-HubSpot-Signature";

	/** Header naming the version of {@link #SIGNATURE_HEADER}. */
	public static final String VERSION_HEADER = "X-HubSpot-Signature-Version";

	/** Header of v3 signatures. */
	public static final String V3_HEADER = "X-HubSpot-Signature-v3";

	/** Header of the v3 timestamp, epoch milliseconds. */
	public static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";

	/** The escapes v3 decodes before signing, and only these. */
	private static final Map<String, Character> V3_DECODED = Map.ofEntries(Map.entry("3A", ':'), Map.entry("2F", '/'),
			Map.entry("3F", '?'), Map.entry("40", '@'), Map.entry("21", '!'), Map.entry("24", '$'),
			Map.entry("27", '\''), Map.entry("28", '('), Map.entry("29", ')'), Map.entry("2A", '*'),
			Map.entry("2C", ','), Map.entry("3B", ';'));

	private WebhookSignatures() {
	}

	/**
	 * Computes a v1 signature.
	 * @param clientSecret the app's client secret
	 * @param body the raw body
	 * @return lower-case hex SHA-256 of secret + body
	 */
	public static String v1(String clientSecret, byte[] body) {
		return sha256Hex(concat(clientSecret.getBytes(StandardCharsets.UTF_8), body));
	}

	/**
	 * Computes a v2 signature.
	 * @param clientSecret the app's client secret
	 * @param method the HTTP method
	 * @param uri the full URI as called, query string included
	 * @param body the raw body
	 * @return lower-case hex SHA-256 of secret + method + URI + body
	 */
	public static String v2(String clientSecret, String method, String uri, byte[] body) {
		return sha256Hex(
				concat((clientSecret + method.toUpperCase(Locale.ROOT) + uri).getBytes(StandardCharsets.UTF_8), body));
	}

	/**
	 * Computes a v3 signature over the URI after v3's decoding rules.
	 * @param clientSecret the app's client secret
	 * @param method the HTTP method
	 * @param uri the full URI as called, query string included
	 * @param body the raw body
	 * @param timestamp the {@value #TIMESTAMP_HEADER} value, verbatim
	 * @return Base64 HMAC-SHA256 of method + decoded URI + body + timestamp
	 */
	public static String v3(String clientSecret, String method, String uri, byte[] body, String timestamp) {
		return v3Raw(clientSecret, method, decodeV3Uri(uri), body, timestamp);
	}

	/**
	 * Computes a v3 signature over the URI exactly as given (what HubSpot's SDKs do).
	 * @param clientSecret the app's client secret
	 * @param method the HTTP method
	 * @param uri the URI, used verbatim
	 * @param body the raw body
	 * @param timestamp the timestamp header's value
	 * @return the signature
	 */
	static String v3Raw(String clientSecret, String method, String uri, byte[] body, String timestamp) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update(method.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
			mac.update(uri.getBytes(StandardCharsets.UTF_8));
			mac.update(body);
			mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
			return Base64.getEncoder().encodeToString(mac.doFinal());
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Applies v3's URI decoding: replaces
	 * {@code %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B} (hex in either case) by
	 * their characters and leaves every other escape as it is.
	 * @param uri the URI as called
	 * @return the URI as HubSpot signs it
	 */
	public static String decodeV3Uri(String uri) {
		StringBuilder decoded = new StringBuilder(uri.length());
		int i = 0;
		while (i < uri.length()) {
			char c = uri.charAt(i);
			if (c == '%' && i + 2 < uri.length()) {
				Character replacement = V3_DECODED.get(uri.substring(i + 1, i + 3).toUpperCase(Locale.ROOT));
				if (replacement != null) {
					decoded.append(replacement.charValue());
					i += 3;
					continue;
				}
			}
			decoded.append(c);
			i++;
		}
		return decoded.toString();
	}

	/**
	 * Compares two signatures in time independent of where they differ.
	 * @param expected the computed signature
	 * @param actual the received one
	 * @return whether they are equal
	 */
	public static boolean constantTimeEquals(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

	private static String sha256Hex(byte[] input) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static byte[] concat(byte[] first, byte[] second) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(first.length + second.length);
		out.writeBytes(first);
		out.writeBytes(second);
		return out.toByteArray();
	}

}
