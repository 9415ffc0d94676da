package dev.hubsync.ingress;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** {@code java -jar webhook-ingress/target/webhook-ingress.jar}. */
// The ingress has no database (ARCHITECTURE §14); when it shares a classpath with
// services that
// do (the dev stack, benchmarks), their auto-configuration must not configure one here.
@SpringBootApplication(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
		"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration" })
@ConfigurationPropertiesScan
public class WebhookIngressApplication {

	/**
	 * The configuration name ({@code webhook-ingress.properties}), so services can share
	 * a JVM.
	 */
	public static final String CONFIG_NAME = "webhook-ingress";

	/**
	 * Runs the ingress.
	 * @param args Spring Boot arguments
	 */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(WebhookIngressApplication.class);
		application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
		application.run(args);
	}

}
