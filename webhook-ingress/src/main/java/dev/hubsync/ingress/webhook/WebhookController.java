package dev.hubsync.ingress.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import dev.hubsync.hubspot.signature.SignatureVerifier;
import dev.hubsync.hubspot.signature.SignedRequest;
import dev.hubsync.hubspot.signature.Verification;
import dev.hubsync.ingress.IngressMode;
import dev.hubsync.ingress.IngressProperties;
import dev.hubsync.ingress.dedupe.DeliveryPath;
import dev.hubsync.ingress.dedupe.PathDeduplicator;
import dev.hubsync.ingress.observability.IngressMetrics;
import dev.hubsync.ingress.observability.IngressMetrics.Outcome;
import dev.hubsync.ingress.publishing.EventPublisher;
import dev.hubsync.ingress.publishing.KafkaUnavailableException;
import dev.hubsync.ingress.publishing.PublishResult;
import dev.hubsync.ingress.publishing.Slice;
import dev.hubsync.ingress.signature.SignedUrl;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/hubspot}: 415 for a body that is not JSON, 401 without signature
 * headers or with a stale timestamp (before the body is read), 413 over the size limit or
 * the event limit, 401 without a valid signature, 400 for a body that is not a JSON
 * array, 503 when Kafka does not acknowledge in time or too many bodies are being read at
 * once, 200 otherwise — an empty array included, malformed events and events of another
 * portal dead-lettered. Nothing of a rejected request reaches Kafka; refusals are logged
 * at most once per 10 s and never repeat the request's own text.
 */
@RestController
@Conditional(WebhookController.OnWebhooks.class)
class WebhookController {

	private static final Logger logger = LoggerFactory.getLogger(WebhookController.class);

	private final IngressProperties properties;

	private final SignatureVerifier verifier;

	private final SignedUrl signedUrl;

	private final EventPublisher publisher;

	private final IngressMetrics metrics;

	private final JsonMapper json;

	private final Set<Long> portals;

	private final RejectionLog rejections;

	private final PathDeduplicator dedupe;

	/**
	 * The body bytes every request being handled holds (bounded by max-buffered-bytes).
	 */
	private final AtomicLong buffered = new AtomicLong();

	WebhookController(IngressProperties properties, SignatureVerifier verifier, SignedUrl signedUrl,
			EventPublisher publisher, IngressMetrics metrics, JsonMapper json, PathDeduplicator dedupe) {
		this.dedupe = dedupe;
		this.properties = properties;
		this.verifier = verifier;
		this.signedUrl = signedUrl;
		this.publisher = publisher;
		this.metrics = metrics;
		this.json = json;
		this.portals = Set.copyOf(properties.portalIds());
		this.rejections = new RejectionLog(Clock.systemUTC(), Duration.ofSeconds(10));
		if (this.portals.isEmpty()) {
			logger.warn("hubsync.ingress.portal-ids is empty: events of every HubSpot portal are accepted;"
					+ " set it to the portal(s) HubSync serves");
		}
	}

