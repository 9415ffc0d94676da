package dev.hubsync.emulator.ratelimit;

import java.io.IOException;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.EmulatorProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/** Applies the {@link RateLimiter} to every authenticated API call. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimitFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final boolean enabled;

	private final JsonMapper json;

	RateLimitFilter(RateLimiter limiter, EmulatorProperties properties, JsonMapper json) {
		this.limiter = limiter;
		this.enabled = properties.rateLimit().enabled();
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.enabled || request.getAttribute(Caller.ATTRIBUTE) == null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
		boolean search = "POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/search");
		RateLimiter.Decision decision = this.limiter.check(caller.name(), search);
		decision.headers().forEach(response::setHeader);
		if (!decision.allowed()) {
			response.setStatus(429);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), decision.body());
			return;
		}
		chain.doFilter(request, response);
	}

}
