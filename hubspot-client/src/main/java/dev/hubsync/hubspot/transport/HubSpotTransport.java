package dev.hubsync.hubspot.transport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import dev.hubsync.hubspot.error.HubSpotAuthenticationException;
import dev.hubsync.hubspot.error.HubSpotClientException;
import dev.hubsync.hubspot.error.HubSpotConflictException;
import dev.hubsync.hubspot.error.HubSpotError;
import dev.hubsync.hubspot.error.HubSpotException;
import dev.hubsync.hubspot.error.HubSpotNotFoundException;
import dev.hubsync.hubspot.error.HubSpotPauseException;
import dev.hubsync.hubspot.error.HubSpotRetryableException;
import dev.hubsync.hubspot.ratelimit.Lane;
import dev.hubsync.hubspot.ratelimit.RateBudget;
import dev.hubsync.hubspot.ratelimit.RateLimitHeaders;
import dev.hubsync.hubspot.ratelimit.RequestKind;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends {@link HubSpotRequest}s: takes the rate budget, sends, learns from the rate-limit
 * headers, and turns failures into the typed exceptions of
 * {@code dev.hubsync.hubspot.error}. Retryable failures are retried here (Resilience4j
 * {@link Retry}) with jittered exponential backoff, never shorter than a
 * {@code Retry-After}; what is still failing after the last attempt, and every pause
 * signal, reaches the caller.
 */
public final class HubSpotTransport {

	private static final Logger logger = LoggerFactory.getLogger(HubSpotTransport.class);

	private static final String SECONDLY_MESSAGE = "secondly limit";

	private final HttpClient http;

	private final JsonMapper json;

	private final URI baseUrl;

	private final TokenProvider tokens;

	private final RateBudget budget;

	private final RetrySettings retrySettings;

	private final Duration requestTimeout;

	private final Clock clock;

	private final CallObserver observer;

	private final Retry retry;

	private final ApiPaths paths;

	/**
	 * Creates a transport.
	 * @param http the HTTP client
	 * @param json the JSON mapper
	 * @param baseUrl HubSpot's base URL (or the emulator's)
	 * @param tokens the token provider
	 * @param budget the rate budget
	 * @param retrySettings the retry settings
	 * @param requestTimeout the timeout of one attempt
	 * @param clock the clock
	 * @param observer sees every exchange
	 * @param paths the paths of the configured API versions
	 */
	public HubSpotTransport(HttpClient http, JsonMapper json, URI baseUrl, TokenProvider tokens, RateBudget budget,
			RetrySettings retrySettings, Duration requestTimeout, Clock clock, CallObserver observer, ApiPaths paths) {
		this.http = http;
		this.paths = paths;
		this.json = json;
		this.baseUrl = baseUrl;
		this.tokens = tokens;
		this.budget = budget;
		this.retrySettings = retrySettings;
		this.requestTimeout = requestTimeout;
		this.clock = clock;
		this.observer = observer;
		this.retry = Retry.of("hubspot",
				RetryConfig.<HubSpotResponse>custom()
					.maxAttempts(retrySettings.maxAttempts())
					.retryOnException(HubSpotRetryableException.class::isInstance)
					.intervalBiFunction(this::waitBefore)
					.failAfterMaxAttempts(false)
					.build());
	}

	/**
	 * Returns the JSON mapper requests and responses use.
	 * @return the mapper
	 */
	public JsonMapper json() {
		return this.json;
	}

	/**
	 * Returns the paths of the API versions this transport calls.
	 * @return the paths
	 */
	public ApiPaths paths() {
		return this.paths;
	}

	/**
	 * Returns the rate budget.
	 * @return the budget
	 */
	public RateBudget budget() {
		return this.budget;
	}

