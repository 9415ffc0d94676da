package dev.hubsync.emulator.caller;

import java.io.IOException;
import java.util.Map;

import dev.hubsync.emulator.EmulatorProperties;
import dev.hubsync.emulator.error.ApiException;
import dev.hubsync.emulator.error.ErrorBodies;
import dev.hubsync.emulator.web.ServletPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Resolves the bearer token of every HubSpot API call to a {@link Caller}; the admin API
 * ({@code /_emulator}), the OAuth endpoints and the actuator need none.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class CallerFilter extends OncePerRequestFilter {

	private final Map<String, Caller> callers;

	private final JsonMapper json;

	private final Revocations revocations;

	private final IssuedTokens issued;

	CallerFilter(EmulatorProperties properties, JsonMapper json, Revocations revocations, IssuedTokens issued) {
		this.json = json;
		this.revocations = revocations;
		this.issued = issued;
		this.callers = new java.util.HashMap<>();
		properties.tokens()
			.forEach((token, spec) -> this.callers.put(token, new Caller(token, spec.userId(), spec.appId())));
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = ServletPaths.of(request);
		return path.startsWith("/_emulator") || path.startsWith("/oauth") || path.startsWith("/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		String token = (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) ? header.substring(7).trim()
				: null;
		Caller caller = null;
		if (token != null && !this.revocations.revoked(token)) {
			caller = caller(token);
		}
		if (caller == null) {
			response.setStatus(401);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			// EXPIRED_AUTHENTICATION and its wording: from memory of real
			// responses (hubspot-api.md §10, unconfirmed)
			ApiException refusal = (token != null && this.issued.expired(token))
					? new ApiException(401, "EXPIRED_AUTHENTICATION",
							"The OAuth token used to make this call expired. Refresh it using the refresh token.")
					: new ApiException(401, "INVALID_AUTHENTICATION",
							"Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
			this.json.writeValue(response.getOutputStream(), ErrorBodies.body(refusal));
			return;
		}
		request.setAttribute(Caller.ATTRIBUTE, caller);
		chain.doFilter(request, response);
	}

	private @Nullable Caller caller(String token) {
		Caller configured = this.callers.get(token);
		return (configured != null) ? configured : this.issued.caller(token);
	}

}
