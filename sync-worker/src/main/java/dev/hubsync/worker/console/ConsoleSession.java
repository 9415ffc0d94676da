package dev.hubsync.worker.console;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

/**
 * What the console keeps in the servlet session: the name of the admin key a person
 * logged in with (the caller the audit trail records) and the session's CSRF token. The
 * key itself is never kept.
 */
final class ConsoleSession {

	/** The form field (and htmx header) carrying the CSRF token. */
	static final String CSRF_FIELD = "_csrf";

	static final String CSRF_HEADER = "X-CSRF-Token";

	private static final String CALLER = "hubsync.console.caller";

	private static final String TOKEN = "hubsync.console.csrf";

	private static final SecureRandom random = new SecureRandom();

	private ConsoleSession() {
	}

	static @Nullable String caller(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return (session != null && session.getAttribute(CALLER) instanceof String name) ? name : null;
	}

	/**
	 * Logs in: a new session id (no fixation), the caller and a fresh CSRF token.
	 */
	static void logIn(HttpServletRequest request, String caller) {
		request.getSession(true);
		request.changeSessionId();
		HttpSession session = request.getSession();
		session.setAttribute(CALLER, caller);
		session.setAttribute(TOKEN, newToken());
	}

	static void logOut(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
	}

	/**
	 * The session's CSRF token, creating the session (for the login form) when needed.
	 */
	static String csrfToken(HttpServletRequest request) {
		HttpSession session = request.getSession(true);
		if (!(session.getAttribute(TOKEN) instanceof String token)) {
			String created = newToken();
			session.setAttribute(TOKEN, created);
			return created;
		}
		return token;
	}

	/**
	 * Whether a state-changing request carries the session's token (form field or
	 * header), compared in constant time.
	 */
	static boolean csrfMatches(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(TOKEN) instanceof String expected)) {
			return false;
		}
		String given = request.getHeader(CSRF_HEADER);
		if (given == null) {
			given = request.getParameter(CSRF_FIELD);
		}
		return given != null && MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
				given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static String newToken() {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
