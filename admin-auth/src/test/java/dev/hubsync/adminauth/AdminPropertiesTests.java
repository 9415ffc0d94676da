package dev.hubsync.adminauth;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The checks of {@link AdminProperties#keys()} that need no application. */
class AdminPropertiesTests {

	private static final String KEY = "q7Vn2Lx9Rk4Wc1Hs8Mz3Tb6Py0Fd5Jg2Na7Ue4Ki9Ow1";

	@Test
	void namesTheKeys() {
		assertThat(new AdminProperties(true, KEY, Map.of("ops", KEY.toLowerCase()), false).keys())
			.containsExactly(Map.entry("admin", KEY), Map.entry("ops", KEY.toLowerCase()));
	}

	@Test
	void aBlankApiKeyIsNoKey() {
		assertThatIllegalStateException().isThrownBy(() -> new AdminProperties(true, " ", Map.of(), true).keys())
			.withMessageStartingWith("hubsync.admin.api-key (or hubsync.admin.api-keys.<name>) is required");
	}

	@Test
	void aBlankNamedKeyIsRefusedEvenWhenWeakKeysAreAllowed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AdminProperties(true, null, Map.of("ci", ""), true).keys())
			.withMessageStartingWith("hubsync.admin.api-keys.ci is blank");
	}

	@Test
	void refusesANamedAdminKeyBesideTheApiKey() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AdminProperties(true, KEY, Map.of("admin", KEY.toLowerCase()), false).keys())
			.withMessageStartingWith("hubsync.admin.api-keys.admin and hubsync.admin.api-key both name");
	}

	@Test
	void refusesANameTheAuditTrailCannotCarry() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AdminProperties(true, null, Map.of("o p", KEY), false).keys())
			.withMessageStartingWith("hubsync.admin.api-keys.o p: a key's name is");
	}

	@Test
	void knownDefaultsAreRefusedWhateverTheirCase() {
		for (String key : AdminProperties.KNOWN_DEFAULTS) {
			assertThatIllegalStateException()
				.isThrownBy(() -> new AdminProperties(true, key.toUpperCase(), Map.of(), false).keys())
				.withMessageContaining("well-known default")
				.withMessageNotContaining(key.toUpperCase());
		}
	}

}
