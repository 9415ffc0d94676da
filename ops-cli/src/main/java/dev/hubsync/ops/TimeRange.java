package dev.hubsync.ops;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.convert.DurationStyle;

/**
 * A time range of a replay: {@code --since 15m}, or {@code --from} with an optional
 * {@code --to}, as ISO-8601 instants with a zone.
 *
 * @param from the first instant, inclusive
 * @param to the last instant, exclusive; {@code null} for now
 */
record TimeRange(Instant from, @Nullable Instant to) {

	static TimeRange of(@Nullable String since, @Nullable String from, @Nullable String to, Instant now) {
		if ((since == null) == (from == null)) {
			throw new OpsException("give either --since or --from");
		}
		if (since != null) {
			if (to != null) {
				throw new OpsException("--to goes with --from, not with --since");
			}
			return new TimeRange(now.minus(duration(since)), null);
		}
		Instant start = instant("--from", from);
		Instant end = (to != null) ? instant("--to", to) : null;
		if (end != null && !end.isAfter(start)) {
			throw new OpsException("--to (" + end + ") must be after --from (" + start + ")");
		}
		return new TimeRange(start, end);
	}

	/**
	 * Parses a duration as the services read theirs (Spring Boot's
	 * {@code DurationStyle}): {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d},
	 * {@code 500ms}, or ISO-8601 ({@code PT15M}); a bare number is milliseconds.
	 */
	static Duration duration(String value) {
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new OpsException("'" + value + "' is not a duration: use 30s, 15m, 2h, 1d or ISO-8601 (PT15M)");
		}
		if (duration.isNegative() || duration.isZero()) {
			throw new OpsException("'" + value + "' is not a positive duration");
		}
		return duration;
	}

	private static Instant instant(String option, String value) {
		try {
			return java.time.OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new OpsException(option + " '" + value
					+ "' is not an ISO-8601 time with a zone, e.g. 2026-11-20T08:00:00Z or 2026-11-20T09:00:00+01:00");
		}
	}

}
