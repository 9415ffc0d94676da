package dev.hubsync.worker;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class WorkerConfigurationTests {

	@Test
	void aRetryBackOffTheConsumerGroupWouldNotWaitForFailsTheStartWithTheKeysName() {
		// Kafka's default max.poll.interval.ms is 300 s: the default back-off (1 min)
		// fits
		assertThatNoException()
			.isThrownBy(() -> WorkerConfiguration.checkBackOffFitsPollInterval(Duration.ofMinutes(1), null));
		assertThatIllegalStateException()
			.isThrownBy(() -> WorkerConfiguration.checkBackOffFitsPollInterval(Duration.ofMinutes(4), null))
			.withMessageContaining("hubsync.worker.retry.max-backoff")
			.withMessageContaining("max.poll.interval.ms");
		assertThatIllegalStateException()
			.isThrownBy(() -> WorkerConfiguration.checkBackOffFitsPollInterval(Duration.ofSeconds(10), "15000"));
		assertThatNoException()
			.isThrownBy(() -> WorkerConfiguration.checkBackOffFitsPollInterval(Duration.ofSeconds(10), "600000"));
	}

}