	/**
	 * Sends a request, retrying transient failures.
	 * @param request the request
	 * @param lane the caller's lane
	 * @return the successful response
	 * @throws HubSpotException when it fails for good, or must pause
	 */
	public HubSpotResponse send(HubSpotRequest request, Lane lane) {
		int[] attempt = { 0 };
		return this.retry.executeSupplier(() -> {
			attempt[0]++;
			try {
				return attempt(request, lane);
			}
			catch (HubSpotRetryableException ex) {
				if (attempt[0] < this.retrySettings.maxAttempts()) {
					logger.warn("HubSpot {} {}: attempt {} of {} failed ({}); retrying", request.method(),
							request.operation(), attempt[0], this.retrySettings.maxAttempts(), ex.getMessage());
				}
				else {
					logger.warn("HubSpot {} {}: attempt {} of {} failed ({}); giving up", request.method(),
							request.operation(), attempt[0], this.retrySettings.maxAttempts(), ex.getMessage());
				}
				throw ex;
			}
		});
	}

	/**
	 * Sends a request and reads its JSON body.
	 * @param <T> the body's type
	 * @param request the request
	 * @param lane the caller's lane
	 * @param type the body's type
	 * @return the body
	 */
	public <T> T send(HubSpotRequest request, Lane lane, Class<T> type) {
		return read(send(request, lane), type);
	}

	/**
	 * Reads a response body.
	 * @param <T> the body's type
	 * @param response the response
	 * @param type the type
	 * @return the body
	 */
	public <T> T read(HubSpotResponse response, Class<T> type) {
		try {
			return this.json.readValue(response.body(), type);
		}
		catch (JacksonException ex) {
			throw new HubSpotClientException(
					"HubSpot answered with a body this client cannot read: " + ex.getOriginalMessage(),
					response.status(), null);
		}
	}

