package dev.hubsync.emulator.ratelimit;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.hubsync.emulator.EmulatorProperties;
import org.jspecify.annotations.Nullable;

/**
 * Counts requests: per token in a rolling window, per portal per day, per portal searches
 * in a rolling second. Rejected requests are not counted.
 */
public final class RateLimiter {

	private final EmulatorProperties.RateLimit limits;

	private final long portalId;

	private final Clock clock;

	private final Map<String, Deque<Long>> windows = new ConcurrentHashMap<>();

	private final Deque<Long> searches = new ArrayDeque<>();

	private long dailyCount;

	private @Nullable LocalDate day;

	/**
	 * Creates the limiter.
	 * @param limits the limits
	 * @param portalId the portal
	 * @param clock the clock
	 */
	public RateLimiter(EmulatorProperties.RateLimit limits, long portalId, Clock clock) {
		this.limits = limits;
		this.portalId = portalId;
		this.clock = clock;
	}

	/**
	 * Decides about one request and counts it when allowed.
	 * @param token the caller's token
	 * @param search whether it is a search
	 * @return the decision
	 */
	public synchronized Decision check(String token, boolean search) {
		long now = this.clock.millis();
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), this.limits.dailyResetZone());
		if (!today.equals(this.day)) {
			this.day = today;
			this.dailyCount = 0;
		}
		if (this.dailyCount >= this.limits.daily()) {
			return new Decision(false, dailyBody(), Map.of());
		}
		if (search) {
			prune(this.searches, now - this.limits.searchWindow().toMillis());
			if (this.searches.size() >= this.limits.searchPerSecond()) {
				return new Decision(false, secondlyBody(), Map.of());
			}
			this.searches.addLast(now);
			this.dailyCount++;
			return new Decision(true, null, Map.of());
		}
		Deque<Long> window = this.windows.computeIfAbsent(token, (k) -> new ArrayDeque<>());
		prune(window, now - this.limits.window().toMillis());
		if (window.size() >= this.limits.tenSecondly()) {
			return new Decision(false, tenSecondlyBody(token), headers(0));
		}
		window.addLast(now);
		this.dailyCount++;
		return new Decision(true, null, headers(this.limits.tenSecondly() - window.size()));
	}

	/** Forgets every count. */
	public synchronized void reset() {
		this.windows.clear();
		this.searches.clear();
		this.dailyCount = 0;
	}

	/**
	 * Returns today's count, for the admin API.
	 * @return requests counted today
	 */
	public synchronized long dailyCount() {
		return this.dailyCount;
	}

	private Map<String, String> headers(long remaining) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("X-HubSpot-RateLimit-Max", String.valueOf(this.limits.tenSecondly()));
		headers.put("X-HubSpot-RateLimit-Remaining", String.valueOf(remaining));
		headers.put("X-HubSpot-RateLimit-Interval-Milliseconds", String.valueOf(this.limits.window().toMillis()));
		headers.put("X-HubSpot-RateLimit-Daily", String.valueOf(this.limits.daily()));
		headers.put("X-HubSpot-RateLimit-Daily-Remaining",
				String.valueOf(Math.max(0, this.limits.daily() - this.dailyCount)));
		return headers;
	}

	static Map<String, Object> tenSecondlyBody(String token) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "error");
		body.put("message", "You have reached your ten_secondly_rolling limit.");
		body.put("errorType", "RATE_LIMIT");
		body.put("correlationId", UUID.randomUUID().toString());
		body.put("policyName", "TEN_SECONDLY_ROLLING");
		body.put("groupName", "api-calls-burst:" + Integer.toHexString(token.hashCode()));
		return body;
	}

	private Map<String, Object> dailyBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "error");
		body.put("message", "You have reached your daily limit.");
		body.put("errorType", "RATE_LIMIT");
		body.put("correlationId", UUID.randomUUID().toString());
		body.put("policyName", "DAILY");
		body.put("groupName", "api-calls-daily:" + this.portalId);
		body.put("requestId", UUID.randomUUID().toString());
		return body;
	}

	private static Map<String, Object> secondlyBody() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "error");
		body.put("message", "You have reached your secondly limit.");
		body.put("errorType", "RATE_LIMIT");
		body.put("correlationId", UUID.randomUUID().toString());
		body.put("category", "RATE_LIMITS");
		return body;
	}

	private static void prune(Deque<Long> window, long oldest) {
		while (!window.isEmpty() && window.peekFirst() <= oldest) {
			window.pollFirst();
		}
	}

	/**
	 * A decision.
	 *
	 * @param allowed whether the request may proceed
	 * @param body the 429 body when not
	 * @param headers rate-limit headers to send either way
	 */
	public record Decision(boolean allowed, @Nullable Map<String, Object> body, Map<String, String> headers) {
	}

}
