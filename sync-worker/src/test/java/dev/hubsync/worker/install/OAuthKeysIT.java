package dev.hubsync.worker.install;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.hubsync.infra.demo.DemoDatabase;
import dev.hubsync.infra.junit.EmbeddedInfra;
import dev.hubsync.infra.junit.SharedInfra;
import dev.hubsync.worker.support.Workers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A worker with {@code hubsync.hubspot.auth=oauth} does not start without usable token
 * keys, and says which property is at fault without printing a key.
 */
@EmbeddedInfra
class OAuthKeysIT {

	private static final String SHORT_KEY = Base64.getEncoder()
		.encodeToString("sixteen-byte-key".getBytes(StandardCharsets.US_ASCII));

	private static DemoDatabase database;

	@BeforeAll
	static void database() {
		database = SharedInfra.newDemoDatabase();
	}

	@Test
	void aShortKeyStopsStartUpNamingItsProperty() {
		assertThatThrownBy(
				() -> start("--hubsync.hubspot.oauth.keys.k1=" + SHORT_KEY, "--hubsync.hubspot.oauth.active-key=k1"))
			.hasStackTraceContaining("hubsync.hubspot.oauth.keys.k1 must be 32 bytes (AES-256) in base64, it has 16")
			.satisfies((failure) -> assertThat(stackTrace(failure)).doesNotContain(SHORT_KEY));
	}

	@Test
	void anActiveKeyThatIsNotConfiguredStopsStartUp() {
		String key = Base64.getEncoder().encodeToString(new byte[32]);
		assertThatThrownBy(
				() -> start("--hubsync.hubspot.oauth.keys.k1=" + key, "--hubsync.hubspot.oauth.active-key=k2"))
			.hasStackTraceContaining("hubsync.hubspot.oauth.keys.k2 is not set");
		assertThatThrownBy(() -> start("--hubsync.hubspot.oauth.keys.k1=" + key))
			.hasStackTraceContaining("hubsync.hubspot.oauth.active-key is not set");
	}

	private static void start(String... keys) {
		List<String> settings = new ArrayList<>(
				List.of("--hubsync.hubspot.auth=oauth", "--hubsync.hubspot.oauth.client-id=dev-client-id",
						"--hubsync.hubspot.oauth.client-secret=dev-client-secret", "--hubsync.admin.api-key=it-key",
						"--hubsync.admin.allow-weak-keys=true"));
		settings.addAll(List.of(keys));
		Workers.start(database, URI.create("http://127.0.0.1:1"), settings.toArray(String[]::new)).close();
	}

	private static String stackTrace(Throwable failure) {
		StringWriter text = new StringWriter();
		failure.printStackTrace(new PrintWriter(text));
		return text.toString();
	}

}
