package dev.hubsync.ingress.observability;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Up while the broker answers a cluster description within 2 seconds; down naming the
 * failure's type ({@code SaslAuthenticationException} for a wrong SASL password,
 * {@code TimeoutException} for an unreachable broker), never its message.
 */
@Component("kafka")
class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

	private final Admin admin;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
		this.admin = Admin.create(config);
	}

	@Override
	public Health health() {
		try {
			int nodes = this.admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
				.nodes()
				.get(3, TimeUnit.SECONDS)
				.size();
			return Health.up().withDetail("nodes", nodes).build();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Health.down(ex).build();
		}
		catch (Exception ex) {
			Throwable failure = (ex instanceof ExecutionException && ex.getCause() != null) ? ex.getCause() : ex;
			return Health.down().withDetail("error", failure.getClass().getSimpleName()).build();
		}
	}

	@Override
	public void destroy() {
		this.admin.close(java.time.Duration.ofSeconds(2));
	}

}
