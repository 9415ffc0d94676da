package dev.hubsync.worker.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets {@code /api/**} requests through only with the admin key, compared in constant
 * time. A servlet filter rather than Spring Security: one shared key on one path prefix
 * needs no more, and the key never appears in logs.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

	/** The header carrying the key. */
	public static final String HEADER = "X-HubSync-Api-Key";

	private final byte[] key;

	/**
	 * Creates the filter.
	 * @param properties the key
	 */
	public ApiKeyFilter(AdminProperties properties) {
		this.key = properties.apiKey().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String authorization = request.getHeader("Authorization");
		if (given == null && authorization != null && authorization.startsWith("Bearer ")) {
			given = authorization.substring("Bearer ".length()).strip();
		}
		if (given == null || !MessageDigest.isEqual(this.key, given.getBytes(StandardCharsets.UTF_8))) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write("{\"status\":401,\"error\":\"unauthorized\",\"message\":\"send the admin API key as " + HEADER
						+ " or Authorization: Bearer\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
