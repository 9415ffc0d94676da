package dev.hubsync.emulator.oauth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HubSpot's OAuth endpoints: {@code GET /oauth/authorize} (HubSpot serves it on
 * {@code app.hubspot.com}; here it approves at once, for the configured user), the
 * form-encoded token endpoint at {@code /oauth/v1/token}, {@code /oauth/v3/token} and the
 * dated {@code /oauth/2026-03/token} ({@code /2026-09}), introspection and revocation in
 * both families.
 */
@RestController
class OAuthController {

	private static final String TOKEN_VERSION = "{version:v3|2026-03|2026-09}";

	private final OAuthServer server;

	OAuthController(OAuthServer server) {
		this.server = server;
	}

	@GetMapping("/oauth/authorize")
	ResponseEntity<Void> authorize(@RequestParam(name = "client_id", required = false) @Nullable String clientId,
			@RequestParam(name = "redirect_uri", required = false) @Nullable String redirectUri,
			@RequestParam(required = false) @Nullable String scope,
			@RequestParam(name = "optional_scope", required = false) @Nullable String optionalScope,
			@RequestParam(required = false) @Nullable String state) {
		this.server.checkClient(clientId, null, false);
		this.server.checkRedirectUri(redirectUri);
		List<String> scopes = new java.util.ArrayList<>(OAuthServer.scopes(scope));
		scopes.addAll(OAuthServer.scopes(optionalScope));
		UriComponentsBuilder target = UriComponentsBuilder.fromUriString(redirectUri)
			.queryParam("code", this.server.issueCode(redirectUri, List.copyOf(scopes)));
		if (state != null) {
			target.queryParam("state", state);
		}
		URI location = target.encode().build().toUri();
		return ResponseEntity.status(HttpStatus.FOUND).location(location).build();
	}

	@PostMapping(path = { "/oauth/v1/token", "/oauth/" + TOKEN_VERSION + "/token" },
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Map<String, Object> token(@PathVariable(required = false) @Nullable String version,
			@RequestParam Map<String, String> form) {
		Map<String, Object> body = grant(form);
		if (version == null) {
			// v1 answers the original shape (hubspot-api.md §11): no hub_id, user_id,
			// scopes or token_use; a client reads the portal by introspection
			body.keySet().removeAll(Set.of("hub_id", "user_id", "scopes", "token_use"));
		}
		return body;
	}

	private Map<String, Object> grant(Map<String, String> form) {
		String clientId = this.server.checkClient(form.get("client_id"), form.get("client_secret"), true);
		return switch (form.getOrDefault("grant_type", "")) {
			case "authorization_code" -> this.server.exchange(clientId, form.get("code"), form.get("redirect_uri"));
			case "refresh_token" -> this.server.refresh(clientId, form.get("refresh_token"));
			case "client_credentials" -> this.server.clientCredentials(clientId, OAuthServer.scopes(form.get("scope")));
			default -> throw new OAuthException(400, "UNSUPPORTED_GRANT_TYPE",
					"grant_type must be authorization_code, refresh_token or client_credentials");
		};
	}

	@GetMapping({ "/oauth/v1/access-tokens/{token}", "/oauth/v1/refresh-tokens/{token}" })
	Map<String, Object> introspectV1(@PathVariable String token) {
		Map<String, Object> body = this.server.introspect(token);
		if (body == null) {
			throw new OAuthException(404, "NOT_FOUND", "token not found, expired or revoked");
		}
		return body;
	}

	@DeleteMapping("/oauth/v1/refresh-tokens/{token}")
	ResponseEntity<Void> deleteRefreshToken(@PathVariable String token) {
		if (!this.server.revokeRefreshToken(token)) {
			throw OAuthException.badRefreshToken();
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/oauth/" + TOKEN_VERSION + "/token/introspect",
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	Map<String, Object> introspect(@RequestParam Map<String, String> form) {
		this.server.checkClient(form.get("client_id"), form.get("client_secret"), true);
		Map<String, Object> body = this.server.introspect(form.getOrDefault("token", ""));
		return (body != null) ? body : Map.of("active", false);
	}

	@PostMapping(path = "/oauth/" + TOKEN_VERSION + "/token/revoke",
			consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> revoke(@RequestParam Map<String, String> form) {
		this.server.checkClient(form.get("client_id"), form.get("client_secret"), true);
		String token = form.getOrDefault("token", "");
		boolean revoked = this.server.revokeRefreshToken(token) || this.server.revokeAccessToken(token);
		if (!revoked) {
			throw new OAuthException(400, "BAD_TOKEN", "missing or invalid token");
		}
		return ResponseEntity.noContent().build();
	}

	@ExceptionHandler(OAuthException.class)
	ResponseEntity<Map<String, Object>> refused(OAuthException ex) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", ex.status());
		body.put("message", ex.getMessage());
		body.put("correlationId", UUID.randomUUID().toString());
		return ResponseEntity.status(ex.httpStatus()).contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
