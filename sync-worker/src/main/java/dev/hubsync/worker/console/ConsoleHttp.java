package dev.hubsync.worker.console;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.hubsync.worker.DaemonThreads;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The console's HTTP client (the mapping service, the other services' actuators), on an
 * executor of its own that is shut down with the context.
 */
@Component
class ConsoleHttp implements DisposableBean {

	private final ExecutorService executor = Executors
		.newCachedThreadPool(DaemonThreads.numbered("hubsync-console-http-"));

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.executor(this.executor)
		.build();

	HttpClient client() {
		return this.client;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
