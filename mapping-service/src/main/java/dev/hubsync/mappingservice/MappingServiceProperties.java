package dev.hubsync.mappingservice;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The mapping service's configuration ({@code hubsync.mapping.*}).
 *
 * @param file the mapping file (config as code), a Spring resource location
 * ({@code classpath:…}, {@code file:…}); empty for none
 * @param seedFromFile whether an object type without any stored mapping gets the file's
 * at start-up
 * @param republishInterval how often versions whose publication failed are published
 * again
 * @param publishTimeout how long a save waits for Kafka's acknowledgement
 * @param replicationFactor replication factor of the mapping topic when created here
 * @param validateAgainstHubSpot whether saves are checked against HubSpot's live
 * properties (the platform table is always checked)
 * @param defaultSchema the schema of table names given without one
 * @param allowedSchemas the schemas a mapping may name (HubSync's own schema and
 * PostgreSQL's catalogs never); the sync worker checks the same list
 */
@ConfigurationProperties("hubsync.mapping")
@Validated
public record MappingServiceProperties(@DefaultValue("classpath:hubsync/demo-mapping.yaml") String file,
		@DefaultValue("true") boolean seedFromFile, @DefaultValue("30s") @NotNull Duration republishInterval,
		@DefaultValue("10s") @NotNull Duration publishTimeout, @DefaultValue("1") @Min(1) short replicationFactor,
		@DefaultValue("true") boolean validateAgainstHubSpot,
		@DefaultValue("public") @Pattern(regexp = "[a-z_][a-z0-9_]{0,62}") String defaultSchema,
		@DefaultValue("public") @NotEmpty List<String> allowedSchemas) {
}
