package dev.hubsync.worker.install;

import java.net.URI;

import dev.hubsync.hubspot.autoconfigure.HubSpotProperties;
import dev.hubsync.hubspot.error.HubSpotException;
import dev.hubsync.hubspot.oauth.Installation;
import dev.hubsync.hubspot.oauth.InstallationRefusedException;
import dev.hubsync.hubspot.oauth.InstallationStore;
import dev.hubsync.hubspot.oauth.OAuthClient;
import dev.hubsync.hubspot.oauth.OAuthTokens;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code GET /oauth/install} and {@code GET /oauth/callback}: the browser's half of the
 * install (reference {@code hubspot-2026.md} §4.1). Answers are plain text for the person
 * installing; a refusal says why and what to do, and never carries a token.
 */
@RestController
@ConditionalOnProperty(prefix = "hubsync.hubspot", name = "auth", havingValue = "oauth")
class InstallController {

	private static final Logger logger = LoggerFactory.getLogger(InstallController.class);

	private final HubSpotProperties properties;

	private final InstallState state;

	private final OAuthClient oauth;

	private final InstallationStore store;

	InstallController(HubSpotProperties properties, InstallState state, OAuthClient oauth, InstallationStore store) {
		this.properties = properties;
		this.state = state;
		this.oauth = oauth;
		this.store = store;
	}

	@GetMapping("/oauth/install")
	ResponseEntity<Void> install() {
		HubSpotProperties.OAuth app = this.properties.oauth();
		UriComponentsBuilder authorize = UriComponentsBuilder.fromUri(app.authorizeUrl())
			.queryParam("client_id", app.clientId())
			.queryParam("redirect_uri", app.redirectUri())
			.queryParam("scope", String.join(" ", app.scopes()))
			.queryParam("state", this.state.issue());
		if (!app.optionalScopes().isEmpty()) {
			authorize.queryParam("optional_scope", String.join(" ", app.optionalScopes()));
		}
		URI location = authorize.encode().build().toUri();
		return ResponseEntity.status(HttpStatus.FOUND).location(location).build();
	}

	@GetMapping("/oauth/callback")
	ResponseEntity<String> callback(@RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable String error,
			@RequestParam(name = "error_description", required = false) @Nullable String errorDescription) {
		try {
			this.state.verify(state);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("OAuth callback refused: {}", ex.getMessage());
			return text(HttpStatus.BAD_REQUEST, "HubSync was not installed: " + ex.getMessage());
		}
		if (error != null || code == null || code.isBlank()) {
			return text(HttpStatus.BAD_REQUEST,
					"HubSync was not installed: HubSpot did not authorize it (" + ((error != null)
							? error + ((errorDescription != null) ? ": " + errorDescription : "") : "no code")
							+ "). Start again at /oauth/install.");
		}
		OAuthTokens tokens;
		try {
			tokens = this.oauth.exchange(code, this.properties.oauth().redirectUri().toString());
		}
		catch (HubSpotException ex) {
			logger.warn("OAuth code exchange refused: {}", ex.getMessage());
			return text(HttpStatus.BAD_GATEWAY,
					"HubSync was not installed: HubSpot refused the code exchange (" + ex.getMessage()
							+ "); check hubsync.hubspot.oauth.client-id, .client-secret and .redirect-uri, then start"
							+ " again at /oauth/install.");
		}
		return record(tokens);
	}

	private ResponseEntity<String> record(OAuthTokens tokens) {
		long configured = this.properties.portalId();
		Long hubId = tokens.hubId();
		if (hubId == null) {
			// the legacy v1 token endpoint names no portal: introspection does
			try {
				hubId = this.oauth.introspect(tokens.accessToken()).hubId();
			}
			catch (HubSpotException ex) {
				logger.warn("OAuth token introspection refused: {}", ex.getMessage());
			}
		}
		if (hubId == null) {
			return text(HttpStatus.BAD_GATEWAY, "HubSync was not installed: HubSpot named no portal (hub_id) for"
					+ " the new token; start again at /oauth/install.");
		}
		if (configured != 0 && configured != hubId) {
			return text(HttpStatus.CONFLICT,
					"HubSync was not installed: it is configured for HubSpot portal " + configured
							+ " (hubsync.hubspot.portal-id), but the app was authorized in portal " + hubId
							+ ". Install it in portal " + configured + ", or change the setting.");
		}
		try {
			Installation installation = this.store.install(hubId, tokens);
			logger.info("HubSync installed in HubSpot portal {} (tokens stored encrypted under key {})", hubId,
					installation.keyId());
			return text(HttpStatus.OK, "HubSync is installed in HubSpot portal " + hubId
					+ ". Its tokens are stored encrypted; the sync uses them from now on.");
		}
		catch (InstallationRefusedException ex) {
			logger.warn("OAuth install refused: {}", ex.getMessage());
			return text(HttpStatus.CONFLICT, "HubSync was not installed: " + ex.getMessage());
		}
	}

	private static ResponseEntity<String> text(HttpStatus status, String body) {
		return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(body + "\n");
	}

}