	@PostMapping("${hubsync.ingress.path:/webhooks/hubspot}")
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		if (!isJson(request.getContentType())) {
			return reject(Outcome.UNSUPPORTED_MEDIA_TYPE, 415, "unsupported_media_type",
					"the body must be application/json");
		}
		// the signature headers first: a request without them, or with a stale
		// timestamp, is refused before a byte of its body is read
		Optional<Verification.Rejected> screened = this.verifier.screen(request::getHeader);
		if (screened.isPresent()) {
			return rejectSignature(screened.get());
		}
		Buffered buffered = new Buffered();
		try {
			return receive(request, buffered);
		}
		finally {
			this.buffered.addAndGet(-buffered.reserved);
		}
	}

	private ResponseEntity<Map<String, Object>> receive(HttpServletRequest request, Buffered buffered)
			throws IOException {
		long limit = this.properties.maxBodySize().toBytes();
		byte[] body = read(request, limit, buffered);
		if (body == null) {
			return buffered.busy
					? reject(Outcome.UNAVAILABLE, 503, "busy",
							"too many request bodies are being read at once; retry later")
					: reject(Outcome.TOO_LARGE, 413, "too_large", "the body is larger than " + limit + " bytes");
		}
		Verification verification = this.verifier
			.verify(SignedRequest.of(request.getMethod(), this.signedUrl.of(request), body, request::getHeader));
		if (verification instanceof Verification.Rejected rejected) {
			return rejectSignature(rejected);
		}
		List<Slice> slices;
		try {
			slices = WebhookBody.parse(body, this.json);
		}
		catch (WebhookBody.NotAJsonArrayException ex) {
			return reject(Outcome.MALFORMED, 400, "malformed", ex.getMessage());
		}
		if (slices.size() > this.properties.maxEvents()) {
			return reject(Outcome.TOO_LARGE, 413, "too_many_events", "the body holds " + slices.size()
					+ " events; at most " + this.properties.maxEvents() + " are accepted in one request");
		}
		slices = this.dedupe.undelivered(onlyConfiguredPortals(slices), DeliveryPath.WEBHOOKS);
		long began = System.nanoTime();
		PublishResult result;
		try {
			result = this.publisher.publish(slices, ((Verification.Verified) verification).version(),
					this.properties.publishTimeout());
		}
		catch (KafkaUnavailableException ex) {
			this.dedupe.failed(slices, DeliveryPath.WEBHOOKS);
			logger.warn("Answering 503 to HubSpot so it retries: {}", ex.getMessage());
			return reject(Outcome.UNAVAILABLE, 503, "unavailable", "events could not be stored; retry later");
		}
		this.metrics.published(result, System.nanoTime() - began);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "accepted");
		answer.put("events", result.accepted());
		answer.put("deadLettered", result.deadLettered());
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
	}

	/**
	 * An event of a portal HubSync does not serve is set aside with the reason (the
	 * request is genuine, so HubSpot must not retry it; the other events flow).
	 */
	private List<Slice> onlyConfiguredPortals(List<Slice> slices) {
		if (this.portals.isEmpty()) {
			return slices;
		}
		List<Slice> checked = new ArrayList<>(slices.size());
		for (Slice slice : slices) {
			if (slice instanceof Slice.Event event && !this.portals.contains(event.event().key().portalId())) {
				checked.add(new Slice.Malformed(event.event().raw().getBytes(StandardCharsets.UTF_8),
						"portal " + event.event().key().portalId() + " is not one of hubsync.ingress.portal-ids"));
			}
			else {
				checked.add(slice);
			}
		}
		return checked;
	}

	private ResponseEntity<Map<String, Object>> rejectSignature(Verification.Rejected rejected) {
		Outcome outcome = (rejected.reason() == Verification.Reason.STALE_TIMESTAMP) ? Outcome.STALE
				: Outcome.BAD_SIGNATURE;
		return reject(outcome, 401, rejected.reason().name().toLowerCase(java.util.Locale.ROOT), rejected.message());
	}

	private ResponseEntity<Map<String, Object>> reject(Outcome outcome, int status, String error, String message) {
		this.metrics.rejected(outcome);
		this.rejections.refused(status, message);
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("status", "rejected", "error", error, "message", message));
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			MediaType type = MediaType.parseMediaType(contentType);
			return MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardSubtype();
		}
		catch (org.springframework.http.InvalidMediaTypeException ex) {
			return false;
		}
	}

	/**
	 * Reads at most {@code limit} bytes into a buffer that grows as bytes arrive (never
	 * sized from the client's {@code Content-Length}), each chunk reserved from the
	 * budget all requests share; {@code null} when the body is larger than the limit or
	 * the budget is spent ({@link Buffered#busy}).
	 */
	private byte @Nullable [] read(HttpServletRequest request, long limit, Buffered buffered) throws IOException {
		if (request.getContentLengthLong() > limit) {
			return null;
		}
		long budget = this.properties.maxBufferedBytes().toBytes();
		ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
		byte[] chunk = new byte[8192];
		try (InputStream in = request.getInputStream()) {
			int read;
			long total = 0;
			while ((read = in.read(chunk)) != -1) {
				total += read;
				if (total > limit) {
					return null;
				}
				if (this.buffered.addAndGet(read) > budget) {
					this.buffered.addAndGet(-read);
					buffered.busy = true;
					return null;
				}
				buffered.reserved += read;
				out.write(chunk, 0, read);
			}
		}
		return out.toByteArray();
	}

	/** What one request holds of the shared budget. */
	private static final class Buffered {

		long reserved;

		boolean busy;

	}

	/** Matches unless the mode is {@code journal} (no public endpoint then). */
	static final class OnWebhooks implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return IngressMode.of(context.getEnvironment()).webhooks();
		}

	}

}
