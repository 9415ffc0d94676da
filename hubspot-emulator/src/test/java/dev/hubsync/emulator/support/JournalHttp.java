package dev.hubsync.emulator.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.hubsync.emulator.testing.HubSpotEmulator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls of the webhooks journal's tests: a client-credentials token from the emulator's
 * token endpoint, and an entry file fetched by its pre-signed URL without a token.
 */
public final class JournalHttp {

	/** The journal reader's client id the emulator knows by default. */
	public static final String CLIENT_ID = HubSpotEmulator.JOURNAL_CLIENT_ID;

	/** Its client secret the emulator knows by default. */
	public static final String CLIENT_SECRET = HubSpotEmulator.CLIENT_SECRET;

	/** Every journal scope. */
	public static final String ALL_SCOPES = "developer.webhooks_journal.read developer.webhooks_journal.subscriptions.read"
			+ " developer.webhooks_journal.subscriptions.write developer.webhooks_journal.snapshots.read"
			+ " developer.webhooks_journal.snapshots.write";

	private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private JournalHttp() {
	}

	/**
	 * Asks the token endpoint.
	 * @param base the emulator
	 * @param path the token path, e.g. {@code /oauth/2026-03/token}
	 * @param form the form body
	 * @return the answer
	 */
	public static Http.Response token(URI base, String path, String form) {
		return send(HttpRequest.newBuilder(base.resolve(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form)));
	}

	/**
	 * Gets a client-credentials token with the given scopes.
	 * @param base the emulator
	 * @param scopes space-separated scopes
	 * @return the access token
	 */
	public static String clientCredentials(URI base, String scopes) {
		Http.Response response = token(base, "/oauth/2026-03/token", "grant_type=client_credentials&client_id="
				+ CLIENT_ID + "&client_secret=" + CLIENT_SECRET + "&scope=" + scopes.replace(" ", "%20"));
		if (response.status() != 200) {
			throw new IllegalStateException("token refused: " + response.status() + " " + response.body());
		}
		return JSON.readTree(response.body()).get("access_token").asString();
	}

	/**
	 * Fetches a URL without any token.
	 * @param url the pre-signed URL
	 * @return the answer
	 */
	public static Http.Response fetch(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	private static Http.Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			return new Http.Response(response.statusCode(), response.body(), response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
