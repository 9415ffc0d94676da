package dev.hubsync.publisher;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code java -jar outbound-publisher/target/outbound-publisher.jar}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class OutboundPublisherApplication {

	/**
	 * The configuration name ({@code outbound-publisher.properties}), so services can
	 * share a JVM.
	 */
	public static final String CONFIG_NAME = "outbound-publisher";

	/**
	 * Runs the publisher.
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(OutboundPublisherApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
