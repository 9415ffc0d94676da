package dev.hubsync.worker.install;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The OAuth install's {@code state}: {@code v1.<expiry epoch seconds>.<nonce>.<HMAC>},
 * HMAC-SHA256 under a key derived from the active token key, so a callback HubSync did
 * not start, or started too long ago, is refused. (A signed value rather than a session:
 * the callback may reach another instance than the one that started the install.)
 */
final class InstallState {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final byte[] key;

	private final Duration ttl;

	private final Clock clock;

	InstallState(byte[] key, Duration ttl, Clock clock) {
		this.key = key.clone();
		this.ttl = ttl;
		this.clock = clock;
	}

	String issue() {
		byte[] nonce = new byte[16];
		RANDOM.nextBytes(nonce);
		String payload = "v1." + this.clock.instant().plus(this.ttl).getEpochSecond() + "."
				+ ENCODER.encodeToString(nonce);
		return payload + "." + ENCODER.encodeToString(mac(payload));
	}

	/**
	 * Checks a state.
	 * @param state the callback's state
	 * @throws IllegalArgumentException saying why it is refused
	 */
	void verify(@Nullable String state) {
		if (state == null || state.isBlank()) {
			throw new IllegalArgumentException(
					"the callback has no state: start the install at /oauth/install, not from HubSpot's page");
		}
		int lastDot = state.lastIndexOf('.');
		String[] parts = state.split("\\.");
		if (parts.length != 4 || !"v1".equals(parts[0])) {
			throw new IllegalArgumentException(
					"the callback's state is malformed: start the install again at" + " /oauth/install");
		}
		byte[] given;
		try {
			given = Base64.getUrlDecoder().decode(parts[3]);
		}
		catch (IllegalArgumentException ex) {
			given = new byte[0];
		}
		if (!MessageDigest.isEqual(given, mac(state.substring(0, lastDot)))) {
			throw new IllegalArgumentException("the callback's state is not one HubSync signed (tampered with, or"
					+ " signed under another key): start the install again at /oauth/install");
		}
		Instant expiry = Instant.ofEpochSecond(Long.parseLong(parts[1]));
		if (!this.clock.instant().isBefore(expiry)) {
			throw new IllegalArgumentException("the install expired at " + expiry + " (it is valid for " + this.ttl
					+ "): start it again at /oauth/install");
		}
	}

	private byte[] mac(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

}
