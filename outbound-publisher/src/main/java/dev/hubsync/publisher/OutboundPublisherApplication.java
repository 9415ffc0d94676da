package dev.hubsync.publisher;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code java -jar outbound-publisher/target/outbound-publisher.jar}. */
// The publisher only reads the platform database and owns no schema; when it shares a
// classpath
// with services that use Flyway (the dev stack, benchmarks), their migrations must not
// run here.
@SpringBootApplication(excludeName = { "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
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