	/**
	 * Downloads a pre-signed URL (a journal entry file) without the token, outside the
	 * rate budget (such downloads do not count against HubSpot's limits), retrying only
	 * when no answer came.
	 * @param url the URL
	 * @return the answer, whatever its status
	 */
	public HubSpotResponse download(URI url) {
		HttpRequest request = HttpRequest.newBuilder(url).timeout(this.requestTimeout).GET().build();
		for (int attempt = 1;; attempt++) {
			try {
				HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
				return new HubSpotResponse(response.statusCode(), response.headers(), response.body());
			}
			catch (IOException ex) {
				if (attempt >= this.retrySettings.maxAttempts()) {
					throw new HubSpotRetryableException("no response for " + url.getPath() + ": " + ex, 0, null, null,
							ex);
				}
				logger.warn("Download of {}: attempt {} of {} failed ({}); retrying", url.getPath(), attempt,
						this.retrySettings.maxAttempts(), ex.toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted while downloading " + url.getPath(), ex);
			}
		}
	}

	private HubSpotResponse attempt(HubSpotRequest request, Lane lane) {
		try {
			this.budget.acquire(request.kind(), lane);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while waiting for the HubSpot rate budget", ex);
		}
		HttpResponse<byte[]> response = exchange(request, this.tokens.accessToken());
		if (response.statusCode() == 401 && this.tokens.refreshAfterUnauthorized()) {
			response = exchange(request, this.tokens.accessToken());
		}
		if (request.kind() == RequestKind.STANDARD) {
			this.budget.observe(RateLimitHeaders.of(response.headers()));
		}
		int status = response.statusCode();
		if (status >= 200 && status < 300) {
			return new HubSpotResponse(status, response.headers(), response.body());
		}
		throw failure(request, status, response.headers(), response.body());
	}

	private HttpResponse<byte[]> exchange(HubSpotRequest request, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(this.baseUrl.resolve(request.path()))
			.timeout(this.requestTimeout)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json");
		if (request.body() != null) {
			builder.header("Content-Type", "application/json")
				.method(request.method(),
						HttpRequest.BodyPublishers.ofByteArray(this.json.writeValueAsBytes(request.body())));
		}
		else {
			builder.method(request.method(), HttpRequest.BodyPublishers.noBody());
		}
		long began = System.nanoTime();
		try {
			HttpResponse<byte[]> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			this.observer.exchanged(request.operation(), response.statusCode(), System.nanoTime() - began);
			return response;
		}
		catch (IOException ex) {
			this.observer.exchanged(request.operation(), 0, System.nanoTime() - began);
			throw new HubSpotRetryableException("no response from HubSpot: " + ex, 0, null, null, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while calling HubSpot", ex);
		}
	}

	private HubSpotException failure(HubSpotRequest request, int status, HttpHeaders headers, byte[] body) {
		HubSpotError error = error(body);
		String described = (error != null) ? error.describe() : null;
		String message = "HubSpot " + request.method() + " " + request.operation() + " answered " + status
				+ ((described != null) ? ": " + described : "");
		Duration retryAfter = retryAfter(headers);
		if (status == 429) {
			return rateLimited(request, error, message, retryAfter);
		}
		if (status == 423) {
			Duration wait = (retryAfter != null && retryAfter.toMillis() > 2000) ? retryAfter : Duration.ofSeconds(2);
			return new HubSpotPauseException(message, status, error, HubSpotPauseException.Reason.LOCKED,
					this.clock.instant().plus(wait));
		}
		if (status == 477) {
			Duration wait = (retryAfter != null) ? retryAfter : Duration.ofMinutes(5);
			return new HubSpotPauseException(message, status, error, HubSpotPauseException.Reason.MIGRATING,
					this.clock.instant().plus(wait));
		}
		if (status >= 500 || status == 408) {
			return new HubSpotRetryableException(message, status, error, retryAfter, null);
		}
		return switch (status) {
			case 401 -> new HubSpotAuthenticationException(message, error);
			case 404 -> new HubSpotNotFoundException(message, error);
			case 409 -> new HubSpotConflictException(message, error);
			default -> new HubSpotClientException(message, status, error);
		};
	}

	private HubSpotException rateLimited(HubSpotRequest request, @Nullable HubSpotError error, String message,
			@Nullable Duration retryAfter) {
		String policy = (error != null) ? error.policyName() : null;
		if ("DAILY".equalsIgnoreCase(policy)) {
			Instant until = (retryAfter != null) ? this.clock.instant().plus(retryAfter) : nextUtcMidnight();
			return new HubSpotPauseException(message, 429, error, HubSpotPauseException.Reason.DAILY_LIMIT, until);
		}
		boolean secondly = error != null && error.message() != null && error.message().contains(SECONDLY_MESSAGE);
		RequestKind kind = (secondly || request.kind() == RequestKind.SEARCH) ? RequestKind.SEARCH
				: RequestKind.STANDARD;
		this.budget.exhausted(kind);
		Duration wait = (retryAfter != null) ? retryAfter : (secondly ? Duration.ofSeconds(1) : null);
		return new HubSpotRetryableException(message, 429, error, wait, null);
	}

	private long waitBefore(int attempt, Either<Throwable, HubSpotResponse> outcome) {
		long nominal = this.retrySettings.nominal(attempt).toMillis();
		long jittered = nominal
				- (long) (nominal * this.retrySettings.jitter() * ThreadLocalRandom.current().nextDouble());
		if (outcome.isLeft() && outcome.getLeft() instanceof HubSpotRetryableException retryable
				&& retryable.retryAfter() != null) {
			return Math.max(jittered, retryable.retryAfter().toMillis());
		}
		return Math.max(1, jittered);
	}

	private Instant nextUtcMidnight() {
		return this.clock.instant()
			.atZone(java.time.ZoneOffset.UTC)
			.toLocalDate()
			.plusDays(1)
			.atStartOfDay(java.time.ZoneOffset.UTC)
			.toInstant();
	}

	private @Nullable HubSpotError error(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			return this.json.readValue(body, HubSpotError.class);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.firstValue("Retry-After").orElse(null);
		if (value == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(Long.parseLong(value.trim()));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
