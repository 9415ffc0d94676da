package dev.hubsync.ingress.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.hubsync.hubspot.signature.WebhookSignatures;

/** Sends webhook requests the way HubSpot does, signed or not. */
public final class WebhookClient {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String localUrl;

	private final String signedUrl;

	private final String secret;

	/**
	 * @param localUrl where the request goes
	 * @param signedUrl the URL HubSpot believes it calls (the ingress's public one)
	 * @param secret the client secret
	 */
	public WebhookClient(String localUrl, String signedUrl, String secret) {
		this.localUrl = localUrl;
		this.signedUrl = signedUrl;
		this.secret = secret;
	}

	public HttpResponse<String> postSigned(String body) {
		return postSigned(body.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
	}

	public HttpResponse<String> postSigned(byte[] body, long timestamp) {
		String ts = String.valueOf(timestamp);
		return send(HttpRequest.newBuilder(URI.create(this.localUrl))
			.header("Content-Type", "application/json")
			.header(WebhookSignatures.V3_HEADER, WebhookSignatures.v3(this.secret, "POST", this.signedUrl, body, ts))
			.header(WebhookSignatures.TIMESTAMP_HEADER, ts)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String localUrl() {
		return this.localUrl;
	}

	public String signedUrl() {
		return this.signedUrl;
	}

	public String secret() {
		return this.secret;
	}

}
