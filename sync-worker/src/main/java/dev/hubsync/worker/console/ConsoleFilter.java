package dev.hubsync.worker.console;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /console/**}: a request without a logged-in session goes to the login
 * page (an htmx request is told to go there with {@code HX-Redirect}); a state-changing
 * request (anything but GET and HEAD) without the session's CSRF token is refused with
 * 403, the login form's included. Pages are never cached.
 */
final class ConsoleFilter extends OncePerRequestFilter {

	static final String LOGIN = "/console/login";

	private static final Set<String> SAFE = Set.of("GET", "HEAD");

	private static final Set<String> PUBLIC = Set.of(LOGIN, "/console/console.css");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("X-Frame-Options", "DENY");
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "same-origin");
		if (!SAFE.contains(request.getMethod()) && !ConsoleSession.csrfMatches(request)) {
			response.sendError(HttpServletResponse.SC_FORBIDDEN,
					"the form's CSRF token is missing or stale: reload the page");
			return;
		}
		if (!PUBLIC.contains(path) && ConsoleSession.caller(request) == null) {
			String login = request.getContextPath() + LOGIN;
			if (request.getHeader("HX-Request") != null) {
				response.setHeader("HX-Redirect", login);
				response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			}
			else {
				response.sendRedirect(login);
			}
			return;
		}
		chain.doFilter(request, response);
	}

}
