package dev.hubsync.worker;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** {@code java -jar sync-worker/target/sync-worker.jar}. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SyncWorkerApplication {

	/**
	 * The configuration name ({@code sync-worker.properties}), so services can share a
	 * JVM.
	 */
	public static final String CONFIG_NAME = "sync-worker";

	/**
	 * Runs the worker.
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SyncWorkerApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
