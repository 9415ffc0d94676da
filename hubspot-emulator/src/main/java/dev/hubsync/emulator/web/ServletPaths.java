package dev.hubsync.emulator.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The path a request is served under, as the servlet container resolved it (decoded, with
 * {@code .} and {@code ..} segments removed): what filters must decide on. The raw
 * request URI is not: {@code /actuator/../crm/v3/objects/contacts} starts with
 * {@code /actuator} yet is served by the CRM API.
 */
public final class ServletPaths {

	private ServletPaths() {
	}

	/**
	 * Returns the request's normalised path.
	 * @param request the request
	 * @return the servlet path and path info
	 */
	public static String of(HttpServletRequest request) {
		String info = request.getPathInfo();
		return request.getServletPath() + ((info != null) ? info : "");
	}

}
