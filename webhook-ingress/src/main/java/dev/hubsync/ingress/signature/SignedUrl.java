package dev.hubsync.ingress.signature;

import java.net.URI;
import java.util.Locale;

import dev.hubsync.ingress.IngressProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the URL HubSpot called: never the internal address the request arrived at, but
 * the configured public base URL (or the proxy's forwarded scheme, host and port, when
 * trusted) + the path and query string exactly as received (still percent-encoded: v3's
 * decoding rules apply later, to this text).
 */
@Component
public class SignedUrl {

	private final URI publicBaseUrl;

	private final boolean trustForwarded;

	/**
	 * Creates the resolver.
	 * @param properties the ingress configuration
	 */
	public SignedUrl(IngressProperties properties) {
		this.publicBaseUrl = properties.publicBaseUrl();
		this.trustForwarded = properties.trustForwardedHeaders();
	}

	/**
	 * Returns the URL a request was sent to, as HubSpot saw it.
	 * @param request the request
	 * @return {@code scheme://host[:port]/path[?query]}
	 */
	public String of(HttpServletRequest request) {
		String origin = this.trustForwarded ? forwardedOrigin(request) : null;
		if (origin == null) {
			origin = origin(this.publicBaseUrl);
		}
		String query = request.getQueryString();
		return origin + request.getRequestURI() + ((query != null) ? "?" + query : "");
	}

	private static String origin(URI base) {
		return base.getScheme() + "://" + base.getRawAuthority();
	}

	private static @Nullable String forwardedOrigin(HttpServletRequest request) {
		String forwarded = request.getHeader("Forwarded");
		if (forwarded != null) {
			String proto = parameter(forwarded, "proto");
			String host = parameter(forwarded, "host");
			if (proto != null && host != null) {
				return proto.toLowerCase(Locale.ROOT) + "://" + host;
			}
		}
		String proto = first(request.getHeader("X-Forwarded-Proto"));
		String host = first(request.getHeader("X-Forwarded-Host"));
		if (proto == null || host == null) {
			return null;
		}
		String port = first(request.getHeader("X-Forwarded-Port"));
		boolean defaultPort = port == null || ("https".equalsIgnoreCase(proto) && "443".equals(port))
				|| ("http".equalsIgnoreCase(proto) && "80".equals(port));
		return proto.toLowerCase(Locale.ROOT) + "://" + host + ((defaultPort || host.contains(":")) ? "" : ":" + port);
	}

	private static @Nullable String parameter(String forwarded, String name) {
		String first = forwarded.split(",")[0];
		for (String part : first.split(";")) {
			String[] pair = part.trim().split("=", 2);
			if (pair.length == 2 && pair[0].trim().equalsIgnoreCase(name)) {
				return pair[1].trim().replace("\"", "");
			}
		}
		return null;
	}

	private static @Nullable String first(@Nullable String header) {
		return (header == null) ? null : header.split(",")[0].trim();
	}

}
