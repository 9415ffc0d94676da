package dev.hubsync.hubspot.oauth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts OAuth tokens at rest with AES-256-GCM (the JDK's {@code javax.crypto}: no
 * library is needed for one authenticated cipher). Keys have ids: new ciphertext is
 * sealed under the active key, old ciphertext opens under the key its row names, so a key
 * is rotated by adding a key, making it active and re-encrypting the rows
 * ({@link InstallationStore#rotate()}). Each ciphertext is a fresh 12-byte nonce followed
 * by the GCM output (ciphertext and 16-byte tag), bound by its associated data to the
 * portal and the column it belongs to, so a value copied to another row or column does
 * not open.
 *
 * <pre>{@code
 * TokenCipher cipher = TokenCipher.of(Map.of("k1", base64Key), "k1", "hubsync.hubspot.oauth");
 * byte[] sealed = cipher.seal("token", "100000:access");
 * cipher.open("k1", sealed, "100000:access"); // "token"
 * }</pre>
 */
public final class TokenCipher {

	private static final int KEY_BYTES = 32;

	private static final int NONCE_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, SecretKeySpec> keys;

	private final String activeKeyId;

	private TokenCipher(Map<String, SecretKeySpec> keys, String activeKeyId) {
		this.keys = keys;
		this.activeKeyId = activeKeyId;
	}

	/**
	 * Builds a cipher from configured keys.
	 * @param keys each key's id and its 32 bytes in base64 (e.g. {@code openssl rand
	 * -base64 32})
	 * @param activeKeyId the key new ciphertext is sealed under
	 * @param prefix the configuration prefix, to name the property at fault (never its
	 * value)
	 * @return the cipher
	 * @throws IllegalStateException when the active key is not configured, or a key is
	 * not 32 bytes of base64
	 */
	public static TokenCipher of(Map<String, String> keys, String activeKeyId, String prefix) {
		if (activeKeyId == null || activeKeyId.isBlank()) {
			throw new IllegalStateException(prefix + ".active-key is not set: name the key (one of " + prefix
					+ ".keys.<id>) that encrypts OAuth tokens");
		}
		Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
		keys.forEach((id, value) -> specs.put(id, key(prefix + ".keys." + id, value)));
		if (!specs.containsKey(activeKeyId)) {
			throw new IllegalStateException(prefix + ".keys." + activeKeyId + " is not set, but " + prefix
					+ ".active-key names it: set it to 32 random bytes in base64 (openssl rand -base64 32), from the"
					+ " environment or a secret file");
		}
		return new TokenCipher(Map.copyOf(specs), activeKeyId);
	}

	private static SecretKeySpec key(String property, String value) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode((value != null) ? value.trim() : "");
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					property + " is not base64: set it to 32 random bytes in base64" + " (openssl rand -base64 32)");
		}
		if (bytes.length != KEY_BYTES) {
			throw new IllegalStateException(property + " must be 32 bytes (AES-256) in base64, it has " + bytes.length
					+ ": openssl rand -base64 32 makes one");
		}
		return new SecretKeySpec(bytes, "AES");
	}

	/**
	 * Returns the id of the key new ciphertext is sealed under.
	 * @return the active key's id
	 */
	public String activeKeyId() {
		return this.activeKeyId;
	}

	/**
	 * Encrypts under the active key.
	 * @param plaintext the token
	 * @param context what the value is (portal and column): it must be given again to
	 * open it
	 * @return nonce and ciphertext
	 */
	public byte[] seal(String plaintext, String context) {
		byte[] nonce = new byte[NONCE_BYTES];
		RANDOM.nextBytes(nonce);
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.keys.get(this.activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM encryption failed: " + ex.getClass().getSimpleName(), ex);
		}
	}

	/**
	 * Decrypts.
	 * @param keyId the key the value was sealed under (its row's)
	 * @param sealed nonce and ciphertext
	 * @param context the context it was sealed with
	 * @return the token
	 * @throws IllegalStateException when the key is not configured, or the value does not
	 * open (wrong key, altered, or another row's)
	 */
	public String open(String keyId, byte[] sealed, String context) {
		SecretKeySpec key = this.keys.get(keyId);
		if (key == null) {
			throw new IllegalStateException("the OAuth tokens are encrypted under key '" + keyId
					+ "', which is not configured: keep it among the keys until the rows are re-encrypted");
		}
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
			cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(
					"an OAuth token does not decrypt under key '" + keyId + "' (a wrong key, or the row was altered)",
					ex);
		}
	}

	/**
	 * Derives a key for another purpose from the active key (HMAC-SHA256 of the purpose),
	 * e.g. the one signing the OAuth install's {@code state}.
	 * @param purpose what the key is for
	 * @return 32 bytes
	 */
	public byte[] derive(String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.keys.get(this.activeKeyId).getEncoded(), "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "TokenCipher[keys=" + this.keys.keySet() + ", active=" + this.activeKeyId + "]";
	}

}
