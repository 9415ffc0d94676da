package dev.hubsync.worker.install;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's part of an OAuth install, as the OAuth ITs drive it:
 * {@code /oauth/install} on the worker, HubSpot's (the emulator's) authorize page, then
 * the callback, following no redirect by itself so each hop is checked.
 */
final class Browser {

	private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	private final URI worker;

	private final URI emulator;

	Browser(URI worker, URI emulator) {
		this.worker = worker;
		this.emulator = emulator;
	}

	/**
	 * Follows {@code /oauth/install} to HubSpot and returns the redirect's parameters.
	 * @return {@code code} and {@code state}
	 * @throws Exception when a call fails
	 */
	Map<String, String> authorize() throws Exception {
		HttpResponse<String> install = get(worker("/oauth/install"));
		assertThat(install.statusCode()).isEqualTo(302);
		URI authorize = URI.create(install.headers().firstValue("Location").orElseThrow());
		assertThat(authorize.toString()).startsWith(this.emulator + "/oauth/authorize?client_id=dev-client-id");
		assertThat(UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("scope"))
			.contains("crm.objects.contacts.write");
		HttpResponse<String> approved = get(authorize);
		assertThat(approved.statusCode()).isEqualTo(302);
		URI back = URI.create(approved.headers().firstValue("Location").orElseThrow());
		assertThat(back.getPath()).isEqualTo("/oauth/callback");
		return UriComponentsBuilder.fromUri(back).build().getQueryParams().toSingleValueMap();
	}

	/**
	 * Installs: authorize, then the callback, which must succeed.
	 * @param portalId the portal the callback must name
	 * @throws Exception when a call fails
	 */
	void install(long portalId) throws Exception {
		Map<String, String> redirect = authorize();
		HttpResponse<String> callback = get(
				worker("/oauth/callback?code=" + redirect.get("code") + "&state=" + redirect.get("state")));
		assertThat(callback.statusCode()).as(callback.body()).isEqualTo(200);
		assertThat(callback.body()).contains("installed in HubSpot portal " + portalId);
	}

	URI worker(String path) {
		return this.worker.resolve(path);
	}

	HttpResponse<String> get(URI uri) throws Exception {
		return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

}
