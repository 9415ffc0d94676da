package dev.hubsync.emulator.requestlog;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import dev.hubsync.emulator.caller.Caller;
import dev.hubsync.emulator.web.ServletPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every HubSpot API request with its final status (the admin API is not
 * recorded).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestLogFilter extends OncePerRequestFilter {

	private final RequestLog log;

	private final Clock clock;

	RequestLogFilter(RequestLog log, Clock clock) {
		this.log = log;
		this.clock = clock;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = ServletPaths.of(request);
		return path.startsWith("/_emulator") || path.startsWith("/actuator");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long began = System.nanoTime();
		try {
			chain.doFilter(request, response);
		}
		finally {
			Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
			String who = (caller == null) ? null : caller.app() ? "app:" + caller.appId() : "user:" + caller.userId();
			this.log.add(this.clock.instant(), request.getMethod(), request.getRequestURI(), request.getQueryString(),
					response.getStatus(), who, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
		}
	}

}
