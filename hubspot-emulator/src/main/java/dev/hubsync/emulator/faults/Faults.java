package dev.hubsync.emulator.faults;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.hubsync.emulator.web.ApiVersions;
import org.jspecify.annotations.Nullable;

/** The faults in force. */
public final class Faults {

	private final Clock clock;

	private volatile List<ActiveRule> rules = List.of();

	private volatile @Nullable Storm storm;

	private volatile boolean ignoreTraceIds;

	private final AtomicInteger answersHeld = new AtomicInteger();

	/**
	 * Creates an empty fault set.
	 * @param clock the clock
	 */
	public Faults(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Replaces the faults.
	 * @param newRules per-path rules
	 * @param storm429 a 429 storm, or {@code null}
	 */
	public void set(List<Rule> newRules, @Nullable StormSpec storm429) {
		set(newRules, storm429, false);
	}

	/**
	 * Replaces the faults.
	 * @param newRules per-path rules
	 * @param storm429 a 429 storm, or {@code null}
	 * @param ignoreTraceIds whether batch writes refuse the whole batch for one bad input
	 * even when every input carries an {@code objectWriteTraceId} (as HubSpot does
	 * without them), so a client's bisection can be exercised
	 */
	public void set(List<Rule> newRules, @Nullable StormSpec storm429, boolean ignoreTraceIds) {
		this.ignoreTraceIds = ignoreTraceIds;
		this.rules = newRules.stream().map(ActiveRule::new).toList();
		this.storm = (storm429 != null)
				? new Storm(new AtomicInteger((storm429.requests() != null) ? storm429.requests() : Integer.MAX_VALUE),
						(storm429.durationMs() != null) ? this.clock.instant().plusMillis(storm429.durationMs()) : null)
				: null;
	}

	/**
	 * Counts a request handled whose answer is now held back by an answer latency.
	 */
	public void answerHeld() {
		this.answersHeld.incrementAndGet();
	}

	/**
	 * Returns how many requests were handled with their answers held back since the
	 * emulator started: a test can act in the window between HubSpot's handling of a
	 * request and the caller's receipt of its answer.
	 * @return the count
	 */
	public int answersHeld() {
		return this.answersHeld.get();
	}

	/** Clears every fault. */
	public void clear() {
		this.ignoreTraceIds = false;
		this.rules = List.of();
		this.storm = null;
	}

	/**
	 * Tells whether batch writes ignore trace ids (and refuse whole batches).
	 * @return whether they do
	 */
	public boolean ignoresTraceIds() {
		return this.ignoreTraceIds;
	}

	/**
	 * Tells whether this request falls in a 429 storm (and counts it).
	 * @return whether to answer 429
	 */
	public boolean storming() {
		Storm current = this.storm;
		if (current == null) {
			return false;
		}
		if (current.until() != null && this.clock.instant().isAfter(current.until())) {
			return false;
		}
		return current.remaining().getAndDecrement() > 0;
	}

	/**
	 * Finds the rule that applies to a request, consuming one of its counted uses. A rule
	 * written for a legacy path ({@code /crm/v3/objects/contacts/batch/upsert}) also
	 * matches the dated equivalent ({@code /crm/objects/2026-09/contacts/batch/upsert}).
	 * @param method the HTTP method
	 * @param path the path
	 * @return the rule
	 */
	public Optional<Rule> match(String method, String path) {
		for (ActiveRule active : this.rules) {
			Rule rule = active.rule();
			if ((rule.method() == null || rule.method().equalsIgnoreCase(method))
					&& (glob(rule.path(), path) || glob(rule.path(), ApiVersions.legacy(path)))) {
				if (rule.count() != null && active.used().getAndIncrement() >= rule.count()) {
					continue;
				}
				return Optional.of(rule);
			}
		}
		return Optional.empty();
	}

	/**
	 * Tells whether a matched rule's error fires for this request.
	 * @param rule the rule
	 * @return whether to answer with its error
	 */
	public static boolean fires(Rule rule) {
		return rule.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < rule.errorRate();
	}

	private static boolean glob(@Nullable String pattern, String path) {
		if (pattern == null || pattern.isEmpty() || "*".equals(pattern)) {
			return true;
		}
		String regex = "\\Q" + pattern.replace("**", "\u0000").replace("*", "\\E[^/]*\\Q").replace("\u0000", "\\E.*\\Q")
				+ "\\E";
		return path.matches(regex);
	}

	/**
	 * A fault on requests matching a path.
	 *
	 * @param method the method, or any
	 * @param path a glob ({@code *} one segment, {@code **} any), or any
	 * @param errorRate the share of matching requests that fail
	 * @param status the status they fail with (500 by default; 423 and 477 have HubSpot's
	 * meanings)
	 * @param latencyMs latency added to every matching request
	 * @param count how many matching requests the rule applies to, or every one
	 * @param policyName for 429s, the limit HubSpot names ({@code DAILY} or
	 * {@code TEN_SECONDLY_ROLLING}, the default)
	 * @param retryAfterSeconds a {@code Retry-After} header to send, if any
	 * @param answerLatencyMs latency added after a matching request was handled, before
	 * its answer leaves: what the caller reads is older than the record by then (a slow
	 * network on the way back)
	 */
	public record Rule(@Nullable String method, @Nullable String path, double errorRate, @Nullable Integer status,
			@Nullable Long latencyMs, @Nullable Integer count, @Nullable String policyName,
			@Nullable Integer retryAfterSeconds, @Nullable Long answerLatencyMs) {
	}

	/**
	 * A 429 storm: every API call answers {@code TEN_SECONDLY_ROLLING} 429s.
	 *
	 * @param requests for this many requests, or
	 * @param durationMs for this long
	 */
	public record StormSpec(@Nullable Integer requests, @Nullable Long durationMs) {
	}

	private record ActiveRule(Rule rule, AtomicInteger used) {

		ActiveRule(Rule rule) {
			this(rule, new AtomicInteger());
		}

	}

	private record Storm(AtomicInteger remaining, @Nullable Instant until) {
	}

}
