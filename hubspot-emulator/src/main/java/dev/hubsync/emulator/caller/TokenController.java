package dev.hubsync.emulator.caller;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.hubsync.emulator.webhooks.WebhookSettings;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * HubSpot's token endpoint for the {@code client_credentials} grant only
 * ({@code POST /oauth/v1/token}, {@code /oauth/v3/token}, {@code /oauth/2026-03/token},
 * {@code /oauth/2026-09/token}; form-encoded). Other grants answer 400
 * {@code unsupported_grant_type}; an unknown client 401.
 */
@RestController
class TokenController {

	private final ClientCredentials credentials;

	private final WebhookSettings webhooks;

	TokenController(ClientCredentials credentials, WebhookSettings webhooks) {
		this.credentials = credentials;
		this.webhooks = webhooks;
	}

	@PostMapping(path = "/oauth/{version:v1|v3|2026-03|2026-09}/token",
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> form) {
		String grant = form.getFirst("grant_type");
		if (!"client_credentials".equals(grant)) {
			return ResponseEntity.badRequest()
				.body(Map.of("status", "BAD_GRANT_TYPE", "message", "unsupported_grant_type: " + grant));
		}
		String scope = Optional.ofNullable(form.getFirst("scope")).orElse("");
		List<String> scopes = Arrays.stream(scope.split("[\\s+]+")).filter((s) -> !s.isBlank()).toList();
		Optional<ClientCredentials.Issued> issued = this.credentials.issue(
				Optional.ofNullable(form.getFirst("client_id")).orElse(""),
				Optional.ofNullable(form.getFirst("client_secret")).orElse(""), this.webhooks.current().clientSecret(),
				scopes);
		if (issued.isEmpty()) {
			return ResponseEntity.status(401)
				.body(Map.of("status", "BAD_CLIENT_ID", "message", "missing or unknown client id or secret"));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("token_type", "bearer");
		body.put("access_token", issued.get().token());
		body.put("expires_in", this.credentials.expiresIn().toSeconds());
		body.put("token_use", "client_credentials");
		body.put("scopes", issued.get().scopes());
		return ResponseEntity.ok(body);
	}

}
