package dev.hubsync.emulator;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * {@code java -jar hubspot-emulator/target/hubspot-emulator.jar [--name=value …]}.
 */
// The emulator has no database and no Kafka; when it runs in-process beside services that
// do
// (tests, the dev stack), their auto-configurations must not configure it.
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
		"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" })
@ConfigurationPropertiesScan
public class HubSpotEmulatorApplication {

	/**
	 * The configuration name: {@code hubspot-emulator.properties}, so it can share a JVM
	 * with services.
	 */
	public static final String CONFIG_NAME = "hubspot-emulator";

	/**
	 * Runs the emulator, listening on loopback only unless {@code server.address} says
	 * otherwise.
	 * @param args Spring Boot arguments, e.g. {@code --server.port=8090}
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(HubSpotEmulatorApplication.class);
		// loopback unless told otherwise (SERVER_ADDRESS=0.0.0.0 in a container): its
		// admin API is unauthenticated and can point webhooks anywhere
		application
			.setDefaultProperties(java.util.Map.of("spring.config.name", CONFIG_NAME, "server.address", "127.0.0.1"));
		application.run(args);
	}

}
