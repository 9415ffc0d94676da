package dev.hubsync.ingress;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.hubsync.hubspot.signature.SignatureVersion;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The ingress's configuration ({@code hubsync.ingress.*}).
 *
 * @param path the endpoint's path
 * @param publicBaseUrl the scheme, host and port HubSpot calls, e.g.
 * {@code https://hooks.example.com}; the signed URL is this + the request's path + its
 * query string
 * @param trustForwardedHeaders whether to take scheme, host and port from
 * {@code Forwarded} / {@code X-Forwarded-*} headers instead (only behind a proxy that
 * sets them)
 * @param clientSecrets the app's client secrets, current first; several during a rotation
 * @param signatureVersions the signature versions accepted ({@code v3};
 * {@code v1}/{@code v2} for apps configured so)
 * @param maxTimestampAge how old a v3 timestamp may be (HubSpot: 5 minutes)
 * @param maxClockSkew how far in the future a v3 timestamp may be
 * @param maxBodySize the largest body accepted (413 beyond): HubSpot sends at most 100
 * events a request, a few hundred bytes each unless a long text value changed
 * @param maxEvents the most events a request may hold (HubSpot's batches: 100); 413
 * beyond
 * @param maxBufferedBytes how many body bytes all requests together may hold in memory
 * while they are read; a request that would exceed it is answered 503 (HubSpot retries),
 * so a flood of large requests cannot fill the heap
 * @param portalIds the HubSpot portal(s) whose events are accepted; an event of another
 * portal is dead-lettered with the reason (empty: every portal, with a warning at start)
 * @param publishTimeout how long to wait for Kafka's acknowledgements before answering
 * 503 (well under HubSpot's 5 s)
 * @param partitions partitions of the events topic when the ingress creates it
 * @param mode how changes come in: {@code webhooks} (default), {@code journal} (the
 * webhooks journal only, no endpoint; the first client secret is the app's OAuth client
 * secret) or {@code both}
 */
@ConfigurationProperties("hubsync.ingress")
@Validated
public record IngressProperties(@DefaultValue("/webhooks/hubspot") @NotEmpty String path,
		@DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
		@DefaultValue("false") boolean trustForwardedHeaders, @NotEmpty List<String> clientSecrets,
		@DefaultValue("v3") @NotEmpty List<SignatureVersion> signatureVersions,
		@DefaultValue("5m") @NotNull Duration maxTimestampAge, @DefaultValue("1m") @NotNull Duration maxClockSkew,
		@DefaultValue("4MB") @NotNull DataSize maxBodySize, @DefaultValue("100") @Min(1) int maxEvents,
		@DefaultValue("64MB") @NotNull DataSize maxBufferedBytes, @DefaultValue List<Long> portalIds,
		@DefaultValue("3s") @NotNull Duration publishTimeout, @DefaultValue("6") @Min(1) int partitions,
		@DefaultValue("webhooks") @NotNull IngressMode mode) {

	/**
	 * Checks that every request of the largest size can be buffered.
	 * @return whether the buffer budget holds at least one largest body
	 */
	@AssertTrue(message = "hubsync.ingress.max-buffered-bytes must be at least hubsync.ingress.max-body-size")
	public boolean isBufferBudgetEnough() {
		return this.maxBodySize == null || this.maxBufferedBytes == null
				|| this.maxBufferedBytes.toBytes() >= this.maxBodySize.toBytes();
	}

	/**
	 * Checks that the public base URL is scheme, host and port only (ARCHITECTURE §12).
	 * @return whether it is
	 */
	@AssertTrue(message = "hubsync.ingress.public-base-url must be scheme://host[:port] only, without a path or query")
	public boolean isPublicBaseUrlBare() {
		return this.publicBaseUrl != null && this.publicBaseUrl.getScheme() != null
				&& this.publicBaseUrl.getHost() != null && (this.publicBaseUrl.getRawPath() == null
						|| this.publicBaseUrl.getRawPath().isEmpty() || "/".equals(this.publicBaseUrl.getRawPath()))
				&& this.publicBaseUrl.getRawQuery() == null;
	}

}
