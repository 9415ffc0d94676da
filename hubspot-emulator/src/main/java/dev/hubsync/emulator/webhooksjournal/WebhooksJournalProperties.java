package dev.hubsync.emulator.webhooksjournal;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The webhooks journal ({@code emulator.webhooks-journal.*}). What the reference marks
 * uncertain (§3.4, §7 items 6 and 7) is a setting here, so readers can be tested against
 * each reading of it.
 *
 * @param retention how long entries are kept (HubSpot: about 3 days; tests compress it)
 * @param urlValidity how long an entry's pre-signed URL works
 * @param maxCount the largest {@code count} of batch reads (HubSpot: 100)
 * @param timeFormat how {@code publishedAt} and {@code occurredAt} are written in entry
 * files
 * @param includeSources whether entry events carry {@code changeSource} and
 * {@code sourceId} (undocumented; off by default, so echo detection cannot rely on them)
 * @param caughtUp how a read of the entry after the newest one answers (the head of the
 * journal)
 */
@ConfigurationProperties("emulator.webhooks-journal")
@Validated
public record WebhooksJournalProperties(@DefaultValue("3d") @NotNull Duration retention,
		@DefaultValue("5m") @NotNull Duration urlValidity, @DefaultValue("100") @Min(1) @Max(1000) int maxCount,
		@DefaultValue("ISO") @NotNull TimeFormat timeFormat, @DefaultValue("false") boolean includeSources,
		@DefaultValue("NO_CONTENT") @NotNull CaughtUp caughtUp) {

	/** How times are written in entry files. */
	public enum TimeFormat {

		/** ISO-8601 strings, {@code 2026-10-01T10:05:00.123Z}. */
		ISO,

		/** Epoch milliseconds as JSON numbers. */
		EPOCH_MILLIS

	}

	/** What {@code next} answers when nothing follows the offset. */
	public enum CaughtUp {

		/** 204 No Content (the beta-era client's observation). */
		NO_CONTENT,

		/** 200 with the offset and no {@code url}. */
		BODY_WITHOUT_URL

	}

}
