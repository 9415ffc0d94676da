package dev.hubsync.hubspot.signature;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

import dev.hubsync.hubspot.signature.Verification.Reason;
import dev.hubsync.hubspot.signature.Verification.Rejected;
import dev.hubsync.hubspot.signature.Verification.Verified;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The vectors of reference §10: HubSpot's published ones and our own. */
class WebhookSignaturesTests {

	private static final String HUBSPOT_SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";

	private static final byte[] HUBSPOT_V1_BODY = ("[{\"eventId\":1,\"subscriptionId\":12345,\"portalId\":62515,"
			+ "\"occurredAt\":1564113600000,\"subscriptionType\":\"contact.creation\",\"attemptNumber\":0,"
			+ "\"objectId\":123,\"changeSource\":\"CRM\",\"changeFlag\":\"NEW\",\"appId\":54321}]")
		.getBytes(StandardCharsets.UTF_8);

	private static final String OWN_SECRET = "test-secret";

	private static final String TIMESTAMP = "1700000000000";

	private static final byte[] B = ("[{\"eventId\":100,\"subscriptionId\":200,\"portalId\":300,\"appId\":400,"
			+ "\"occurredAt\":1700000000000,\"subscriptionType\":\"contact.propertyChange\",\"attemptNumber\":0,"
			+ "\"objectId\":500,\"propertyName\":\"email\",\"propertyValue\":\"a@example.com\",\"changeSource\":\"CRM_UI\","
			+ "\"sourceId\":\"userId:7\"}]")
		.getBytes(StandardCharsets.UTF_8);

	@Test
	void ownBodyIsTheDocumentedSize() {
		assertThat(B).hasSize(270);
	}

