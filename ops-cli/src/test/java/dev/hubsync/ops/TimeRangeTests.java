package dev.hubsync.ops;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TimeRangeTests {

	private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

	@Test
	void durationsInSecondsMinutesHoursAndDays() {
		assertThat(TimeRange.duration("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(TimeRange.duration("15m")).isEqualTo(Duration.ofMinutes(15));
		assertThat(TimeRange.duration(" 2h ")).isEqualTo(Duration.ofHours(2));
		assertThat(TimeRange.duration("1d")).isEqualTo(Duration.ofDays(1));
		// as the services read theirs: milliseconds and ISO-8601 too
		assertThat(TimeRange.duration("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(TimeRange.duration("PT15M")).isEqualTo(Duration.ofMinutes(15));
		assertThatExceptionOfType(OpsException.class).isThrownBy(() -> TimeRange.duration("15 minutes"))
			.withMessageContaining("use 30s, 15m, 2h, 1d or ISO-8601 (PT15M)");
		assertThatExceptionOfType(OpsException.class).isThrownBy(() -> TimeRange.duration("0s"))
			.withMessageContaining("not a positive duration");
	}

	@Test
	void sinceEndsNowAndFromToIsATimeWithAZone() {
		assertThat(TimeRange.of("15m", null, null, NOW))
			.isEqualTo(new TimeRange(Instant.parse("2026-11-20T09:45:00Z"), null));
		assertThat(TimeRange.of(null, "2026-11-20T09:00:00+01:00", "2026-11-20T08:30:00Z", NOW))
			.isEqualTo(new TimeRange(Instant.parse("2026-11-20T08:00:00Z"), Instant.parse("2026-11-20T08:30:00Z")));
	}

	@Test
	void aRangeIsOneOfTheTwoFormsAndEndsAfterItStarts() {
		assertThatExceptionOfType(OpsException.class).isThrownBy(() -> TimeRange.of(null, null, null, NOW))
			.withMessage("give either --since or --from");
		assertThatExceptionOfType(OpsException.class)
			.isThrownBy(() -> TimeRange.of("15m", "2026-11-20T08:00:00Z", null, NOW))
			.withMessage("give either --since or --from");
		assertThatExceptionOfType(OpsException.class)
			.isThrownBy(() -> TimeRange.of("15m", null, "2026-11-20T08:00:00Z", NOW))
			.withMessageContaining("--to goes with --from");
		assertThatExceptionOfType(OpsException.class)
			.isThrownBy(() -> TimeRange.of(null, "2026-11-20T08:00:00", null, NOW))
			.withMessageContaining("not an ISO-8601 time with a zone");
		assertThatExceptionOfType(OpsException.class)
			.isThrownBy(() -> TimeRange.of(null, "2026-11-20T08:00:00Z", "2026-11-20T07:00:00Z", NOW))
			.withMessageContaining("must be after --from");
	}

}
