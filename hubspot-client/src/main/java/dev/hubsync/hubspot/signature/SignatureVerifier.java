package dev.hubsync.hubspot.signature;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import dev.hubsync.hubspot.signature.Verification.Reason;
import dev.hubsync.hubspot.signature.Verification.Rejected;
import dev.hubsync.hubspot.signature.Verification.Verified;
import org.jspecify.annotations.Nullable;

/**
 * Verifies HubSpot request signatures against one or more client secrets (several during
 * a rotation). A v3 signature, when present and accepted, decides: its timestamp must be
 * within {@code maxAge} in the past and {@code maxFutureSkew} in the future, and it is
 * checked over the v3-decoded URI, then, for senders that sign the URI verbatim as
 * HubSpot's SDKs do, over the URI as received. Otherwise a v1/v2 signature is checked if
 * its version is accepted.
 */
public final class SignatureVerifier {

	private final List<String> clientSecrets;

	private final Set<SignatureVersion> accepted;

	private final Duration maxAge;

	private final Duration maxFutureSkew;

	private final Clock clock;

	/**
	 * Creates a verifier.
	 * @param clientSecrets the secrets, current first; at least one
	 * @param accepted the versions accepted
	 * @param maxAge how old a v3 timestamp may be (HubSpot: 5 minutes)
	 * @param maxFutureSkew how far in the future a v3 timestamp may be (clock skew)
	 * @param clock the clock
	 */
	public SignatureVerifier(List<String> clientSecrets, Set<SignatureVersion> accepted, Duration maxAge,
			Duration maxFutureSkew, Clock clock) {
		if (clientSecrets.isEmpty() || clientSecrets.stream().anyMatch(String::isEmpty)) {
			throw new IllegalArgumentException("at least one non-empty client secret is required");
		}
		this.clientSecrets = List.copyOf(clientSecrets);
		this.accepted = accepted.isEmpty() ? EnumSet.noneOf(SignatureVersion.class) : EnumSet.copyOf(accepted);
		this.maxAge = maxAge;
		this.maxFutureSkew = maxFutureSkew;
		this.clock = clock;
	}

	/**
	 * Checks a request's signature headers before its body is read: a request without a
	 * signature header, with a version not accepted here, or with a missing, malformed or
	 * stale v3 timestamp is refused without reading (or buffering) a byte of its body.
	 * The messages never repeat the headers' text.
	 * @param headers returns a header's value by name, or {@code null}
	 * @return why the request is refused, or empty when its body is worth checking
	 */
	public Optional<Rejected> screen(UnaryOperator<@Nullable String> headers) {
		return Optional.ofNullable(screen(SignedRequest.of("POST", "", new byte[0], headers)));
	}

	/**
	 * Checks a request.
	 * @param request the request
	 * @return whether it is genuine, and if not, why
	 */
	public Verification verify(SignedRequest request) {
		Rejected screened = screen(request);
		if (screened != null) {
			return screened;
		}
		if (request.signatureV3() != null && this.accepted.contains(SignatureVersion.V3)) {
			return verifyV3(request, request.signatureV3());
		}
		return verifyV1V2(request, Objects.requireNonNull(version(request)),
				Objects.requireNonNull(request.signature()));
	}

	private @Nullable Rejected screen(SignedRequest request) {
		if (request.signatureV3() != null && this.accepted.contains(SignatureVersion.V3)) {
			return timestampProblem(request.timestamp());
		}
		if (request.signature() != null) {
			SignatureVersion version = version(request);
			if (version == null || version == SignatureVersion.V3 || !this.accepted.contains(version)) {
				return new Rejected(Reason.VERSION_NOT_ACCEPTED,
						"the request's " + WebhookSignatures.VERSION_HEADER + " is not one accepted here "
								+ this.accepted.stream().map(SignatureVersion::headerValue).toList());
			}
			return null;
		}
		if (request.signatureV3() != null) {
			return new Rejected(Reason.VERSION_NOT_ACCEPTED, "signature version v3 is not accepted here");
		}
		return new Rejected(Reason.MISSING_SIGNATURE, "no HubSpot signature header");
	}

	private static @Nullable SignatureVersion version(SignedRequest request) {
		return (request.signatureVersion() != null)
				? SignatureVersion.fromHeader(request.signatureVersion()).orElse(null) : SignatureVersion.V1;
	}

	private @Nullable Rejected timestampProblem(@Nullable String timestamp) {
		if (timestamp == null) {
			return new Rejected(Reason.BAD_TIMESTAMP, "missing " + WebhookSignatures.TIMESTAMP_HEADER);
		}
		long millis;
		try {
			millis = Long.parseLong(timestamp.trim());
		}
		catch (NumberFormatException ex) {
			return new Rejected(Reason.BAD_TIMESTAMP,
					WebhookSignatures.TIMESTAMP_HEADER + " is not epoch milliseconds");
		}
		long age = this.clock.millis() - millis;
		if (age > this.maxAge.toMillis()) {
			return new Rejected(Reason.STALE_TIMESTAMP,
					"request timestamp is " + age + " ms old (limit " + this.maxAge.toMillis() + " ms)");
		}
		if (-age > this.maxFutureSkew.toMillis()) {
			return new Rejected(Reason.STALE_TIMESTAMP, "request timestamp is " + (-age) + " ms in the future (limit "
					+ this.maxFutureSkew.toMillis() + " ms)");
		}
		return null;
	}

	private Verification verifyV3(SignedRequest request, String signature) {
		String timestamp = Objects.requireNonNull(request.timestamp());
		String decoded = WebhookSignatures.decodeV3Uri(request.uri());
		for (int i = 0; i < this.clientSecrets.size(); i++) {
			String secret = this.clientSecrets.get(i);
			if (matches(WebhookSignatures.v3Raw(secret, request.method(), decoded, request.body(), timestamp),
					signature)
					|| (!decoded.equals(request.uri()) && matches(
							WebhookSignatures.v3Raw(secret, request.method(), request.uri(), request.body(), timestamp),
							signature))) {
				return new Verified(SignatureVersion.V3, i);
			}
		}
		return new Rejected(Reason.BAD_SIGNATURE, "v3 signature does not match");
	}

	private Verification verifyV1V2(SignedRequest request, SignatureVersion version, String signature) {
		for (int i = 0; i < this.clientSecrets.size(); i++) {
			String secret = this.clientSecrets.get(i);
			String expected = (version == SignatureVersion.V1) ? WebhookSignatures.v1(secret, request.body())
					: WebhookSignatures.v2(secret, request.method(), request.uri(), request.body());
			if (matches(expected, signature)) {
				return new Verified(version, i);
			}
		}
		return new Rejected(Reason.BAD_SIGNATURE, version.headerValue() + " signature does not match");
	}

	private static boolean matches(String expected, String received) {
		return WebhookSignatures.constantTimeEquals(expected, received.trim());
	}

}