	@Test
	void hubSpotPublishedVectors() {
		assertThat(WebhookSignatures.v1(HUBSPOT_SECRET, HUBSPOT_V1_BODY))
			.isEqualTo("232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de");
		assertThat(WebhookSignatures.v2(HUBSPOT_SECRET, "GET", "https://www.example.com/webhook_uri", new byte[0]))
			.isEqualTo("eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e");
		assertThat(WebhookSignatures.v2(HUBSPOT_SECRET, "POST", "https://www.example.com/webhook_uri",
				"{\"example_field\":\"example_value\"}".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("9569219f8ba981ffa6f6f16aa0f48637d35d728c7e4d93d0d52efaa512af7900");
		assertThat(WebhookSignatures.v3(HUBSPOT_SECRET, "POST", "https://www.example.com/webhook_uri",
				"{\"example_field\":\"example_value\"}".getBytes(StandardCharsets.UTF_8), TIMESTAMP))
			.isEqualTo("rQEKkaNUiu+1qGF//O/pw4BCzstSqO1PyUnGICmf+7o=");
	}

	@Test
	void ownVectors() {
		String uri = "https://example.com/hubspot/webhook?tenant=acme";
		assertThat(WebhookSignatures.v1(OWN_SECRET, B))
			.isEqualTo("e9270682e3d282615c5833f8fc9f98f25f710ebb0020ab7da04304ab4e312a63");
		assertThat(WebhookSignatures.v2(OWN_SECRET, "POST", uri, B))
			.isEqualTo("d35231a39d14ffb24e6613437bedecd804eeb4f1e7bf5075ed6efd7f0be89cfa");
		assertThat(WebhookSignatures.v3(OWN_SECRET, "POST", uri, B, TIMESTAMP))
			.isEqualTo("m/HLUjnUmPWUhJGj9TOuCv7N4H71eIqLhEEg1egpdnM=");
		assertThat(WebhookSignatures.v3(OWN_SECRET, "GET", "https://example.com/hook", new byte[0], TIMESTAMP))
			.isEqualTo("i1X4nCmm+w54JJqkFZ6OUty4jTQVFaqDf58zSs+AmiE=");
		assertThat(WebhookSignatures.v3(OWN_SECRET, "POST", "https://example.com/hook",
				"[{\"propertyValue\":\"Zoë Ł\"}]".getBytes(StandardCharsets.UTF_8), TIMESTAMP))
			.isEqualTo("UZrADfH5Eh1pCVt3AN5xiSQ/ZBobqrJWCjKmrhT9tWQ=");
	}

	@Test
	void v3DecodesOnlyTheListedEscapes() {
		String received = "https://example.com/hook?email=a%40b.com&note=x%2Cy%20z";
		assertThat(WebhookSignatures.decodeV3Uri(received))
			.isEqualTo("https://example.com/hook?email=a@b.com&note=x,y%20z");
		assertThat(WebhookSignatures.v3(OWN_SECRET, "POST", received, B, TIMESTAMP))
			.isEqualTo("LwokNbCPlar0g/LH4cAQGiTokbGCk68FqbKzrhWcdPs=");
		assertThat(WebhookSignatures.v3Raw(OWN_SECRET, "POST", received, B, TIMESTAMP))
			.isEqualTo("PRo2HbSFbMFvt7eX8nymYIdyxeriYfhhUTUHNeFxFSE=");
		assertThat(WebhookSignatures.decodeV3Uri("a%3a%2f%3F%21%24%27%28%29%2A%2c%3b%25%"))
			.isEqualTo("a:/?!$'()*,;%25%");
	}

	@Test
	void verifierAcceptsGenuineRequestsOfEachVersion() {
		String uri = "https://example.com/hubspot/webhook?tenant=acme";
		SignatureVerifier verifier = verifier(List.of(OWN_SECRET));
		assertThat(verifier.verify(new SignedRequest("POST", uri, B, null, null,
				"m/HLUjnUmPWUhJGj9TOuCv7N4H71eIqLhEEg1egpdnM=", TIMESTAMP)))
			.isEqualTo(new Verified(SignatureVersion.V3, 0));
		assertThat(verifier.verify(new SignedRequest("POST", uri, B,
				"e9270682e3d282615c5833f8fc9f98f25f710ebb0020ab7da04304ab4e312a63", "v1", null, null)))
			.isEqualTo(new Verified(SignatureVersion.V1, 0));
		assertThat(verifier.verify(new SignedRequest("POST", uri, B,
				"d35231a39d14ffb24e6613437bedecd804eeb4f1e7bf5075ed6efd7f0be89cfa", "v2", null, null)))
			.isEqualTo(new Verified(SignatureVersion.V2, 0));
	}

	@Test
	void verifierAcceptsBothDecodedAndVerbatimV3Uris() {
		String received = "https://example.com/hook?email=a%40b.com&note=x%2Cy%20z";
		SignatureVerifier verifier = verifier(List.of(OWN_SECRET));
		assertThat(verifier
			.verify(new SignedRequest("POST", received, B, null, null, "LwokNbCPlar0g/LH4cAQGiTokbGCk68FqbKzrhWcdPs=",
					TIMESTAMP))
			.verified()).isTrue();
		assertThat(verifier
			.verify(new SignedRequest("POST", received, B, null, null, "PRo2HbSFbMFvt7eX8nymYIdyxeriYfhhUTUHNeFxFSE=",
					TIMESTAMP))
			.verified()).isTrue();
	}

	@Test
	void verifierTriesEverySecretDuringRotation() {
		SignatureVerifier verifier = verifier(List.of("new-secret", OWN_SECRET));
		assertThat(verifier.verify(new SignedRequest("POST", "https://example.com/hubspot/webhook?tenant=acme", B, null,
				null, "m/HLUjnUmPWUhJGj9TOuCv7N4H71eIqLhEEg1egpdnM=", TIMESTAMP)))
			.isEqualTo(new Verified(SignatureVersion.V3, 1));
	}

	@Test
	void verifierRejectsWithAReason() {
		String uri = "https://example.com/hubspot/webhook?tenant=acme";
		SignatureVerifier verifier = verifier(List.of(OWN_SECRET));
		assertThat(verifier.verify(new SignedRequest("POST", uri, B, null, null, null, null)))
			.isInstanceOfSatisfying(Rejected.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.MISSING_SIGNATURE));
		assertThat(verifier.verify(new SignedRequest("POST", uri + "&x=1", B, null, null,
				"m/HLUjnUmPWUhJGj9TOuCv7N4H71eIqLhEEg1egpdnM=", TIMESTAMP)))
			.isInstanceOfSatisfying(Rejected.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.BAD_SIGNATURE));
		assertThat(verifier.verify(new SignedRequest("POST", uri, B, null, null, "x", null)))
			.isInstanceOfSatisfying(Rejected.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.BAD_TIMESTAMP));
		assertThat(verifier.verify(new SignedRequest("POST", uri, B, null, null, "x", "yesterday")))
			.isInstanceOfSatisfying(Rejected.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.BAD_TIMESTAMP));
		assertThat(verifier.verify(new SignedRequest("POST", uri, B, "abc", "v9", null, null))).isInstanceOfSatisfying(
				Rejected.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.VERSION_NOT_ACCEPTED));
	}

	@Test
	void verifierRejectsStaleAndFutureTimestamps() {
		String uri = "https://example.com/hubspot/webhook?tenant=acme";
		SignedRequest request = new SignedRequest("POST", uri, B, null, null,
				"m/HLUjnUmPWUhJGj9TOuCv7N4H71eIqLhEEg1egpdnM=", TIMESTAMP);
		Instant signedAt = Instant.ofEpochMilli(Long.parseLong(TIMESTAMP));
		assertThat(verifierAt(signedAt.plus(Duration.ofMinutes(5))).verify(request).verified()).isTrue();
		assertThat(verifierAt(signedAt.plus(Duration.ofMinutes(5)).plusMillis(1)).verify(request))
			.isInstanceOfSatisfying(Rejected.class, (r) -> assertThat(r.reason()).isEqualTo(Reason.STALE_TIMESTAMP));
		assertThat(verifierAt(signedAt.minus(Duration.ofMinutes(2))).verify(request))
			.isInstanceOfSatisfying(Rejected.class, (r) -> assertThat(r.message()).contains("in the future"));
	}

	@Test
	void verifierHonoursTheAcceptedVersions() {
		SignatureVerifier v3Only = new SignatureVerifier(List.of(OWN_SECRET), EnumSet.of(SignatureVersion.V3),
				Duration.ofMinutes(5), Duration.ofMinutes(1), clockAt(Instant.ofEpochMilli(1700000000000L)));
		assertThat(v3Only.verify(new SignedRequest("POST", "https://example.com/hubspot/webhook?tenant=acme", B,
				"e9270682e3d282615c5833f8fc9f98f25f710ebb0020ab7da04304ab4e312a63", "v1", null, null)))
			.isInstanceOfSatisfying(Rejected.class,
					(r) -> assertThat(r.reason()).isEqualTo(Reason.VERSION_NOT_ACCEPTED));
	}

	private static SignatureVerifier verifier(List<String> secrets) {
		return new SignatureVerifier(secrets, EnumSet.allOf(SignatureVersion.class), Duration.ofMinutes(5),
				Duration.ofMinutes(1), clockAt(Instant.ofEpochMilli(1700000000000L)));
	}

	private static SignatureVerifier verifierAt(Instant now) {
		return new SignatureVerifier(List.of(OWN_SECRET), EnumSet.allOf(SignatureVersion.class), Duration.ofMinutes(5),
				Duration.ofMinutes(1), clockAt(now));
	}

	private static Clock clockAt(Instant now) {
		return Clock.fixed(now, ZoneOffset.UTC);
	}

}
