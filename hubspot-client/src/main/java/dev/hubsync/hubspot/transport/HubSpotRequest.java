package dev.hubsync.hubspot.transport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.hubsync.hubspot.ratelimit.RequestKind;
import org.jspecify.annotations.Nullable;

/**
 * One HubSpot API request.
 *
 * @param operation a stable name for logs and metrics, e.g. {@code objects.batch.upsert}
 * @param method the HTTP method
 * @param path the path with its encoded query string
 * @param body the JSON body, or {@code null}
 * @param kind which limit it counts against
 */
public record HubSpotRequest(String operation, String method, String path, @Nullable Object body, RequestKind kind) {

	/**
	 * Starts a GET.
	 * @param operation the operation's name
	 * @param path the path
	 * @return a query builder
	 */
	public static Builder get(String operation, String path) {
		return new Builder(operation, "GET", path, null, RequestKind.STANDARD);
	}

	/**
	 * Starts a POST.
	 * @param operation the operation's name
	 * @param path the path
	 * @param body the JSON body
	 * @return a query builder
	 */
	public static Builder post(String operation, String path, @Nullable Object body) {
		return new Builder(operation, "POST", path, body, RequestKind.STANDARD);
	}

	/**
	 * Starts a PATCH.
	 * @param operation the operation's name
	 * @param path the path
	 * @param body the JSON body
	 * @return a query builder
	 */
	public static Builder patch(String operation, String path, Object body) {
		return new Builder(operation, "PATCH", path, body, RequestKind.STANDARD);
	}

	/**
	 * Starts a PUT.
	 * @param operation the operation's name
	 * @param path the path
	 * @param body the JSON body, or {@code null}
	 * @return a query builder
	 */
	public static Builder put(String operation, String path, @Nullable Object body) {
		return new Builder(operation, "PUT", path, body, RequestKind.STANDARD);
	}

	/**
	 * Starts a DELETE.
	 * @param operation the operation's name
	 * @param path the path
	 * @return a query builder
	 */
	public static Builder delete(String operation, String path) {
		return new Builder(operation, "DELETE", path, null, RequestKind.STANDARD);
	}

	/**
	 * Encodes one path segment (record ids, property names, object types).
	 * @param segment the raw segment
	 * @return the encoded segment
	 */
	public static String segment(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** Adds query parameters, then builds the request. */
	public static final class Builder {

		private final String operation;

		private final String method;

		private final String path;

		private final @Nullable Object body;

		private RequestKind kind;

		private final List<String> query = new ArrayList<>();

		private Builder(String operation, String method, String path, @Nullable Object body, RequestKind kind) {
			this.operation = operation;
			this.method = method;
			this.path = path;
			this.body = body;
			this.kind = kind;
		}

		/**
		 * Adds a query parameter unless the value is {@code null} or empty.
		 * @param name the name
		 * @param value the value
		 * @return this builder
		 */
		public Builder query(String name, @Nullable Object value) {
			if (value != null && !value.toString().isEmpty()) {
				this.query.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
			}
			return this;
		}

		/**
		 * Adds a comma-separated list parameter unless the list is empty.
		 * @param name the name
		 * @param values the values
		 * @return this builder
		 */
		public Builder query(String name, List<String> values) {
			return values.isEmpty() ? this : query(name, String.join(",", values));
		}

		/**
		 * Counts the request against the search limit.
		 * @return this builder
		 */
		public Builder search() {
			this.kind = RequestKind.SEARCH;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 */
		public HubSpotRequest build() {
			String fullPath = this.query.isEmpty() ? this.path : this.path + "?" + String.join("&", this.query);
			return new HubSpotRequest(this.operation, this.method, fullPath, this.body, this.kind);
		}

	}

}
