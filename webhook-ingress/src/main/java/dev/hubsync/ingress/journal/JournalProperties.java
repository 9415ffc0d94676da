package dev.hubsync.ingress.journal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

import dev.hubsync.hubspot.journal.JournalClient;
import dev.hubsync.hubspot.transport.ApiPaths;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The webhooks-journal reader ({@code hubsync.ingress.journal.*}), used in modes
 * {@code journal} and {@code both}. The app's client secret is the first of
 * {@code hubsync.ingress.client-secrets} (HubSpot's app secret both signs webhooks and
 * authenticates the app).
 *
 * @param baseUrl HubSpot's API (the emulator: {@code http://localhost:8090}); https
 * unless loopback
 * @param clientId the app's client id (required in modes {@code journal} and
 * {@code both})
 * @param apiVersion the journal's API version ({@code 2026-03}; {@code 2026-09} and
 * {@code 2027-03-beta} exist)
 * @param variant {@code local} (one install's journal, {@code installPortalId}) or
 * {@code global} (every installing portal's)
 * @param installPortalId the install's portal for the local journal; the first of
 * {@code hubsync.ingress.portal-ids} when unset
 * @param batchSize entries read per call (HubSpot: 1–100)
 * @param pollInterval how long to wait when caught up
 * @param retryBackoff how long to wait after a failed batch before reading it again
 * @param tokenRefreshBefore how long before its expiry the client-credentials token is
 * renewed
 * @param requestTimeout one HubSpot call's bound
 * @param dedupeWindow mode {@code both}: how long a change waits for its twin from the
 * other path before it counts as missed by that path (longer than the journal's lag and
 * HubSpot's webhook retries that matter)
 * @param retention HubSpot's journal retention (3 days), to tell what may be lost when
 * the reader has no entry time of its own
 */
@ConfigurationProperties("hubsync.ingress.journal")
@Validated
public record JournalProperties(@DefaultValue("https://api.hubapi.com") @NotNull URI baseUrl, @Nullable String clientId,
		@DefaultValue(ApiPaths.EARLIER_VERSION) @NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])(-beta)?",
				message = "must be a dated version like 2026-03") String apiVersion,
		@DefaultValue("local") @NotNull JournalClient.Variant variant, @Nullable Long installPortalId,
		@DefaultValue("100") @Min(1) @Max(100) int batchSize, @DefaultValue("1s") @NotNull Duration pollInterval,
		@DefaultValue("5s") @NotNull Duration retryBackoff, @DefaultValue("5m") @NotNull Duration tokenRefreshBefore,
		@DefaultValue("10s") @NotNull Duration requestTimeout, @DefaultValue("10m") @NotNull Duration dedupeWindow,
		@DefaultValue("3d") @NotNull Duration retention) {

	/**
	 * Checks that the token travels over HTTPS, or to a loopback address.
	 * @return whether the base URL is HTTPS or loopback
	 */
	@AssertTrue(message = "hubsync.ingress.journal.base-url must use https unless it points at a loopback address")
	public boolean isBaseUrlSafe() {
		if (this.baseUrl == null || "https".equalsIgnoreCase(this.baseUrl.getScheme())) {
			return true;
		}
		try {
			return this.baseUrl.getHost() != null && ("localhost".equalsIgnoreCase(this.baseUrl.getHost())
					|| InetAddress.getByName(this.baseUrl.getHost()).isLoopbackAddress());
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
