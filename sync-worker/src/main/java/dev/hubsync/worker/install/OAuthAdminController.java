package dev.hubsync.worker.install;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.hubsync.hubspot.oauth.Installation;
import dev.hubsync.hubspot.oauth.InstallationStore;
import dev.hubsync.hubspot.oauth.TokenCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/oauth}: the installation (portal, expiry, key id, revocation; never a
 * token); {@code POST /api/oauth/rotate-keys}: re-encrypts rows sealed under an old key
 * with the active one ({@code hubsync-ops oauth rotate-keys}).
 */
@RestController
@RequestMapping("/api/oauth")
@ConditionalOnProperty(prefix = "hubsync.hubspot", name = "auth", havingValue = "oauth")
class OAuthAdminController {

	private static final Logger logger = LoggerFactory.getLogger(OAuthAdminController.class);

	private final InstallationStore store;

	private final TokenCipher cipher;

	OAuthAdminController(InstallationStore store, TokenCipher cipher) {
		this.store = store;
		this.cipher = cipher;
	}

	@GetMapping
	Map<String, Object> status() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("activeKey", this.cipher.activeKeyId());
		Installation installation = this.store.current().orElse(null);
		body.put("installed", installation != null);
		if (installation != null) {
			body.put("hubId", installation.hubId());
			body.put("expiresAt", installation.expiresAt().toString());
			body.put("keyId", installation.keyId());
			body.put("revokedAt", (installation.revokedAt() != null) ? installation.revokedAt().toString() : null);
			body.put("revokedReason", installation.revokedReason());
		}
		return body;
	}

	@PostMapping("/rotate-keys")
	Map<String, Object> rotate() {
		int reencrypted = this.store.rotate();
		logger.info("OAuth token rows re-encrypted under key {}: {}", this.cipher.activeKeyId(), reencrypted);
		return Map.of("activeKey", this.cipher.activeKeyId(), "reencrypted", reencrypted);
	}

}
