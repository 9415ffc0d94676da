package dev.hubsync.chaos.stack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceProcessTests {

	@Test
	void passesPropertiesAsTheEnvironmentVariablesDockerComposeSets() {
		assertThat(ServiceProcess.environmentName("spring.kafka.bootstrap-servers"))
			.isEqualTo("SPRING_KAFKA_BOOTSTRAPSERVERS");
		assertThat(ServiceProcess.environmentName("hubsync.hubspot.rate-limit.store"))
			.isEqualTo("HUBSYNC_HUBSPOT_RATELIMIT_STORE");
		assertThat(ServiceProcess.environmentName("emulator.webhook.target-url"))
			.isEqualTo("EMULATOR_WEBHOOK_TARGETURL");
	}

}
