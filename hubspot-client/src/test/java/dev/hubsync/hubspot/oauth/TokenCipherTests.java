package dev.hubsync.hubspot.oauth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TokenCipherTests {

	private static final String PREFIX = "hubsync.hubspot.oauth";

	private static final String K1 = key('1');

	private static final String K2 = key('2');

	@Test
	void sealsWithAFreshNonceAndOpensUnderTheRowsKey() {
		TokenCipher cipher = TokenCipher.of(Map.of("k1", K1), "k1", PREFIX);
		byte[] a = cipher.seal("CKtoken-secret", "hubsync-oauth:1:access");
		byte[] b = cipher.seal("CKtoken-secret", "hubsync-oauth:1:access");
		assertThat(a).isNotEqualTo(b);
		assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("CKtoken-secret");
		assertThat(cipher.open("k1", a, "hubsync-oauth:1:access")).isEqualTo("CKtoken-secret");
	}

	@Test
	void opensOldCiphertextAfterTheActiveKeyChanged() {
		byte[] old = TokenCipher.of(Map.of("k1", K1), "k1", PREFIX).seal("t", "c");
		TokenCipher rotated = TokenCipher.of(Map.of("k1", K1, "k2", K2), "k2", PREFIX);
		assertThat(rotated.open("k1", old, "c")).isEqualTo("t");
		assertThat(rotated.activeKeyId()).isEqualTo("k2");
	}

	@Test
	void refusesAnotherContextOrAnAlteredValue() {
		TokenCipher cipher = TokenCipher.of(Map.of("k1", K1), "k1", PREFIX);
		byte[] sealed = cipher.seal("t", "hubsync-oauth:1:access");
		assertThatIllegalStateException().isThrownBy(() -> cipher.open("k1", sealed, "hubsync-oauth:1:refresh"));
		sealed[sealed.length - 1] ^= 1;
		assertThatIllegalStateException().isThrownBy(() -> cipher.open("k1", sealed, "hubsync-oauth:1:access"));
	}

	@Test
	void startupRefusalsNameThePropertyAndNeverTheKey() {
		String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
		assertThatIllegalStateException().isThrownBy(() -> TokenCipher.of(Map.of("k1", shortKey), "k1", PREFIX))
			.withMessageContaining("hubsync.hubspot.oauth.keys.k1 must be 32 bytes")
			.withMessageNotContaining(shortKey);
		assertThatIllegalStateException().isThrownBy(() -> TokenCipher.of(Map.of("k1", K1), "k2", PREFIX))
			.withMessageContaining("hubsync.hubspot.oauth.keys.k2 is not set");
		assertThatIllegalStateException().isThrownBy(() -> TokenCipher.of(Map.of("k1", K1), null, PREFIX))
			.withMessageContaining("hubsync.hubspot.oauth.active-key is not set");
		assertThatIllegalStateException().isThrownBy(() -> TokenCipher.of(Map.of("k1", "not base64!"), "k1", PREFIX))
			.withMessageContaining("hubsync.hubspot.oauth.keys.k1 is not base64");
	}

	@Test
	void refusesToOpenUnderAKeyNoLongerConfigured() {
		byte[] old = TokenCipher.of(Map.of("k1", K1), "k1", PREFIX).seal("t", "c");
		TokenCipher other = TokenCipher.of(Map.of("k2", K2), "k2", PREFIX);
		assertThatIllegalStateException().isThrownBy(() -> other.open("k1", old, "c"))
			.withMessageContaining("key 'k1', which is not configured");
	}

	private static String key(char fill) {
		return Base64.getEncoder().encodeToString(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
	}

}
