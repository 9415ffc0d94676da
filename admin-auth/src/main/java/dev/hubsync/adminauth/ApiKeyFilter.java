package dev.hubsync.adminauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets {@code /api/**} requests through only with an admin key, and records which one as
 * the request attribute {@link #CALLER} (the key's name, see {@link #caller}). The key
 * given is compared with every configured key, each comparison in constant time and none
 * skipped, so the time taken tells nothing about which key came close. A servlet filter
 * rather than Spring Security: shared keys on one path prefix need no more, and a key
 * never appears in logs.
 */
public final class ApiKeyFilter extends OncePerRequestFilter {

	/** The header carrying the key. */
	public static final String HEADER = "X-HubSync-Api-Key";

	/** The request attribute holding the name of the key a request came with. */
	public static final String CALLER = "hubsync.admin.caller";

	/**
	 * The header a trusted front end (the console) names the person it acts for with; the
	 * audit trail records it beside the key's name, never instead of it.
	 */
	public static final String ON_BEHALF_OF = "X-HubSync-On-Behalf-Of";

	private static final java.util.regex.Pattern PERSON = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{1,64}");

	/** The caller of a request that did not pass the filter. */
	public static final String UNKNOWN = "unknown";

	private static final String BEARER = "Bearer ";

	private final String[] names;

	private final byte[][] digests;

	/**
	 * Creates the filter.
	 * @param properties the keys
	 * @throws IllegalStateException when {@link AdminProperties#keys()} refuses them
	 */
	public ApiKeyFilter(AdminProperties properties) {
		Map<String, String> keys = properties.keys();
		this.names = new String[keys.size()];
		this.digests = new byte[keys.size()][];
		int i = 0;
		for (Map.Entry<String, String> key : keys.entrySet()) {
			this.names[i] = key.getKey();
			this.digests[i] = digest(key.getValue());
			i++;
		}
	}

	/**
	 * The name of the key a request came with.
	 * @param request a request
	 * @return the key's name ({@code admin} for {@code hubsync.admin.api-key}), or
	 * {@value #UNKNOWN} when the request did not pass this filter
	 */
	public static String caller(HttpServletRequest request) {
		return (request.getAttribute(CALLER) instanceof String name) ? name : UNKNOWN;
	}

	/**
	 * Who made a request, for the audit trail: the key's name, followed by the person a
	 * front end names in {@link #ON_BEHALF_OF} (the console's logged-in key name), as
	 * {@code "admin for ops-alice"}; a header that is not a plain name is ignored.
	 * @param request a request
	 * @return who made it
	 */
	public static String actor(HttpServletRequest request) {
		String caller = caller(request);
		String person = request.getHeader(ON_BEHALF_OF);
		if (person == null || !PERSON.matcher(person).matches() || person.equals(caller)) {
			return caller;
		}
		return caller + " for " + person;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String authorization = request.getHeader("Authorization");
		if (given == null && authorization != null && authorization.startsWith(BEARER)) {
			given = authorization.substring(BEARER.length()).strip();
		}
		String caller = (given != null && !given.isEmpty()) ? match(given) : null;
		if (caller == null) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter()
				.write("{\"status\":401,\"error\":\"unauthorized\",\"message\":\"send the admin API key as " + HEADER
						+ " or Authorization: Bearer\"}");
			return;
		}
		request.setAttribute(CALLER, caller);
		chain.doFilter(request, response);
	}

	/**
	 * The name of the key given, comparing digests (of equal length whatever the key's)
	 * with every key and stopping at none: the check of this filter, for a login form
	 * that exchanges a key for a session (the sync worker's console).
	 * @param given a key
	 * @return its name ({@code admin} for {@code hubsync.admin.api-key}), or null when it
	 * is no configured key
	 */
	public @Nullable String match(String given) {
		byte[] digest = digest(given);
		String match = null;
		for (int i = 0; i < this.digests.length; i++) {
			boolean equal = MessageDigest.isEqual(this.digests[i], digest);
			if (equal && match == null) {
				match = this.names[i];
			}
		}
		return match;
	}

	private static byte[] digest(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("this JVM has no SHA-256", ex);
		}
	}

}
