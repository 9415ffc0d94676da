package dev.hubsync.ingress.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.hubsync.hubspot.signature.SignatureVerifier;
import dev.hubsync.hubspot.signature.SignedRequest;
import dev.hubsync.hubspot.signature.Verification;
import dev.hubsync.ingress.IngressProperties;
import dev.hubsync.ingress.observability.IngressMetrics;
import dev.hubsync.ingress.observability.IngressMetrics.Outcome;
import dev.hubsync.ingress.publishing.EventPublisher;
import dev.hubsync.ingress.publishing.KafkaUnavailableException;
import dev.hubsync.ingress.publishing.PublishResult;
import dev.hubsync.ingress.publishing.Slice;
import dev.hubsync.ingress.signature.SignedUrl;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhooks/hubspot}: 415 for a body that is not JSON, 413 over the size
 * limit, 401 without a valid signature or with a stale timestamp, 400 for a body that is
 * not a JSON array, 503 when Kafka does not acknowledge in time, 200 otherwise — an empty
 * array included, malformed events dead-lettered. Nothing of a rejected request reaches
 * Kafka.
 */
@RestController
class WebhookController {

	private static final Logger logger = LoggerFactory.getLogger(WebhookController.class);

	private final IngressProperties properties;

	private final SignatureVerifier verifier;

	private final SignedUrl signedUrl;

	private final EventPublisher publisher;

	private final IngressMetrics metrics;

	private final JsonMapper json;

	WebhookController(IngressProperties properties, SignatureVerifier verifier, SignedUrl signedUrl,
			EventPublisher publisher, IngressMetrics metrics, JsonMapper json) {
		this.properties = properties;
		this.verifier = verifier;
		this.signedUrl = signedUrl;
		this.publisher = publisher;
		this.metrics = metrics;
		this.json = json;
	}

	@PostMapping("${hubsync.ingress.path:/webhooks/hubspot}")
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
		if (!isJson(request.getContentType())) {
			return reject(Outcome.UNSUPPORTED_MEDIA_TYPE, 415, "unsupported_media_type",
					"the body must be application/json, not " + request.getContentType());
		}
		long limit = this.properties.maxBodySize().toBytes();
		byte[] body = read(request, limit);
		if (body == null) {
			return reject(Outcome.TOO_LARGE, 413, "too_large", "the body is larger than " + limit + " bytes");
		}
		Verification verification = this.verifier
			.verify(SignedRequest.of(request.getMethod(), this.signedUrl.of(request), body, request::getHeader));
		if (verification instanceof Verification.Rejected rejected) {
			Outcome outcome = (rejected.reason() == Verification.Reason.STALE_TIMESTAMP) ? Outcome.STALE
					: Outcome.BAD_SIGNATURE;
			logger.warn("Refused a webhook request: {}", rejected.message());
			return reject(outcome, 401, rejected.reason().name().toLowerCase(java.util.Locale.ROOT),
					rejected.message());
		}
		List<Slice> slices;
		try {
			slices = WebhookBody.parse(body, this.json);
		}
		catch (WebhookBody.NotAJsonArrayException ex) {
			return reject(Outcome.MALFORMED, 400, "malformed", ex.getMessage());
		}
		long began = System.nanoTime();
		PublishResult result;
		try {
			result = this.publisher.publish(slices, ((Verification.Verified) verification).version(),
					this.properties.publishTimeout());
		}
		catch (KafkaUnavailableException ex) {
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

	private ResponseEntity<Map<String, Object>> reject(Outcome outcome, int status, String error, String message) {
		this.metrics.rejected(outcome);
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

	/** Reads at most {@code limit} bytes; {@code null} when the body is larger. */
	private static byte[] read(HttpServletRequest request, long limit) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > limit) {
			return null;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream((declared > 0) ? (int) declared : 8192);
		byte[] buffer = new byte[16384];
		try (InputStream in = request.getInputStream()) {
			int read;
			long total = 0;
			while ((read = in.read(buffer)) != -1) {
				total += read;
				if (total > limit) {
					return null;
				}
				out.write(buffer, 0, read);
			}
		}
		return out.toByteArray();
	}

}
