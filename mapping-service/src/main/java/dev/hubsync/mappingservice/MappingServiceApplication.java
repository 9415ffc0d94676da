package dev.hubsync.mappingservice;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code java -jar mapping-service/target/mapping-service.jar}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MappingServiceApplication {

	/**
	 * The configuration name ({@code mapping-service.properties}), so services can share
	 * a JVM.
	 */
	public static final String CONFIG_NAME = "mapping-service";

	/**
	 * Runs the service.
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(MappingServiceApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
