package dev.hubsync.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hubsync-ops oauth}: the worker's admin API called with the key (a small HTTP
 * server stands in for the worker's two endpoints; OAuthInstallIT runs the real ones).
 */
class OAuthCommandTests {

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private HttpServer worker;

	@BeforeEach
	void start() throws IOException {
		this.worker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.worker.createContext("/api/oauth", (exchange) -> {
			this.calls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
					+ exchange.getRequestHeaders().getFirst("X-HubSync-Api-Key"));
			byte[] body = (exchange.getRequestURI().getPath().endsWith("/rotate-keys")
					? "{\"activeKey\":\"k2\",\"reencrypted\":1}" : "{\"installed\":true,\"keyId\":\"k2\"}")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.worker.start();
		System.setProperty("hubsync.ops.api-key", "ops-test-key");
	}

	@AfterEach
	void stop() {
		System.clearProperty("hubsync.ops.api-key");
		this.worker.stop(0);
	}

	@Test
	void rotateKeysAsksTheWorkerToReEncrypt() {
		HubSyncOpsTests.Result result = HubSyncOpsTests.run("oauth", "rotate-keys", "--worker-url", url());
		assertThat(result.exit()).as(result.text()).isZero();
		assertThat(result.out()).contains("\"reencrypted\":1");
		assertThat(this.calls).containsExactly("POST /api/oauth/rotate-keys ops-test-key");
	}

	@Test
	void statusShowsTheInstallation() {
		HubSyncOpsTests.Result result = HubSyncOpsTests.run("oauth", "status", "--worker-url", url());
		assertThat(result.exit()).as(result.text()).isZero();
		assertThat(result.out()).contains("\"installed\":true");
		assertThat(this.calls).containsExactly("GET /api/oauth ops-test-key");
	}

	private String url() {
		return "http://127.0.0.1:" + this.worker.getAddress().getPort();
	}

}
