package dev.hubsync.hubspot.ratelimit;

import java.net.http.HttpHeaders;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;

/**
 * HubSpot's {@code X-HubSpot-RateLimit-*} response headers. Search responses and OAuth
 * calls omit some or all of them.
 *
 * @param max requests allowed in the window
 * @param remaining requests left in the window
 * @param intervalMillis the window
 * @param daily requests allowed per day
 * @param dailyRemaining requests left today
 */
public record RateLimitHeaders(@Nullable Long max, @Nullable Long remaining, @Nullable Long intervalMillis,
		@Nullable Long daily, @Nullable Long dailyRemaining) {

	/** Prefix of every rate-limit header. */
	public static final String PREFIX = "X-HubSpot-RateLimit-";

	/**
	 * Reads the headers of a response.
	 * @param headers the response headers
	 * @return what they say; all {@code null} when absent
	 */
	public static RateLimitHeaders of(HttpHeaders headers) {
		return new RateLimitHeaders(value(headers, "Max"), value(headers, "Remaining"),
				value(headers, "Interval-Milliseconds"), value(headers, "Daily"), value(headers, "Daily-Remaining"));
	}

	/**
	 * Tells whether any header was present.
	 * @return whether there is something to learn
	 */
	public boolean present() {
		return this.remaining != null || this.dailyRemaining != null;
	}

	private static @Nullable Long value(HttpHeaders headers, String name) {
		OptionalLong value = headers.firstValueAsLong(PREFIX + name);
		return value.isPresent() ? value.getAsLong() : null;
	}

}
